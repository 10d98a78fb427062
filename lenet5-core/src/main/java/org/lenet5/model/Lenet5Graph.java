package org.lenet5.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * LeNet5 as a TensorFlow graph. The {@link ModelVariant#REFERENCE reference} variant is the
 * tutorial's network: conv 5x5x6 → BatchNorm → ReLU → maxpool 2/2 → conv 5x5x16 → BatchNorm → ReLU
 * → maxpool 2/2 → flatten 400 → dense 120 → ReLU → dense 84 → ReLU → dense 10; the other variants
 * are described by {@link ModelVariant}.
 *
 * <p>The graph holds two forward paths over the same variables: a training path whose BatchNorm
 * layers normalize with batch statistics and update the running averages (PyTorch semantics:
 * momentum 0.1, epsilon 1e-5, unbiased running variance), and an inference path that normalizes
 * with the running averages. Variables have flat names ({@code conv1_kernel}, {@code
 * bn1_moving_mean}, ...) so that checkpoints and optimizer slots get stable, readable names.
 * Weights and biases start as PyTorch's defaults: uniform in ±1/√fan_in.
 */
public final class Lenet5Graph {

  /** Name of the input placeholder: float32 {@code [batch, 32, 32, 1]}, normalized pixels. */
  public static final String IMAGES = "images";

  /** Name of the labels placeholder: int32 {@code [batch]}, class indices. */
  public static final String LABELS = "labels";

  /** The number of output classes. */
  public static final int CLASSES = 10;

  /** Height and width of the input images. */
  public static final int INPUT_SIZE = 32;

  /**
   * Suffix of the name of a layer's output in the training path, for inspecting it: the BatchNorm
   * layers' ({@code bn1}, {@code bn2} + suffix) and, with BatchNorm, the first pooling layer's
   * ({@code pool1} + suffix).
   */
  public static final String TRAINING_OUTPUT = "_training_output";

  /**
   * Suffix of the name of a BatchNorm layer's input in the training path ({@code bn1} + suffix),
   * for inspecting it.
   */
  public static final String TRAINING_INPUT = "_training_input";

  /**
   * Suffix of the name of a layer's output in the inference path, for inspecting it: the
   * BatchNorm layers', folded into the convolution before them ({@code bn1}, {@code bn2} +
   * suffix), and, with BatchNorm, the first pooling layer's ({@code pool1} + suffix).
   */
  public static final String INFERENCE_OUTPUT = "_inference_output";

  private static final float BATCH_NORM_EPSILON = 1e-5f;
  private static final float BATCH_NORM_MOMENTUM = 0.1f;

  /** The 2x2 pooling window's four positions, the phases of the first block. */
  private static final int PHASES = 4;

  /** The side of the input patch that the four phases' 5x5 patches share. */
  private static final int PHASE_PATCH = 6;

  /** The entries of the first layer's 5x5 patch of its one input channel. */
  private static final int FIRST_FAN_IN = 25;

  private final Ops tf;
  private final long seed;
  private final ModelVariant variant;
  private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
  private final List<Variable<TFloat32>> trainable = new ArrayList<>();
  private final List<Op> statisticUpdates = new ArrayList<>();
  private final List<ModelSummary.Layer> layers = new ArrayList<>();
  private final Placeholder<TFloat32> images;
  private final Operand<TFloat32> inferenceLogits;
  private final Operand<TInt64> predictedClasses;
  private Placeholder<TInt32> labels;
  private Operand<TFloat32> trainingLogits;
  private Operand<TFloat32> loss;

  private Lenet5Graph(Graph graph, ModelVariant variant, long seed, boolean training) {
    this.tf = Ops.create(graph);
    this.seed = seed;
    this.variant = variant;
    this.images =
        tf.withName(IMAGES)
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, INPUT_SIZE, INPUT_SIZE, 1)));
    this.inferenceLogits = tf.withName("logits").identity(forward(images, false, true));
    this.predictedClasses = tf.withName("classes").math.argMax(inferenceLogits, tf.constant(1));
    if (training) {
      this.labels = tf.withName(LABELS).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      this.trainingLogits = forward(images, true, false);
      Operand<TFloat32> oneHot =
          tf.oneHot(labels, tf.constant(CLASSES), tf.constant(1f), tf.constant(0f));
      this.loss =
          tf.withName("loss")
              .math
              .mean(tf.nn.softmaxCrossEntropyWithLogits(trainingLogits, oneHot).loss(),
                  tf.constant(0));
    }
  }

  /**
   * Builds both forward paths and the loss into {@code graph}.
   *
   * @param seed seeds the random initial weights, so that a seed always gives the same model
   */
  public static Lenet5Graph forTraining(Graph graph, long seed) {
    return forTraining(graph, ModelVariant.REFERENCE, seed);
  }

  /**
   * Builds both forward paths of the given variant and the loss into {@code graph}.
   *
   * @param seed seeds the random initial weights, so that a seed always gives the same model
   */
  public static Lenet5Graph forTraining(Graph graph, ModelVariant variant, long seed) {
    return new Lenet5Graph(graph, variant, seed, true);
  }

  /**
   * Builds only the inference path into {@code graph}; its variables are meant to be restored
   * from a checkpoint of a training graph.
   */
  public static Lenet5Graph forInference(Graph graph) {
    return forInference(graph, ModelVariant.REFERENCE);
  }

  /**
   * Builds only the inference path of the given variant into {@code graph}; its variables are
   * meant to be restored from a checkpoint of a training graph of the same variant.
   */
  public static Lenet5Graph forInference(Graph graph, ModelVariant variant) {
    return new Lenet5Graph(graph, variant, 0, false);
  }

  private Operand<TFloat32> forward(Operand<TFloat32> input, boolean training, boolean record) {
    if (variant.classic()) {
      return classicForward(input, record);
    }
    Operand<TFloat32> x = input;
    if (variant.batchNorm()) {
      x = training ? firstBlockForTraining(x) : firstBlockForInference(x, record);
    } else {
      x = conv(x, "conv1", 1, 6, record);
      x = relu(x, "relu1", record);
      x = maxPool(x, "pool1", record);
    }
    x = convolutionBlock(x, "conv2", "bn2", 6, 16, training, record);
    x = relu(x, "relu2", record);
    x = maxPool(x, "pool2", record);
    x = flatten(x, "flatten", record);
    x = dense(x, "fc", 120, record);
    x = relu(x, "relu3", record);
    x = dense(x, "fc1", 84, record);
    x = relu(x, "relu4", record);
    return dense(x, "fc2", CLASSES, record);
  }

  /** LeCun et al.'s layers C1, S2, C3, S4, C5, F6 and a dense output. */
  private Operand<TFloat32> classicForward(Operand<TFloat32> input, boolean record) {
    Operand<TFloat32> x = input;
    x = conv(x, "conv1", 1, 6, record);
    x = tanh(x, "tanh1", record);
    x = avgPool(x, "pool1", record);
    x = conv(x, "conv2", 6, 16, record);
    x = tanh(x, "tanh2", record);
    x = avgPool(x, "pool2", record);
    x = conv(x, "conv3", 16, 120, record);
    x = tanh(x, "tanh3", record);
    x = flatten(x, "flatten", record);
    x = dense(x, "fc1", 84, record);
    x = tanh(x, "tanh4", record);
    return dense(x, "fc2", CLASSES, record);
  }

  /** A convolution, followed by BatchNorm if the variant has it. */
  private Operand<TFloat32> convolutionBlock(
      Operand<TFloat32> x,
      String convName,
      String batchNormName,
      int inChannels,
      int outChannels,
      boolean training,
      boolean record) {
    if (!variant.batchNorm()) {
      return conv(x, convName, inChannels, outChannels, record);
    }
    if (training) {
      return batchNorm(
          conv(x, convName, inChannels, outChannels, record), batchNormName, outChannels, record);
    }
    return foldedConvolution(x, convName, batchNormName, inChannels, outChannels, record);
  }

  /**
   * Inference's convolution and BatchNorm as one convolution: with the running averages fixed,
   * BatchNorm is a per-channel scale and offset, which fold into the kernel and the bias
   * (kernel·s, (bias − mean)·s + beta with s = gamma / √(variance + ε)). The folding is a few
   * dozen multiplications per call; TensorFlow's BatchNorm kernel over the activations was more
   * than half of inference time (docs/performance.md). The variables are the same as unfolded.
   */
  private Operand<TFloat32> foldedConvolution(
      Operand<TFloat32> x,
      String convName,
      String batchNormName,
      int inChannels,
      int outChannels,
      boolean record) {
    FoldedConvolution folded =
        foldedWithRunningAverages(convName, batchNormName, inChannels, outChannels);
    Operand<TFloat32> y =
        tf.withName(batchNormName + INFERENCE_OUTPUT)
            .nn
            .biasAdd(
                tf.nn.conv2d(x, folded.kernel(), List.of(1L, 1L, 1L, 1L), "VALID"), folded.bias());
    recordFolded(record, convName, batchNormName, outChannels, y.shape(), folded);
    return y;
  }

  private void recordFolded(
      boolean record,
      String convName,
      String batchNormName,
      int outChannels,
      Shape output,
      FoldedConvolution folded) {
    record(record, convName, "Conv2D 5x5, " + outChannels + " maps", output,
        folded.weights().kernel(), folded.weights().bias());
    record(record, batchNormName, "BatchNorm", output, folded.batchNorm().gamma(),
        folded.batchNorm().beta());
  }

  /** A convolution with BatchNorm folded into its kernel and bias. */
  private record FoldedConvolution(
      Operand<TFloat32> kernel,
      Operand<TFloat32> bias,
      ConvolutionWeights weights,
      BatchNormVariables batchNorm) {}

  private FoldedConvolution foldedWithRunningAverages(
      String convName, String batchNormName, int inChannels, int outChannels) {
    ConvolutionWeights weights = convolutionWeights(convName, inChannels, outChannels);
    BatchNormVariables bn = batchNormVariables(batchNormName, outChannels);
    Operand<TFloat32> scale = foldingScale(bn.gamma(), bn.movingVariance());
    return new FoldedConvolution(
        tf.math.mul(weights.kernel(), scale),
        foldedBias(weights.bias(), bn.movingMean(), scale, bn.beta()),
        weights,
        bn);
  }

  /*
   * The first block (conv 5x5x6 → BatchNorm → ReLU → maxpool 2/2) is computed by pooling phase.
   * Each 2x2 pooling window takes four outputs of the convolution, one per phase (py, px), and
   * their 5x5 input patches all lie in one 6x6 patch at stride 2, at offset (py, px). So the
   * convolution is a stride-2 6x6 convolution with 24 maps (the 5x5 kernel placed at the four
   * offsets, zeros elsewhere), which has a quarter of the positions and four times the maps, and
   * the pooling is a maximum over the four phases' maps. oneDNN's convolutions with one input
   * channel are slow, and the 6-map layer used a quarter of its 16-wide vectors; by phase, the
   * block is faster in training and in inference (docs/performance.md).
   * Channel p·6 + o of the phase layout is map o at phase p = 2·py + px, which is the order of
   * TensorFlow's DepthToSpace: depthToSpace(y, 2) is the plain [batch, 28, 28, 6] layout.
   */

  /** The first block in inference: BatchNorm folded (see foldedConvolution), by phase. */
  private Operand<TFloat32> firstBlockForInference(Operand<TFloat32> x, boolean record) {
    FoldedConvolution folded = foldedWithRunningAverages("conv1", "bn1", 1, 6);
    Operand<TFloat32> y =
        tf.nn.biasAdd(
            tf.nn.conv2d(x, phaseKernel(folded.kernel()), List.of(1L, 2L, 2L, 1L), "VALID"),
            phaseBias(folded.bias()));
    // Not on the inference path: evaluated only when fetched, to inspect the folded BatchNorm.
    Shape plain = tf.withName("bn1" + INFERENCE_OUTPUT).nn.depthToSpace(y, 2L).shape();
    recordFolded(record, "conv1", "bn1", 6, plain, folded);
    record(record, "relu1", "ReLU", plain);
    return record(
        record,
        "pool1",
        "MaxPool 2x2/2",
        tf.withName("pool1" + INFERENCE_OUTPUT).identity(maxOverPhases(tf.nn.relu(y))));
  }

  /**
   * The first block in training, its BatchNorm computed from the input's patches. Each output of
   * the convolution is a 5x5 patch of the input times the kernel, so its batch mean and variance
   * follow from the patches' mean m and covariance G: mean = m·K + b, variance = diag(Kᵀ G K).
   * With those, BatchNorm is a per-channel scale s and offset that fold into the kernel and the
   * bias as in inference, and the layer is one matrix product of the 6x6 phase patches with the
   * phase layout of [K·s; (b − mean)·s + β]. The patches here are the images themselves and depend
   * on no variable, so m and G need no gradient, and every gradient to the kernel, bias, gamma and
   * beta passes through one product with the patches and small matrices, instead of through
   * BatchNorm over the [batch·28·28, 6] activations (docs/performance.md). The arithmetic is
   * BatchNorm's: the batch is normalized with its biased variance and the running averages take
   * the unbiased one.
   */
  private Operand<TFloat32> firstBlockForTraining(Operand<TFloat32> x) {
    int fanIn = FIRST_FAN_IN;
    int maps = 6;
    ConvolutionWeights weights = convolutionWeights("conv1", 1, maps);
    Variable<TFloat32> kernel = weights.kernel();
    Variable<TFloat32> bias = weights.bias();
    BatchNormVariables bn = batchNormVariables("bn1", maps);
    // Not on the training path: evaluated only when fetched, to inspect BatchNorm's input.
    tf.withName("bn1" + TRAINING_INPUT)
        .nn
        .biasAdd(tf.nn.conv2d(x, kernel, List.of(1L, 1L, 1L, 1L), "VALID"), bias);
    Operand<TFloat32> patches = tf.stopGradient(phasePatchesWithOnes(x));
    Operand<TFloat32> gram = patchGram(tf.linalg.matMul(patches, patches, MatMul.transposeA(true)));
    Operand<TFloat32> count =
        tf.reshape(slice(gram, fanIn, fanIn, 1, 1), tf.constant(new int[0]));
    Operand<TFloat32> moments = tf.math.div(gram, count);
    Operand<TFloat32> patchMean = slice(moments, fanIn, 0, 1, fanIn);
    Operand<TFloat32> patchCovariance =
        tf.math.sub(
            slice(moments, 0, 0, fanIn, fanIn),
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
    Operand<TFloat32> scale = foldingScale(bn.gamma(), variance);
    int phaseFanIn = PHASE_PATCH * PHASE_PATCH;
    Operand<TFloat32> phaseLayer =
        tf.concat(
            List.of(
                tf.reshape(
                    phaseKernel(tf.math.mul(kernel, scale)),
                    tf.constant(new int[] {phaseFanIn, PHASES * maps})),
                tf.reshape(
                    phaseBias(foldedBias(bias, mean, scale, bn.beta())),
                    tf.constant(new int[] {1, PHASES * maps}))),
            tf.constant(0));
    long side = (x.shape().size(1) - 4) / 2;
    Operand<TFloat32> y =
        tf.reshape(
            tf.linalg.matMul(patches, phaseLayer),
            tf.constant(new long[] {-1, side, side, PHASES * maps}));
    // Not on the training path: BatchNorm's output in the plain layout, for inspection.
    tf.withName("bn1" + TRAINING_OUTPUT).nn.depthToSpace(y, 2L);
    addStatisticUpdates(bn, mean, variance, count);
    return tf.withName("pool1" + TRAINING_OUTPUT).identity(maxOverPhases(tf.nn.relu(y)));
  }

  /**
   * A 5x5 kernel placed at the four phase offsets of a 6x6 kernel: {@code [5, 5, 1, maps]} →
   * {@code [6, 6, 1, 4·maps]}, phase p = 2·py + px at offset (py, px).
   */
  private Operand<TFloat32> phaseKernel(Operand<TFloat32> kernel) {
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
  private Operand<TFloat32> phaseBias(Operand<TFloat32> bias) {
    return tf.tile(bias, tf.constant(new int[] {PHASES}));
  }

  /** Max pooling 2/2 of a phase-layout block: the maximum over its four phases' maps. */
  private Operand<TFloat32> maxOverPhases(Operand<TFloat32> y) {
    Shape shape = y.shape();
    long side = shape.size(1);
    long maps = shape.size(3) / PHASES;
    // [batch, side, side, 4·maps] is [batch, side, side·4, maps] in memory: a 1x4 window.
    Operand<TFloat32> phasesAlongWidth =
        tf.reshape(y, tf.constant(new long[] {-1, side, side * PHASES, maps}));
    return maxPool(phasesAlongWidth, new long[] {1, 1, PHASES, 1});
  }

  /**
   * The input's 6x6 patches at stride 2 as the rows of a {@code [batch·14·14, 37]} matrix whose
   * last column is ones, by a convolution with one-hot kernels (TensorFlow's ExtractImagePatches
   * took 9–11 ms, most of a training step; docs/performance.md).
   */
  private Operand<TFloat32> phasePatchesWithOnes(Operand<TFloat32> x) {
    int fanIn = PHASE_PATCH * PHASE_PATCH;
    float[][][][] selector = new float[PHASE_PATCH][PHASE_PATCH][1][fanIn + 1];
    for (int row = 0; row < PHASE_PATCH; row++) {
      for (int column = 0; column < PHASE_PATCH; column++) {
        selector[row][column][0][row * PHASE_PATCH + column] = 1f;
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
   * The Gram matrix of the 5x5 patches with a ones column ({@code [26, 26]}: products, sums and
   * count over every position) from that of the 6x6 phase patches: each phase's 5x5 patches are a
   * selection of the 6x6 patch's entries, and the four phases together cover every position.
   */
  private Operand<TFloat32> patchGram(Operand<TFloat32> phaseGram) {
    int fanIn = FIRST_FAN_IN;
    int phaseFanIn = PHASE_PATCH * PHASE_PATCH;
    Operand<TFloat32> gram = null;
    for (int py = 0; py < 2; py++) {
      for (int px = 0; px < 2; px++) {
        float[][] select = new float[phaseFanIn + 1][fanIn + 1];
        for (int row = 0; row < 5; row++) {
          for (int column = 0; column < 5; column++) {
            select[(row + py) * PHASE_PATCH + column + px][row * 5 + column] = 1f;
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

  private Operand<TFloat32> slice(
      Operand<TFloat32> matrix, int row, int column, int rows, int columns) {
    return tf.slice(
        matrix, tf.constant(new int[] {row, column}), tf.constant(new int[] {rows, columns}));
  }

  private void addStatisticUpdates(
      BatchNormVariables bn,
      Operand<TFloat32> mean,
      Operand<TFloat32> variance,
      Operand<TFloat32> count) {
    Operand<TFloat32> keep = tf.constant(1f - BATCH_NORM_MOMENTUM);
    Operand<TFloat32> take = tf.constant(BATCH_NORM_MOMENTUM);
    Operand<TFloat32> unbiased =
        tf.math.mul(variance, tf.math.div(count, tf.math.sub(count, tf.constant(1f))));
    statisticUpdates.add(
        tf.assign(
            bn.movingMean(),
            tf.math.add(
                tf.math.mul(bn.movingMean(), keep), tf.math.mul(tf.stopGradient(mean), take))));
    statisticUpdates.add(
        tf.assign(
            bn.movingVariance(),
            tf.math.add(
                tf.math.mul(bn.movingVariance(), keep),
                tf.math.mul(tf.stopGradient(unbiased), take))));
  }

  /** BatchNorm's per-channel scale s = gamma / √(variance + ε). */
  private Operand<TFloat32> foldingScale(Operand<TFloat32> gamma, Operand<TFloat32> variance) {
    return tf.math.mul(
        gamma, tf.math.rsqrt(tf.math.add(variance, tf.constant(BATCH_NORM_EPSILON))));
  }

  /** The bias of a convolution followed by BatchNorm, as one: (bias − mean)·s + beta. */
  private Operand<TFloat32> foldedBias(
      Operand<TFloat32> bias,
      Operand<TFloat32> mean,
      Operand<TFloat32> scale,
      Operand<TFloat32> beta) {
    return tf.math.add(tf.math.mul(tf.math.sub(bias, mean), scale), beta);
  }

  /** A 5x5 convolution's kernel and bias. */
  private record ConvolutionWeights(Variable<TFloat32> kernel, Variable<TFloat32> bias) {}

  private ConvolutionWeights convolutionWeights(String name, int inChannels, int outChannels) {
    int fanIn = 5 * 5 * inChannels;
    return new ConvolutionWeights(
        weight(name + "_kernel", Shape.of(5, 5, inChannels, outChannels), fanIn),
        weight(name + "_bias", Shape.of(outChannels), fanIn));
  }

  /** A BatchNorm layer's scale, offset and running averages. */
  private record BatchNormVariables(
      Variable<TFloat32> gamma,
      Variable<TFloat32> beta,
      Variable<TFloat32> movingMean,
      Variable<TFloat32> movingVariance) {}

  private BatchNormVariables batchNormVariables(String name, int channels) {
    return new BatchNormVariables(
        variable(name + "_gamma", () -> filled(channels, 1f), true),
        variable(name + "_beta", () -> filled(channels, 0f), true),
        variable(name + "_moving_mean", () -> filled(channels, 0f), false),
        variable(name + "_moving_variance", () -> filled(channels, 1f), false));
  }

  private Operand<TFloat32> conv(
      Operand<TFloat32> x, String name, int inChannels, int outChannels, boolean record) {
    ConvolutionWeights weights = convolutionWeights(name, inChannels, outChannels);
    Operand<TFloat32> y =
        tf.nn.biasAdd(
            tf.nn.conv2d(x, weights.kernel(), List.of(1L, 1L, 1L, 1L), "VALID"), weights.bias());
    return record(
        record, name, "Conv2D 5x5, " + outChannels + " maps", y, weights.kernel(),
        weights.bias());
  }

  /** BatchNorm with batch statistics, for the training path. */
  private Operand<TFloat32> batchNorm(
      Operand<TFloat32> x, String name, int channels, boolean record) {
    BatchNormVariables bn = batchNormVariables(name, channels);
    Operand<TFloat32> input = tf.withName(name + TRAINING_INPUT).identity(x);
    Operand<TFloat32> y =
        tf.withName(name + TRAINING_OUTPUT)
            .identity(
                trainingBatchNorm(
                    input, channels, bn.gamma(), bn.beta(), bn.movingMean(),
                    bn.movingVariance()));
    return record(record, name, "BatchNorm", y, bn.gamma(), bn.beta());
  }

  /**
   * BatchNorm with batch statistics for a layer whose input depends on variables (the second
   * one; the first is {@link #firstBlockForTraining}), written as matrix products over the
   * activations viewed as {@code [positions, channels]}: the batch mean is a product with a row of
   * 1/M, the variance the diagonal of the centred activations' Gram matrix, and the scaling a
   * product with a diagonal matrix, so that the forward pass and every gradient run as oneDNN
   * matrix products and bias additions. TensorFlow's fused kernel does the same arithmetic slower
   * on 6 and 16 channels: it was more than half of a training step (docs/performance.md).
   * Semantics are PyTorch's: the batch is normalized with its biased variance, and the running
   * averages (momentum 0.1) take the unbiased one.
   */
  private Operand<TFloat32> trainingBatchNorm(
      Operand<TFloat32> x,
      int channels,
      Variable<TFloat32> gamma,
      Variable<TFloat32> beta,
      Variable<TFloat32> movingMean,
      Variable<TFloat32> movingVariance) {
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
    Operand<TFloat32> squares =
        tf.linalg.matMul(centered, centered, MatMul.transposeA(true));
    Operand<TFloat32> variance =
        tf.math.div(tf.reduceSum(tf.math.mul(squares, eye), tf.constant(0)), count);
    Operand<TFloat32> scale = foldingScale(gamma, variance);
    Operand<TFloat32> scaling =
        tf.math.mul(eye, tf.reshape(scale, tf.constant(new int[] {1, channels})));
    Operand<TFloat32> y = tf.nn.biasAdd(tf.linalg.matMul(centered, scaling), beta);
    addStatisticUpdates(new BatchNormVariables(gamma, beta, movingMean, movingVariance), mean,
        variance, count);
    return tf.reshape(y, tf.shape(x));
  }

  private Operand<TFloat32> relu(Operand<TFloat32> x, String name, boolean record) {
    return record(record, name, "ReLU", tf.nn.relu(x));
  }

  private Operand<TFloat32> tanh(Operand<TFloat32> x, String name, boolean record) {
    return record(record, name, "Tanh", tf.math.tanh(x));
  }

  private Operand<TFloat32> avgPool(Operand<TFloat32> x, String name, boolean record) {
    List<Long> window = List.of(1L, 2L, 2L, 1L);
    return record(record, name, "AvgPool 2x2/2", tf.nn.avgPool(x, window, window, "VALID"));
  }

  /**
   * Max pooling built as TensorFlow's {@code MaxPool} op, window and strides as attributes. TF
   * Java's {@code nn.maxPool} builds {@code MaxPoolV2}, which takes them as tensors; oneDNN's graph
   * rewrite only replaces {@code MaxPool}, and TensorFlow's own pooling kernels took four times
   * as long (docs/performance.md).
   */
  private Operand<TFloat32> maxPool(Operand<TFloat32> x, String name, boolean record) {
    return record(record, name, "MaxPool 2x2/2", maxPool(x, new long[] {1, 2, 2, 1}));
  }

  /** Max pooling over non-overlapping windows of the given size. */
  private Operand<TFloat32> maxPool(Operand<TFloat32> x, long[] window) {
    return tf.scope()
        .opBuilder("MaxPool", "MaxPool")
        .addInput(x.asOutput())
        .setAttr("ksize", window)
        .setAttr("strides", window)
        .setAttr("padding", "VALID")
        .build()
        .output(0);
  }

  private Operand<TFloat32> flatten(Operand<TFloat32> x, String name, boolean record) {
    Shape shape = x.shape();
    int features = (int) (shape.size(1) * shape.size(2) * shape.size(3));
    return record(record, name, "Flatten", tf.reshape(x, tf.constant(new int[] {-1, features})));
  }

  private Operand<TFloat32> dense(Operand<TFloat32> x, String name, int units, boolean record) {
    int fanIn = (int) x.shape().size(1);
    Variable<TFloat32> weights = weight(name + "_weights", Shape.of(fanIn, units), fanIn);
    Variable<TFloat32> bias = weight(name + "_bias", Shape.of(units), fanIn);
    Operand<TFloat32> y = tf.nn.biasAdd(tf.linalg.matMul(x, weights), bias);
    return record(record, name, "Dense " + units, y, weights, bias);
  }

  @SafeVarargs
  private Operand<TFloat32> record(
      boolean record,
      String name,
      String type,
      Operand<TFloat32> output,
      Variable<TFloat32>... parameters) {
    record(record, name, type, output.shape(), parameters);
    return output;
  }

  @SafeVarargs
  private void record(
      boolean record, String name, String type, Shape output, Variable<TFloat32>... parameters) {
    if (record) {
      long count = 0;
      for (Variable<TFloat32> parameter : parameters) {
        count += parameter.shape().size();
      }
      layers.add(new ModelSummary.Layer(name, type, output, count));
    }
  }

  private Variable<TFloat32> weight(String name, Shape shape, int fanIn) {
    return variable(name, () -> uniform(shape, fanIn), true);
  }

  private Operand<TFloat32> uniform(Shape shape, int fanIn) {
    Ops init = tf.withInitScope();
    float bound = (float) (1.0 / Math.sqrt(fanIn));
    RandomUniform<TFloat32> uniform =
        init.random.randomUniform(
            init.constant(shape.asArray()),
            TFloat32.class,
            RandomUniform.seed(seed),
            RandomUniform.seed2((long) variables.size() + 1));
    return init.math.sub(init.math.mul(uniform, init.constant(2 * bound)), init.constant(bound));
  }

  private Variable<TFloat32> variable(
      String name, Supplier<Operand<TFloat32>> initialValue, boolean isTrainable) {
    Variable<TFloat32> existing = variables.get(name);
    if (existing != null) {
      return existing;
    }
    Operand<TFloat32> value = initialValue.get();
    Variable<TFloat32> created = tf.withName(name).variable(value.shape(), TFloat32.class);
    tf.withInitScope().withName(name + "_init").assign(created, value);
    variables.put(name, created);
    if (isTrainable) {
      trainable.add(created);
    }
    return created;
  }

  private Operand<TFloat32> filled(int size, float value) {
    Ops init = tf.withInitScope();
    return init.fill(init.constant(new int[] {size}), init.constant(value));
  }

  /**
   * Builds one more inference path over the same variables, from another input: float32 {@code
   * [batch, 32, 32, 1]}, preprocessed like {@link #images()}.
   *
   * @return the logits, {@code [batch, 10]}
   */
  public Operand<TFloat32> inference(Operand<TFloat32> input) {
    return forward(input, false, false);
  }

  /** The architecture this graph was built as. */
  public ModelVariant variant() {
    return variant;
  }

  /** The {@code Ops} that built this graph, for adding training ops to it. */
  public Ops ops() {
    return tf;
  }

  /** The input placeholder (see {@link #IMAGES}). */
  public Placeholder<TFloat32> images() {
    return images;
  }

  /** The labels placeholder (see {@link #LABELS}); only in a training graph. */
  public Placeholder<TInt32> labels() {
    return labels;
  }

  /** Logits of the inference path: BatchNorm with running averages. */
  public Operand<TFloat32> inferenceLogits() {
    return inferenceLogits;
  }

  /** The most likely class of each image, by the inference path. */
  public Operand<TInt64> predictedClasses() {
    return predictedClasses;
  }

  /** Logits of the training path: BatchNorm with batch statistics. */
  public Operand<TFloat32> trainingLogits() {
    return trainingLogits;
  }

  /** Mean softmax cross-entropy of the training path; only in a training graph. */
  public Operand<TFloat32> loss() {
    return loss;
  }

  /** The weights, biases and BatchNorm scales and offsets, in layer order. */
  public List<Variable<TFloat32>> trainableVariables() {
    return Collections.unmodifiableList(trainable);
  }

  /** Every variable of the model by name, trainable or not. */
  public Map<String, Variable<TFloat32>> variables() {
    return Collections.unmodifiableMap(variables);
  }

  /**
   * Ops that move the BatchNorm running averages towards the current batch's statistics; run them
   * with every training step.
   */
  public List<Op> statisticUpdates() {
    return Collections.unmodifiableList(statisticUpdates);
  }

  /** Layers, output shapes and parameter counts. */
  public ModelSummary summary() {
    long statistics = 0;
    for (Map.Entry<String, Variable<TFloat32>> entry : variables.entrySet()) {
      if (!trainable.contains(entry.getValue())) {
        statistics += entry.getValue().shape().size();
      }
    }
    return new ModelSummary(variant, layers, statistics);
  }
}
