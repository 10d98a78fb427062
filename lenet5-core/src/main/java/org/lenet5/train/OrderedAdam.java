package org.lenet5.train;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Adam (Kingma and Ba) as TensorFlow's {@code ApplyAdam} ops over the model's reference variables,
 * ordered so that a step computes the same bits however its ops are scheduled: every update waits
 * for every gradient (so no op of the step still reads a weight that an update rewrites in place),
 * and the bias-correction powers β₁ᵗ and β₂ᵗ advance only after every update has read them.
 *
 * <p>TF Java 1.1.0's framework {@code Adam} advances the powers with {@code Assign} ops that wait
 * for nothing: they ran at the start of a step or, on a busy machine, after some updates had read
 * the powers, so identical runs diverged now and then (docs/architecture.md, "Determinism"). The
 * variables keep the framework's names ({@code <variable>-m}, {@code <variable>-v}, {@code
 * beta1_power}, {@code beta2_power}), so its checkpoints restore.
 */
final class OrderedAdam {

  /** Name of the learning-rate input: a scalar with the configured rate as its default. */
  static final String LEARNING_RATE = "learning_rate";

  private OrderedAdam() {}

  /**
   * The ops of one Adam step over {@code variables}, given their gradients.
   *
   * @return the op that completes the step: every update and both powers' advance
   */
  static Op step(
      Ops tf,
      List<Variable<TFloat32>> variables,
      List<Output<TFloat32>> gradients,
      Recipe recipe) {
    Operand<TFloat32> learningRate =
        tf.withName(LEARNING_RATE)
            .placeholderWithDefault(tf.constant(recipe.learningRate()), Shape.scalar());
    Operand<TFloat32> beta1 = tf.constant(recipe.beta1());
    Operand<TFloat32> beta2 = tf.constant(recipe.beta2());
    Operand<TFloat32> epsilon = tf.constant(recipe.epsilon());
    Variable<TFloat32> beta1Power = scalarVariable(tf, "beta1_power", recipe.beta1());
    Variable<TFloat32> beta2Power = scalarVariable(tf, "beta2_power", recipe.beta2());

    List<Operation> gradientOps = new ArrayList<>();
    gradients.forEach(gradient -> gradientOps.add(gradient.op()));
    Ops afterGradients = tf.withControlDependencyOps(gradientOps);
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      Variable<TFloat32> variable = variables.get(i);
      updates.add(
          afterGradients.train.applyAdam(
              variable,
              zerosLike(tf, variable, "-m"),
              zerosLike(tf, variable, "-v"),
              beta1Power,
              beta2Power,
              learningRate,
              beta1,
              beta2,
              epsilon,
              gradients.get(i)));
    }
    Ops afterUpdates = tf.withControlDependencies(updates);
    List<Op> advances =
        List.of(
            afterUpdates.assign(beta1Power, tf.math.mul(beta1Power, beta1)),
            afterUpdates.assign(beta2Power, tf.math.mul(beta2Power, beta2)));
    return tf.withControlDependencies(advances).noOp();
  }

  private static Variable<TFloat32> scalarVariable(Ops tf, String name, float initial) {
    Variable<TFloat32> variable = tf.withName(name).variable(Shape.scalar(), TFloat32.class);
    Ops init = tf.withInitScope();
    init.withName(name + "_init").assign(variable, init.constant(initial));
    return variable;
  }

  private static Variable<TFloat32> zerosLike(Ops tf, Variable<TFloat32> of, String suffix) {
    String name = of.op().name() + suffix;
    Variable<TFloat32> slot = tf.withName(name).variable(of.shape(), TFloat32.class);
    Ops init = tf.withInitScope();
    init.withName(name + "_init")
        .assign(slot, init.fill(init.constant(of.shape().asArray()), init.constant(0f)));
    return slot;
  }
}
