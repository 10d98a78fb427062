package org.lenet5.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * PyTorch's update of a BatchNorm layer's running averages, for the fast formulations that
 * compute the batch's statistics themselves: {@code running = 0.9·running + 0.1·batch}, with the
 * batch's unbiased variance.
 */
final class RunningAverages {

  private RunningAverages() {}

  /**
   * Adds to {@code network} the two {@code Assign} ops that move {@code bn}'s running averages.
   *
   * @param variance the batch's biased variance, over {@code count} values per channel
   */
  static void update(
      Lowered network,
      ModelVariables.BatchNormVariables bn,
      Operand<TFloat32> mean,
      Operand<TFloat32> variance,
      Operand<TFloat32> count) {
    Ops tf = network.tf();
    Operand<TFloat32> keep = tf.constant(1f - Layer.BatchNorm.MOMENTUM);
    Operand<TFloat32> take = tf.constant(Layer.BatchNorm.MOMENTUM);
    Operand<TFloat32> unbiased =
        tf.math.mul(variance, tf.math.div(count, tf.math.sub(count, tf.constant(1f))));
    network.statisticUpdate(
        tf.assign(
            bn.movingMean(),
            tf.math.add(
                tf.math.mul(bn.movingMean(), keep), tf.math.mul(tf.stopGradient(mean), take))));
    network.statisticUpdate(
        tf.assign(
            bn.movingVariance(),
            tf.math.add(
                tf.math.mul(bn.movingVariance(), keep),
                tf.math.mul(tf.stopGradient(unbiased), take))));
  }
}
