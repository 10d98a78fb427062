package org.lenet5.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * BatchNorm with batch statistics written as matrix products over the activations viewed as
 * {@code [positions, channels]}: the batch mean is a product with a row of 1/M, the variance the
 * diagonal of the centred activations' Gram matrix, and the scaling a product with a diagonal
 * matrix, so that the forward pass and every gradient run as oneDNN matrix products and bias
 * additions. TensorFlow's fused kernel does the same arithmetic slower on 6 and 16 channels: it
 * was more than half of a training step (docs/performance.md). The batch is normalized with its
 * biased variance, and the running averages take the unbiased one ({@link RunningAverages}).
 */
final class MatrixBatchNorm implements Formulation {

  /** Applies to BatchNorm in training. */
  static final Formulation TRAINING = new MatrixBatchNorm();

  private MatrixBatchNorm() {}

  @Override
  public int span(Architecture architecture, int at) {
    return architecture.layers().get(at) instanceof Layer.BatchNorm ? 1 : 0;
  }

  @Override
  public Operand<TFloat32> lower(Lowered network, int at, Operand<TFloat32> x) {
    Ops tf = network.tf();
    Layer.BatchNorm layer = (Layer.BatchNorm) network.layer(at);
    ModelVariables.BatchNormVariables bn = network.variables().of(layer);
    int channels = (int) x.shape().size(x.shape().numDimensions() - 1);
    Operand<TFloat32> flat = tf.reshape(x, tf.constant(new long[] {-1, channels}));
    Operand<TInt32> rows =
        tf.slice(tf.shape(flat), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    Operand<TFloat32> count =
        tf.stopGradient(tf.dtypes.cast(tf.reshape(rows, tf.constant(new int[0])), TFloat32.class));
    Operand<TFloat32> averager =
        tf.stopGradient(
            tf.fill(
                tf.concat(List.of(tf.constant(new int[] {1}), rows), tf.constant(0)),
                tf.math.div(tf.constant(1f), count)));
    Operand<TFloat32> mean =
        tf.reshape(tf.linalg.matMul(averager, flat), tf.constant(new int[] {channels}));
    Operand<TFloat32> centered = tf.nn.biasAdd(flat, tf.math.neg(mean));
    float[][] identity = new float[channels][channels];
    for (int c = 0; c < channels; c++) {
      identity[c][c] = 1f;
    }
    Operand<TFloat32> eye = tf.constant(identity);
    Operand<TFloat32> squares = tf.linalg.matMul(centered, centered, MatMul.transposeA(true));
    Operand<TFloat32> variance =
        tf.math.div(tf.reduceSum(tf.math.mul(squares, eye), tf.constant(0)), count);
    Operand<TFloat32> scale = FoldedBatchNorm.scale(tf, bn.gamma(), variance);
    Operand<TFloat32> scaling =
        tf.math.mul(eye, tf.reshape(scale, tf.constant(new int[] {1, channels})));
    Operand<TFloat32> y = tf.nn.biasAdd(tf.linalg.matMul(centered, scaling), bn.beta());
    RunningAverages.update(network, bn, mean, variance, count);
    Operand<TFloat32> output = tf.reshape(y, tf.shape(x));
    network.output(layer, output);
    return output;
  }
}
