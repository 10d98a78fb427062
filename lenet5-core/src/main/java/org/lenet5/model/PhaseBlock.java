package org.lenet5.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * The first block (conv k×k → BatchNorm → ReLU → maxpool 2/2 on the one-channel input) computed by
 * pooling phase. Each 2x2 pooling window takes four outputs of the convolution, one per phase
 * (py, px), and their k×k input patches all lie in one (k+1)×(k+1) patch at stride 2, at offset
 * (py, px). So the convolution is a stride-2 (k+1)×(k+1) convolution with four times the maps
 * (the kernel placed at the four offsets, zeros elsewhere), which has a quarter of the positions,
 * and the pooling is a maximum over the four phases' maps. oneDNN's convolutions with one input
 * channel are slow, and the 6-map layer used a quarter of its 16-wide vectors; by phase, the
 * block is faster in training and in inference (docs/performance.md).
 *
 * <p>Channel p·maps + o of the phase layout is map o at phase p = 2·py + px, which is the order
 * of TensorFlow's DepthToSpace: depthToSpace(y, 2) is the plain {@code [batch, h, w, maps]}
 * layout, built only when a test asks for the BatchNorm or ReLU output.
 */
final class PhaseBlock implements Formulation {

  /** Applies to the first block in training: BatchNorm from the input patches' statistics. */
  static final Formulation TRAINING = new PhaseBlock(true);

  /** Applies to the first block in inference: BatchNorm folded into the convolution. */
  static final Formulation INFERENCE = new PhaseBlock(false);

  /** The 2x2 pooling window's four positions, the phases. */
  private static final int PHASES = 4;

  private final boolean training;

  private PhaseBlock(boolean training) {
    this.training = training;
  }

  @Override
  public int span(Architecture architecture, int at) {
    List<Layer> layers = architecture.layers();
    if (at + 3 >= layers.size()
        || !(layers.get(at) instanceof Layer.Conv conv)
        || !(layers.get(at + 1) instanceof Layer.BatchNorm)
        || !(layers.get(at + 2) instanceof Layer.Relu)
        || !(layers.get(at + 3) instanceof Layer.MaxPool pool)
        || pool.size() != 2) {
      return 0;
    }
    Shape input = architecture.inputShape(at);
    Shape output = conv.outputShape(input);
    boolean even = output.size(1) % 2 == 0 && output.size(2) % 2 == 0;
    return input.size(3) == 1 && even ? 4 : 0;
  }

  @Override
  public Operand<TFloat32> lower(Lowered network, int at, Operand<TFloat32> x) {
    Ops tf = network.tf();
    Layer.Conv conv = (Layer.Conv) network.layer(at);
    ModelVariables.Weights weights = network.variables().of(conv);
    ModelVariables.BatchNormVariables bn =
        network.variables().of((Layer.BatchNorm) network.layer(at + 1));
    Operand<TFloat32> y =
        training
            ? normalizedForTraining(network, conv, weights, bn, x)
            : normalizedForInference(tf, conv, weights, bn, x);
    Operand<TFloat32> relu = tf.nn.relu(y);
    Operand<TFloat32> pooled = maxOverPhases(tf, relu);
    network.outputOnRequest(conv, () -> PlainLayer.conv(tf, x, weights));
    network.outputOnRequest(network.layer(at + 1), () -> tf.nn.depthToSpace(y, 2L));
    network.outputOnRequest(network.layer(at + 2), () -> tf.nn.depthToSpace(relu, 2L));
    network.output(network.layer(at + 3), pooled);
    return pooled;
  }

  /** Inference's BatchNorm output in the phase layout: BatchNorm folded, see FoldedBatchNorm. */
  private static Operand<TFloat32> normalizedForInference(
      Ops tf,
      Layer.Conv conv,
      ModelVariables.Weights weights,
      ModelVariables.BatchNormVariables bn,
      Operand<TFloat32> x) {
    FoldedBatchNorm.Folded folded = FoldedBatchNorm.fold(tf, weights, bn);
    return tf.nn.biasAdd(
        tf.nn.conv2d(x, phaseKernel(tf, folded.kernel()), List.of(1L, 2L, 2L, 1L), "VALID"),
        phaseBias(tf, folded.bias()));
  }

