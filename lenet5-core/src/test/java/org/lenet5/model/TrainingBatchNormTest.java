package org.lenet5.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lenet5.TestData;
import org.lenet5.data.Dataset;
import org.lenet5.data.ModelInput;
import org.lenet5.data.Preprocessing;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

/**
 * The fast training path's BatchNorm layers against exact arithmetic in doubles, beside
 * TensorFlow's fused kernel: {@link LoweringTest} holds the fast lowering to the plain one, this
 * test holds both to the exact values.
 */
class TrainingBatchNormTest {

  private static final int BATCH = 64;

  /**
   * The training path's BatchNorm (from the patches' statistics in the first layer, {@link
   * PhaseBlock}; matrix products in the second, {@link MatrixBatchNorm}) normalizes with batch
   * statistics as the exact arithmetic does, at least as closely as TensorFlow's own fused
   * kernel: compared on the real activations of a batch, gamma 1 and beta 0 as initialized.
   */
  @ParameterizedTest
  @CsvSource({"conv1, bn1, 28, 6", "conv2, bn2, 10, 16"})
  void isAsExactAsTensorFlowsFusedKernel(String conv, String layer, int side, int channels) {
    ModelInput input =
        Preprocessing.forDataset(Dataset.MNIST).apply(TestData.mnist().train().first(BATCH));
    float[] activations = new float[BATCH * side * side * channels];
    float[] normalized = new float[activations.length];
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forTraining(graph, 3);
      Operand<TFloat32> output = model.trainingPath().output(layer);
      Operand<TFloat32> convolved = model.trainingPath().output(conv);
      try (Session session = new Session(graph);
          TFloat32 images =
              TFloat32.tensorOf(Shape.of(BATCH, 32, 32, 1), DataBuffers.of(input.pixels()));
          Result result =
              session.runner().feed(model.images(), images).fetch(output).fetch(convolved).run()) {
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
}
