package org.lenet5.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

/**
 * Any one layer as TensorFlow's own op: Conv2D with BiasAdd, FusedBatchNormV3, Relu, Tanh,
 * MaxPool, AvgPool, Reshape, MatMul with BiasAdd. The fast lowering uses it for every layer no
 * other rule takes; the plain lowering for all of them.
 */
final class PlainLayer implements Formulation {

  /** Applies to every layer. */
  static final Formulation RULE = new PlainLayer();

  private static final List<Long> UNIT_STRIDES = List.of(1L, 1L, 1L, 1L);

  private PlainLayer() {}

  @Override
  public int span(Architecture architecture, int at) {
    return 1;
  }

  @Override
  public Operand<TFloat32> lower(Lowered network, int at, Operand<TFloat32> x) {
    Ops tf = network.tf();
    Layer layer = network.layer(at);
    Operand<TFloat32> y;
    if (layer instanceof Layer.Conv conv) {
      y = conv(tf, x, network.variables().of(conv));
    } else if (layer instanceof Layer.BatchNorm batchNorm) {
      y = batchNorm(network, batchNorm, x);
    } else if (layer instanceof Layer.Relu) {
      y = tf.nn.relu(x);
    } else if (layer instanceof Layer.Tanh) {
      y = tf.math.tanh(x);
    } else if (layer instanceof Layer.MaxPool pool) {
      y = maxPool(tf, x, new long[] {1, pool.size(), pool.size(), 1});
    } else if (layer instanceof Layer.AvgPool pool) {
      List<Long> window = List.of(1L, (long) pool.size(), (long) pool.size(), 1L);
      y = tf.nn.avgPool(x, window, window, "VALID");
    } else if (layer instanceof Layer.Flatten flatten) {
      int features = (int) flatten.outputShape(x.shape()).size(1);
      y = tf.reshape(x, tf.constant(new int[] {-1, features}));
    } else {
      ModelVariables.Weights weights = network.variables().of((Layer.Dense) layer);
      y = tf.nn.biasAdd(tf.linalg.matMul(x, weights.kernel()), weights.bias());
    }
    network.output(layer, y);
    return y;
  }

  /** A unit-stride unpadded convolution with bias. */
  static Operand<TFloat32> conv(Ops tf, Operand<TFloat32> x, ModelVariables.Weights weights) {
    return tf.nn.biasAdd(tf.nn.conv2d(x, weights.kernel(), UNIT_STRIDES, "VALID"), weights.bias());
  }

  /**
   * TensorFlow's fused BatchNorm. In training it normalizes with the batch's statistics and
   * returns the running averages moved with momentum 0.1 towards the batch's mean and unbiased
   * variance (its {@code exponential_avg_factor}), which the updates assign.
   */
  private static Operand<TFloat32> batchNorm(
      Lowered network, Layer.BatchNorm layer, Operand<TFloat32> x) {
    Ops tf = network.tf();
    ModelVariables.BatchNormVariables bn = network.variables().of(layer);
    if (!network.training()) {
      return tf.nn
          .fusedBatchNorm(x, bn.gamma(), bn.beta(), bn.movingMean(), bn.movingVariance(),
              FusedBatchNorm.epsilon(Layer.BatchNorm.EPSILON), FusedBatchNorm.isTraining(false))
          .y();
    }
    FusedBatchNorm<TFloat32, TFloat32> normalized =
        tf.nn.fusedBatchNorm(x, bn.gamma(), bn.beta(), bn.movingMean(), bn.movingVariance(),
            FusedBatchNorm.epsilon(Layer.BatchNorm.EPSILON),
            FusedBatchNorm.exponentialAvgFactor(Layer.BatchNorm.MOMENTUM),
            FusedBatchNorm.isTraining(true));
    network.statisticUpdate(tf.assign(bn.movingMean(), normalized.batchMean()));
    network.statisticUpdate(tf.assign(bn.movingVariance(), normalized.batchVariance()));
    return normalized.y();
  }

  /**
   * Max pooling over non-overlapping windows of the given size, built as TensorFlow's {@code
   * MaxPool} op, window and strides as attributes. TF Java's {@code nn.maxPool} builds {@code
   * MaxPoolV2}, which takes them as tensors; oneDNN's graph rewrite only replaces {@code
   * MaxPool}, and TensorFlow's own pooling kernels took four times as long (docs/performance.md).
   */
  static Operand<TFloat32> maxPool(Ops tf, Operand<TFloat32> x, long[] window) {
    return tf.scope()
        .opBuilder("MaxPool", "MaxPool")
        .addInput(x.asOutput())
        .setAttr("ksize", window)
        .setAttr("strides", window)
        .setAttr("padding", "VALID")
        .build()
        .output(0);
  }
}
