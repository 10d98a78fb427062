package org.lenet5.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

/**
 * The TensorFlow variables of an {@link Architecture}, created once per graph and shared by every
 * lowering built in it. Names are flat, {@code <layer>_<parameter>} ({@code conv1_kernel}, {@code
 * bn1_moving_mean}, ...), so that checkpoints and optimizer slots get stable, readable names.
 * Weights and biases start as PyTorch's defaults: uniform in ±1/√fan_in.
 */
public final class ModelVariables {

  private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
  private final List<Variable<TFloat32>> trainable = new ArrayList<>();

  /**
   * Creates the variables of {@code architecture}, layer by layer, with their initializers.
   *
   * @param seed seeds the random initial weights; the i-th variable (from 1, counting every
   *     variable) draws its values with {@code seed2 = i}, so that a seed always gives the same
   *     model
   */
  ModelVariables(Ops tf, Architecture architecture, long seed) {
    for (Layer.Parameter parameter : architecture.parameters()) {
      Ops init = tf.withInitScope();
      Operand<TFloat32> value =
          parameter.random()
              ? uniform(init, parameter, seed, variables.size() + 1)
              : init.fill(
                  init.constant(new int[] {(int) parameter.shape().size()}),
                  init.constant(parameter.value()));
      Variable<TFloat32> created =
          tf.withName(parameter.name()).variable(value.shape(), TFloat32.class);
      tf.withInitScope().withName(parameter.name() + "_init").assign(created, value);
      variables.put(parameter.name(), created);
      if (parameter.trainable()) {
        trainable.add(created);
      }
    }
  }

  private static Operand<TFloat32> uniform(
      Ops init, Layer.Parameter parameter, long seed, long seed2) {
    float bound = (float) (1.0 / Math.sqrt(parameter.fanIn()));
    RandomUniform<TFloat32> uniform =
        init.random.randomUniform(
            init.constant(parameter.shape().asArray()),
            TFloat32.class,
            RandomUniform.seed(seed),
            RandomUniform.seed2(seed2));
    return init.math.sub(init.math.mul(uniform, init.constant(2 * bound)), init.constant(bound));
  }

  /** The variable {@code <layer>_<suffix>}, e.g. {@code get("conv1", "kernel")}. */
  Variable<TFloat32> get(String layer, String suffix) {
    return variables.get(layer + "_" + suffix);
  }

  /** The kernel or weight matrix and the bias of a convolution or dense layer. */
  record Weights(Variable<TFloat32> kernel, Variable<TFloat32> bias) {}

  /** A convolution's kernel and bias. */
  Weights of(Layer.Conv conv) {
    return new Weights(get(conv.name(), Layer.Conv.KERNEL), get(conv.name(), Layer.Conv.BIAS));
  }

  /** A dense layer's weights and bias. */
  Weights of(Layer.Dense dense) {
    return new Weights(
        get(dense.name(), Layer.Dense.WEIGHTS), get(dense.name(), Layer.Conv.BIAS));
  }

  /** A BatchNorm layer's scale, offset and running averages. */
  record BatchNormVariables(
      Variable<TFloat32> gamma,
      Variable<TFloat32> beta,
      Variable<TFloat32> movingMean,
      Variable<TFloat32> movingVariance) {}

  /** A BatchNorm layer's variables. */
  BatchNormVariables of(Layer.BatchNorm batchNorm) {
    String name = batchNorm.name();
    return new BatchNormVariables(
        get(name, Layer.BatchNorm.GAMMA),
        get(name, Layer.BatchNorm.BETA),
        get(name, Layer.BatchNorm.MOVING_MEAN),
        get(name, Layer.BatchNorm.MOVING_VARIANCE));
  }

  /** The weights, biases and BatchNorm scales and offsets, in layer order. */
  public List<Variable<TFloat32>> trainable() {
    return Collections.unmodifiableList(trainable);
  }

  /** Every variable by name, trainable or not, in layer order. */
  public Map<String, Variable<TFloat32>> all() {
    return Collections.unmodifiableMap(variables);
  }
}
