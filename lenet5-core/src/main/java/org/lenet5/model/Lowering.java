package org.lenet5.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Lowers an {@link Architecture} to TensorFlow ops: the one place that decides how each layer
 * runs. At every layer it tries its rules in order and the first that applies computes that
 * layer and possibly the next ones; the last rule, {@link PlainLayer}, computes any single layer
 * with TensorFlow's own ops.
 *
 * <p>The {@link #fast() fast} lowering, which real graphs use, has these rules:
 *
 * <ul>
 *   <li>conv → BatchNorm → ReLU → 2x2 max pool on the one-channel input ⇒ the block by pooling
 *       phase ({@link PhaseBlock}), in training and in inference;
 *   <li>BatchNorm in training ⇒ matrix products ({@link MatrixBatchNorm});
 *   <li>conv → BatchNorm in inference ⇒ BatchNorm folded into the convolution ({@link
 *       FoldedBatchNorm});
 *   <li>any other layer ⇒ TensorFlow's op for it.
 * </ul>
 *
 * <p>The {@link #plain() plain} lowering has only the last rule (Conv2D, FusedBatchNormV3,
 * MaxPool, MatMul): it is the oracle that tests hold the fast one to.
 */
final class Lowering {

  private final List<Formulation> trainingRules;
  private final List<Formulation> inferenceRules;

  /** Tries {@code trainingRules} and {@code inferenceRules} in order at every layer. */
  Lowering(List<Formulation> trainingRules, List<Formulation> inferenceRules) {
    this.trainingRules = trainingRules;
    this.inferenceRules = inferenceRules;
  }

  /** The lowering real graphs use: TensorFlow's kernels where they are fast, rewrites elsewhere. */
  static Lowering fast() {
    return new Lowering(
        List.of(PhaseBlock.TRAINING, MatrixBatchNorm.TRAINING, PlainLayer.RULE),
        List.of(PhaseBlock.INFERENCE, FoldedBatchNorm.INFERENCE, PlainLayer.RULE));
  }

  /** Every layer as TensorFlow's own op: the reference the fast lowering is tested against. */
  static Lowering plain() {
    return new Lowering(List.of(PlainLayer.RULE), List.of(PlainLayer.RULE));
  }

  /**
   * The training path on {@code input}: BatchNorm normalizes with the batch's statistics and
   * {@link Lowered#statisticUpdates()} move the running averages.
   */
  Lowered training(
      Ops tf, Architecture architecture, ModelVariables variables, Operand<TFloat32> input) {
    return lower(new Lowered(tf, architecture, variables, true), trainingRules, input);
  }

  /** The inference path on {@code input}: BatchNorm normalizes with the running averages. */
  Lowered inference(
      Ops tf, Architecture architecture, ModelVariables variables, Operand<TFloat32> input) {
    return lower(new Lowered(tf, architecture, variables, false), inferenceRules, input);
  }

  private static Lowered lower(
      Lowered network, List<Formulation> rules, Operand<TFloat32> input) {
    Operand<TFloat32> x = input;
    int layers = network.architecture().layers().size();
    int at = 0;
    while (at < layers) {
      int span = 0;
      for (Formulation rule : rules) {
        span = rule.span(network.architecture(), at);
        if (span > 0) {
          x = rule.lower(network, at, x);
          break;
        }
      }
      if (span <= 0) {
        Layer layer = network.architecture().layers().get(at);
        throw new IllegalStateException(
            "no rule lowers layer " + at + ", " + layer.name() + " (" + layer + ")");
      }
      at += span;
    }
    network.logits(x);
    return network;
  }
}