  /**
   * Training's BatchNorm output in the phase layout, BatchNorm computed from the input's patches.
   * Each output of the convolution is a k×k patch of the input times the kernel, so its batch
   * mean and variance follow from the patches' mean m and covariance G: mean = m·K + b, variance
   * = diag(Kᵀ G K). With those, BatchNorm is a per-channel scale s and offset that fold into the
   * kernel and the bias as in inference, and the layer is one matrix product of the phase patches
   * with the phase layout of [K·s; (b − mean)·s + β]. The patches here are the images themselves
   * and depend on no variable, so m and G need no gradient, and every gradient to the kernel,
   * bias, gamma and beta passes through one product with the patches and small matrices, instead
   * of through BatchNorm over the [batch·h·w, maps] activations (docs/performance.md). The
   * arithmetic is BatchNorm's: the batch is normalized with its biased variance and the running
   * averages take the unbiased one.
   */
  private static Operand<TFloat32> normalizedForTraining(
      Lowered network,
      Layer.Conv conv,
      ModelVariables.Weights weights,
      ModelVariables.BatchNormVariables bn,
      Operand<TFloat32> x) {
    Ops tf = network.tf();
    int size = conv.size();
    int fanIn = size * size;
    int maps = conv.maps();
    Variable<TFloat32> kernel = weights.kernel();
    Variable<TFloat32> bias = weights.bias();
    Operand<TFloat32> patches = tf.stopGradient(phasePatchesWithOnes(tf, x, size + 1));
    Operand<TFloat32> gram =
        patchGram(tf, tf.linalg.matMul(patches, patches, MatMul.transposeA(true)), size);
    Operand<TFloat32> count =
        tf.reshape(slice(tf, gram, fanIn, fanIn, 1, 1), tf.constant(new int[0]));
    Operand<TFloat32> moments = tf.math.div(gram, count);
    Operand<TFloat32> patchMean = slice(tf, moments, fanIn, 0, 1, fanIn);
    Operand<TFloat32> patchCovariance =
        tf.math.sub(
            slice(tf, moments, 0, 0, fanIn, fanIn),
            tf.linalg.matMul(patchMean, patchMean, MatMul.transposeA(true)));
    Operand<TFloat32> kernelMatrix = tf.reshape(kernel, tf.constant(new long[] {fanIn, maps}));
    Operand<TFloat32> mean =
        tf.math.add(
            tf.reshape(tf.linalg.matMul(patchMean, kernelMatrix), tf.constant(new int[] {maps})),
            bias);
    Operand<TFloat32> variance =
        tf.reduceSum(
            tf.math.mul(kernelMatrix, tf.linalg.matMul(patchCovariance, kernelMatrix)),
            tf.constant(0));
    Operand<TFloat32> scale = FoldedBatchNorm.scale(tf, bn.gamma(), variance);
    int phaseFanIn = (size + 1) * (size + 1);
    Operand<TFloat32> phaseLayer =
        tf.concat(
            List.of(
                tf.reshape(
                    phaseKernel(tf, tf.math.mul(kernel, scale)),
                    tf.constant(new int[] {phaseFanIn, PHASES * maps})),
                tf.reshape(
                    phaseBias(tf, FoldedBatchNorm.bias(tf, bias, mean, scale, bn.beta())),
                    tf.constant(new int[] {1, PHASES * maps}))),
            tf.constant(0));
    long side = (x.shape().size(1) - (size - 1)) / 2;
    Operand<TFloat32> y =
        tf.reshape(
            tf.linalg.matMul(patches, phaseLayer),
            tf.constant(new long[] {-1, side, side, PHASES * maps}));
    RunningAverages.update(network, bn, mean, variance, count);
    return y;
  }

