package org.lenet5.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lenet5.TestData;
import org.lenet5.data.Dataset;
import org.lenet5.data.ModelInput;
import org.lenet5.data.Preprocessing;
import org.lenet5.model.Lenet5Graph;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

/**
 * The training path's BatchNorm, which Lenet5Graph computes without TensorFlow's BatchNorm kernels,
 * against independent arithmetic: the running statistics after a step against PyTorch's rule
 * recomputed in plain Java, the normalized activations against doubles, and the first layer's
 * gradients against TensorFlow's convolution and fused BatchNorm.
 */
class BatchNormStatisticsTest {

  private static final int BATCH = 64;

  /** The first layer's trainable variables, whose gradients the first-block tests compare. */
  private static final String[] FIRST_LAYER_VARIABLES = {
    "conv1_kernel", "conv1_bias", "bn1_gamma", "bn1_beta"
  };

  /**
   * After one training step, the running statistics of the first BatchNorm layer must be
   * PyTorch's: {@code running = 0.9 * running + 0.1 * batch}, with the unbiased batch variance,
   * recomputed here from the first convolution's weights.
   */
  @Test
  void runningStatisticsFollowPyTorchsUpdateRule() {
    ModelInput input =
        Preprocessing.forDataset(Dataset.MNIST).apply(TestData.mnist().train().first(BATCH));
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forTraining(graph, 3);
      TrainingStep step = new TrainingStep(graph, model, TrainingConfig.defaults());
      try (Session session = new Session(graph)) {
        float[][] kernel = new float[25][6];
        float[] bias = new float[6];
        try (Result result =
            session
                .runner()
                .fetch(model.variables().get("conv1_kernel"))
                .fetch(model.variables().get("conv1_bias"))
                .run()) {
          TFloat32 k = (TFloat32) result.get(0);
          TFloat32 b = (TFloat32) result.get(1);
          for (int c = 0; c < 6; c++) {
            bias[c] = b.getFloat(c);
            for (int i = 0; i < 25; i++) {
              kernel[i][c] = k.getFloat(i / 5, i % 5, 0, c);
            }
          }
        }

        step.run(session, input.pixels(), input.labels(), BATCH);

        double[][] expected = pytorchRunningStatistics(input.pixels(), kernel, bias);
        try (Result result =
            session
                .runner()
                .fetch(model.variables().get("bn1_moving_mean"))
                .fetch(model.variables().get("bn1_moving_variance"))
                .run()) {
          TFloat32 mean = (TFloat32) result.get(0);
          TFloat32 variance = (TFloat32) result.get(1);
          for (int c = 0; c < 6; c++) {
            assertThat((double) mean.getFloat(c)).as("mean %d", c)
                .isCloseTo(expected[0][c], within(1e-4));
            assertThat((double) variance.getFloat(c)).as("variance %d", c)
                .isCloseTo(expected[1][c], within(1e-4 * expected[1][c]));
          }
        }
      }
    }
  }

  /**
   * The training path's BatchNorm (from the patches' statistics in the first layer, matrix
   * products in the second, see Lenet5Graph) normalizes with batch statistics as the exact
   * arithmetic does, at least as closely as TensorFlow's own fused kernel: compared on the real
   * activations of a batch, gamma 1 and beta 0 as initialized.
   */
  @ParameterizedTest
  @CsvSource({"bn1, 28, 6", "bn2, 10, 16"})
  void trainingBatchNormIsAsExactAsTensorFlowsFusedKernel(String layer, int side, int channels) {
    ModelInput input =
        Preprocessing.forDataset(Dataset.MNIST).apply(TestData.mnist().train().first(BATCH));
    float[] activations = new float[BATCH * side * side * channels];
    float[] normalized = new float[activations.length];
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forTraining(graph, 3);
      Operand<TFloat32> output =
          graph.<TFloat32>operation(layer + Lenet5Graph.TRAINING_OUTPUT).output(0);
      Operand<TFloat32> conv =
          graph.<TFloat32>operation(layer + Lenet5Graph.TRAINING_INPUT).output(0);
      try (Session session = new Session(graph);
          TFloat32 images =
              TFloat32.tensorOf(Shape.of(BATCH, 32, 32, 1), DataBuffers.of(input.pixels()));
          Result result =
              session.runner().feed(model.images(), images).fetch(output).fetch(conv).run()) {
        ((TFloat32) result.get(0)).copyTo(DataBuffers.of(normalized, false, false));
        ((TFloat32) result.get(1)).copyTo(DataBuffers.of(activations, false, false));
      }
    }
    float[] fused = new float[activations.length];
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Operand<TFloat32> ones = tf.fill(tf.constant(new int[] {channels}), tf.constant(1f));
      Operand<TFloat32> zeros = tf.fill(tf.constant(new int[] {channels}), tf.constant(0f));
      Shape shape = Shape.of(BATCH, side, side, channels);
      try (TFloat32 x = TFloat32.tensorOf(shape, DataBuffers.of(activations));
          Session session = new Session(graph)) {
        Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(shape));
        Operand<TFloat32> y =
            tf.nn.fusedBatchNorm(in, ones, zeros, zeros, ones,
                FusedBatchNorm.epsilon(1e-5f), FusedBatchNorm.isTraining(true)).y();
        try (Result result = session.runner().feed(in, x).fetch(y).run()) {
          ((TFloat32) result.get(0)).copyTo(DataBuffers.of(fused, false, false));
        }
      }
    }
    double[] exact = normalizeInDoubles(activations, channels);
    double oursWorst = 0;
    double fusedWorst = 0;
    for (int i = 0; i < exact.length; i++) {
      oursWorst = Math.max(oursWorst, Math.abs(normalized[i] - exact[i]));
      fusedWorst = Math.max(fusedWorst, Math.abs(fused[i] - exact[i]));
    }
    // Measured: ours within 4.2e-6 (bn1) and 3.6e-6 (bn2) of the exact values, the fused kernel
    // within 3.1e-4 and 2.2e-6.
    assertThat(oursWorst).isLessThanOrEqualTo(Math.max(fusedWorst, 1e-5));
  }

  /**
   * The first layer computes BatchNorm's statistics from the input patches rather than from its
   * activations, and by pooling phase (Lenet5Graph); its gradients must still be BatchNorm's.
   * Compared with TensorFlow's convolution and fused BatchNorm on the same batch and weights,
   * through a loss that weighs every normalized activation differently (at BatchNorm's output in
   * the plain layout; firstBlockPoolsAsTensorFlowsPoolingDoes carries it through the pooling).
   */
  @Test
  void firstLayerGradientsAreBatchNormsGradients() {
    ModelInput input =
        Preprocessing.forDataset(Dataset.MNIST).apply(TestData.mnist().train().first(BATCH));
    Shape activations = Shape.of(BATCH, 28, 28, 6);
    float[] weighting = gaussian((int) activations.size(), 5);
    String[] names = FIRST_LAYER_VARIABLES;
    float[][] ours = new float[names.length][];
    float[][] values = new float[names.length][];
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forTraining(graph, 3);
      Ops tf = model.ops();
      Operand<TFloat32> output =
          graph.<TFloat32>operation("bn1" + Lenet5Graph.TRAINING_OUTPUT).output(0);
      Operand<TFloat32> loss =
          weightedSum(tf, output, tf.constant(activations, DataBuffers.of(weighting)));
      Output<?>[] variables = new Output<?>[names.length];
      for (int i = 0; i < names.length; i++) {
        variables[i] = model.variables().get(names[i]).asOutput();
      }
      Output<?>[] gradients = graph.addGradients(loss.asOutput(), variables);
      try (Session session = new Session(graph);
          TFloat32 images =
              TFloat32.tensorOf(Shape.of(BATCH, 32, 32, 1), DataBuffers.of(input.pixels()))) {
        Session.Runner runner = session.runner().feed(model.images(), images);
        for (int i = 0; i < names.length; i++) {
          runner.fetch(gradients[i]).fetch(variables[i]);
        }
        try (Result result = runner.run()) {
          for (int i = 0; i < names.length; i++) {
            ours[i] = floats((TFloat32) result.get(2 * i));
            values[i] = floats((TFloat32) result.get(2 * i + 1));
          }
        }
      }
    }
    float[][] reference = new float[names.length][];
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Shape[] shapes = {Shape.of(5, 5, 1, 6), Shape.of(6), Shape.of(6), Shape.of(6)};
      List<Operand<TFloat32>> parameters = new ArrayList<>();
      for (int i = 0; i < names.length; i++) {
        parameters.add(tf.constant(shapes[i], DataBuffers.of(values[i])));
      }
      Placeholder<TFloat32> images =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(BATCH, 32, 32, 1)));
      Operand<TFloat32> conv =
          tf.nn.biasAdd(
              tf.nn.conv2d(images, parameters.get(0), List.of(1L, 1L, 1L, 1L), "VALID"),
              parameters.get(1));
      Operand<TFloat32> zeros = tf.fill(tf.constant(new int[] {6}), tf.constant(0f));
      Operand<TFloat32> y =
          tf.nn.fusedBatchNorm(conv, parameters.get(2), parameters.get(3), zeros, zeros,
              FusedBatchNorm.epsilon(1e-5f), FusedBatchNorm.isTraining(true)).y();
      Operand<TFloat32> loss =
          weightedSum(tf, y, tf.constant(activations, DataBuffers.of(weighting)));
      Output<?>[] inputs = new Output<?>[names.length];
      for (int i = 0; i < names.length; i++) {
        inputs[i] = parameters.get(i).asOutput();
      }
      Output<?>[] gradients = graph.addGradients(loss.asOutput(), inputs);
      try (Session session = new Session(graph);
          TFloat32 pixels =
              TFloat32.tensorOf(Shape.of(BATCH, 32, 32, 1), DataBuffers.of(input.pixels()))) {
        Session.Runner runner = session.runner().feed(images, pixels);
        for (Output<?> gradient : gradients) {
          runner.fetch(gradient);
        }
        try (Result result = runner.run()) {
          for (int i = 0; i < names.length; i++) {
            reference[i] = floats((TFloat32) result.get(i));
          }
        }
      }
    }
    // The conv bias cancels in BatchNorm: both gradients are rounding noise around zero.
    float scale = largest(reference[0]);
    for (int i = 0; i < names.length; i++) {
      float worst = 0;
      for (int j = 0; j < ours[i].length; j++) {
        worst = Math.max(worst, Math.abs(ours[i][j] - reference[i][j]));
      }
      // Measured: kernel 3.4e-5, gamma 3.0e-5, beta 2.9e-6 of the largest; bias 2.1e-5 of the
      // largest kernel gradient.
      float tolerance = 2e-4f * (i == 1 ? scale : largest(reference[i]));
      assertThat(worst).as(names[i]).isLessThan(tolerance);
    }
  }

  /**
   * The first block's ReLU and pooling run by pooling phase (Lenet5Graph): they must give what
   * TensorFlow's ReLU and 2x2 max pooling give on the same BatchNorm output in the plain layout,
   * values and gradients. Both see the same four floats per window, so even ties (the flat
   * background of MNIST makes many) must be broken the same way.
   */
  @Test
  void firstBlockPoolsAsTensorFlowsPoolingDoes() {
    ModelInput input =
        Preprocessing.forDataset(Dataset.MNIST).apply(TestData.mnist().train().first(BATCH));
    Shape pooledShape = Shape.of(BATCH, 14, 14, 6);
    float[] weighting = gaussian((int) pooledShape.size(), 7);
    String[] names = FIRST_LAYER_VARIABLES;
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forTraining(graph, 3);
      Ops tf = model.ops();
      Operand<TFloat32> weights = tf.constant(pooledShape, DataBuffers.of(weighting));
      Operand<TFloat32> ours =
          graph.<TFloat32>operation("pool1" + Lenet5Graph.TRAINING_OUTPUT).output(0);
      Operand<TFloat32> normalized =
          graph.<TFloat32>operation("bn1" + Lenet5Graph.TRAINING_OUTPUT).output(0);
      Operand<TFloat32> tensorFlows =
          tf.nn.maxPool(tf.nn.relu(normalized), tf.constant(new int[] {1, 2, 2, 1}),
              tf.constant(new int[] {1, 2, 2, 1}), "VALID");
      Output<?>[] variables = new Output<?>[names.length];
      for (int i = 0; i < names.length; i++) {
        variables[i] = model.variables().get(names[i]).asOutput();
      }
      Output<?>[] ourGradients =
          graph.addGradients(weightedSum(tf, ours, weights).asOutput(), variables);
      Output<?>[] theirGradients =
          graph.addGradients(weightedSum(tf, tensorFlows, weights).asOutput(), variables);
      try (Session session = new Session(graph);
          TFloat32 images =
              TFloat32.tensorOf(Shape.of(BATCH, 32, 32, 1), DataBuffers.of(input.pixels()))) {
        Session.Runner runner =
            session.runner().feed(model.images(), images).fetch(ours).fetch(tensorFlows);
        for (int i = 0; i < names.length; i++) {
          runner.fetch(ourGradients[i]).fetch(theirGradients[i]);
        }
        try (Result result = runner.run()) {
          assertThat(floats((TFloat32) result.get(0)))
              .containsExactly(floats((TFloat32) result.get(1)));
          for (int i = 0; i < names.length; i++) {
            float[] mine = floats((TFloat32) result.get(2 + 2 * i));
            float[] theirs = floats((TFloat32) result.get(3 + 2 * i));
            float worst = 0;
            for (int j = 0; j < mine.length; j++) {
              worst = Math.max(worst, Math.abs(mine[j] - theirs[j]));
            }
            // Measured: 0 (the same products of the same values, summed in the same order).
            assertThat(worst).as(names[i]).isLessThanOrEqualTo(1e-5f * largest(theirs));
          }
        }
      }
    }
  }

  /** Loss weights that differ for every value: standard normal, from {@code seed}. */
  private static float[] gaussian(int size, long seed) {
    Random random = new Random(seed);
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }

  private static Operand<TFloat32> weightedSum(
      Ops tf, Operand<TFloat32> values, Operand<TFloat32> weights) {
    return tf.reduceSum(tf.math.mul(values, weights), tf.constant(new int[] {0, 1, 2, 3}));
  }

  private static float[] floats(TFloat32 tensor) {
    float[] values = new float[(int) tensor.size()];
    tensor.copyTo(DataBuffers.of(values, false, false));
    return values;
  }

  private static float largest(float[] values) {
    float largest = 0;
    for (float value : values) {
      largest = Math.max(largest, Math.abs(value));
    }
    return largest;
  }

  /** Batch normalization with biased variance and epsilon 1e-5, per channel, in doubles. */
  private static double[] normalizeInDoubles(float[] values, int channels) {
    int positions = values.length / channels;
    double[] mean = new double[channels];
    double[] variance = new double[channels];
    for (int i = 0; i < values.length; i++) {
      mean[i % channels] += values[i];
    }
    for (int c = 0; c < channels; c++) {
      mean[c] /= positions;
    }
    for (int i = 0; i < values.length; i++) {
      double d = values[i] - mean[i % channels];
      variance[i % channels] += d * d;
    }
    double[] normalized = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      int c = i % channels;
      normalized[i] = (values[i] - mean[c]) / Math.sqrt(variance[c] / positions + 1e-5);
    }
    return normalized;
  }

  /** Starting from mean 0 and variance 1, one update with momentum 0.1. */
  private static double[][] pytorchRunningStatistics(
      float[] pixels, float[][] kernel, float[] bias) {
    int outputs = BATCH * 28 * 28;
    double[] sum = new double[6];
    double[] squares = new double[6];
    for (int n = 0; n < BATCH; n++) {
      for (int y = 0; y < 28; y++) {
        for (int x = 0; x < 28; x++) {
          for (int c = 0; c < 6; c++) {
            double value = bias[c];
            for (int i = 0; i < 5; i++) {
              for (int j = 0; j < 5; j++) {
                value += pixels[n * 1024 + (y + i) * 32 + x + j] * kernel[i * 5 + j][c];
              }
            }
            sum[c] += value;
            squares[c] += value * value;
          }
        }
      }
    }
    double[][] running = new double[2][6];
    for (int c = 0; c < 6; c++) {
      double mean = sum[c] / outputs;
      double unbiased = (squares[c] - outputs * mean * mean) / (outputs - 1);
      running[0][c] = 0.9 * 0 + 0.1 * mean;
      running[1][c] = 0.9 * 1 + 0.1 * unbiased;
    }
    return running;
  }
}
