package org.lenet5.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Inference's convolution and BatchNorm as one convolution: with the running averages fixed,
 * BatchNorm is a per-channel scale and offset, which fold into the kernel and the bias (kernel·s,
 * (bias − mean)·s + beta with s = gamma / √(variance + ε)). The folding is a few dozen
 * multiplications per call; TensorFlow's BatchNorm kernel over the activations was more than half
 * of inference time (docs/performance.md). The variables are the same as unfolded.
 */
final class FoldedBatchNorm implements Formulation {

  /** Applies, in inference, to a convolution followed by BatchNorm. */
  static final Formulation INFERENCE = new FoldedBatchNorm();

  private FoldedBatchNorm() {}

  @Override
  public int span(Architecture architecture, int at) {
    List<Layer> layers = architecture.layers();
    return at + 1 < layers.size()
            && layers.get(at) instanceof Layer.Conv
            && layers.get(at + 1) instanceof Layer.BatchNorm
        ? 2
        : 0;
  }

  @Override
  public Operand<TFloat32> lower(Lowered network, int at, Operand<TFloat32> x) {
    Ops tf = network.tf();
    Layer.Conv conv = (Layer.Conv) network.layer(at);
    ModelVariables.Weights weights = network.variables().of(conv);
    Layer.BatchNorm batchNorm = (Layer.BatchNorm) network.layer(at + 1);
    Folded folded = fold(tf, weights, network.variables().of(batchNorm));
    Operand<TFloat32> y =
        tf.nn.biasAdd(
            tf.nn.conv2d(x, folded.kernel(), List.of(1L, 1L, 1L, 1L), "VALID"), folded.bias());
    network.outputOnRequest(conv, () -> PlainLayer.conv(tf, x, weights));
    network.output(batchNorm, y);
    return y;
  }

  /** A convolution's kernel and bias with BatchNorm folded in. */
  record Folded(Operand<TFloat32> kernel, Operand<TFloat32> bias) {}

  /** The kernel and bias of a convolution followed by BatchNorm with its running averages. */
  static Folded fold(
      Ops tf, ModelVariables.Weights weights, ModelVariables.BatchNormVariables bn) {
    Operand<TFloat32> scale = scale(tf, bn.gamma(), bn.movingVariance());
    return new Folded(
        tf.math.mul(weights.kernel(), scale),
        bias(tf, weights.bias(), bn.movingMean(), scale, bn.beta()));
  }

  /** BatchNorm's per-channel scale s = gamma / √(variance + ε). */
  static Operand<TFloat32> scale(Ops tf, Operand<TFloat32> gamma, Operand<TFloat32> variance) {
    return tf.math.mul(
        gamma, tf.math.rsqrt(tf.math.add(variance, tf.constant(Layer.BatchNorm.EPSILON))));
  }

  /** The bias of a convolution followed by BatchNorm, as one: (bias − mean)·s + beta. */
  static Operand<TFloat32> bias(
      Ops tf,
      Operand<TFloat32> bias,
      Operand<TFloat32> mean,
      Operand<TFloat32> scale,
      Operand<TFloat32> beta) {
    return tf.math.add(tf.math.mul(tf.math.sub(bias, mean), scale), beta);
  }
}