  /**
   * A k×k kernel placed at the four phase offsets of a (k+1)×(k+1) kernel: {@code [k, k, 1,
   * maps]} → {@code [k+1, k+1, 1, 4·maps]}, phase p = 2·py + px at offset (py, px).
   */
  private static Operand<TFloat32> phaseKernel(Ops tf, Operand<TFloat32> kernel) {
    List<Operand<TFloat32>> placed = new ArrayList<>();
    for (int py = 0; py < 2; py++) {
      for (int px = 0; px < 2; px++) {
        placed.add(
            tf.pad(
                kernel,
                tf.constant(new int[][] {{py, 1 - py}, {px, 1 - px}, {0, 0}, {0, 0}}),
                tf.constant(0f)));
      }
    }
    return tf.concat(placed, tf.constant(3));
  }

  /** A bias in the phase layout of {@link #phaseKernel}: {@code [maps]} → {@code [4·maps]}. */
  private static Operand<TFloat32> phaseBias(Ops tf, Operand<TFloat32> bias) {
    return tf.tile(bias, tf.constant(new int[] {PHASES}));
  }

  /** Max pooling 2/2 of a phase-layout block: the maximum over its four phases' maps. */
  private static Operand<TFloat32> maxOverPhases(Ops tf, Operand<TFloat32> y) {
    Shape shape = y.shape();
    long side = shape.size(1);
    long maps = shape.size(3) / PHASES;
    // [batch, side, side, 4·maps] is [batch, side, side·4, maps] in memory: a 1x4 window.
    Operand<TFloat32> phasesAlongWidth =
        tf.reshape(y, tf.constant(new long[] {-1, side, side * PHASES, maps}));
    return PlainLayer.maxPool(tf, phasesAlongWidth, new long[] {1, 1, PHASES, 1});
  }

  /**
   * The input's p×p patches (p = k+1) at stride 2 as the rows of a {@code [batch·h·w, p²+1]}
   * matrix whose last column is ones, by a convolution with one-hot kernels (TensorFlow's
   * ExtractImagePatches took 9–11 ms, most of a training step; docs/performance.md).
   */
  private static Operand<TFloat32> phasePatchesWithOnes(Ops tf, Operand<TFloat32> x, int patch) {
    int fanIn = patch * patch;
    float[][][][] selector = new float[patch][patch][1][fanIn + 1];
    for (int row = 0; row < patch; row++) {
      for (int column = 0; column < patch; column++) {
        selector[row][column][0][row * patch + column] = 1f;
      }
    }
    float[] ones = new float[fanIn + 1];
    ones[fanIn] = 1f;
    Operand<TFloat32> columns =
        tf.nn.biasAdd(
            tf.nn.conv2d(x, tf.constant(selector), List.of(1L, 2L, 2L, 1L), "VALID"),
            tf.constant(ones));
    return tf.reshape(columns, tf.constant(new long[] {-1, fanIn + 1}));
  }

  /**
   * The Gram matrix of the k×k patches with a ones column ({@code [k²+1, k²+1]}: products, sums
   * and count over every position) from that of the (k+1)×(k+1) phase patches: each phase's k×k
   * patches are a selection of the phase patch's entries, and the four phases together cover
   * every position.
   */
  private static Operand<TFloat32> patchGram(Ops tf, Operand<TFloat32> phaseGram, int size) {
    int fanIn = size * size;
    int patch = size + 1;
    int phaseFanIn = patch * patch;
    Operand<TFloat32> gram = null;
    for (int py = 0; py < 2; py++) {
      for (int px = 0; px < 2; px++) {
        float[][] select = new float[phaseFanIn + 1][fanIn + 1];
        for (int row = 0; row < size; row++) {
          for (int column = 0; column < size; column++) {
            select[(row + py) * patch + column + px][row * size + column] = 1f;
          }
        }
        select[phaseFanIn][fanIn] = 1f;
        Operand<TFloat32> selection = tf.constant(select);
        Operand<TFloat32> phase =
            tf.linalg.matMul(
                tf.linalg.matMul(selection, phaseGram, MatMul.transposeA(true)), selection);
        gram = gram == null ? phase : tf.math.add(gram, phase);
      }
    }
    return gram;
  }

  private static Operand<TFloat32> slice(
      Ops tf, Operand<TFloat32> matrix, int row, int column, int rows, int columns) {
    return tf.slice(
        matrix, tf.constant(new int[] {row, column}), tf.constant(new int[] {rows, columns}));
  }
}
