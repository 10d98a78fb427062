package org.lenet5.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.lenet5.TestData;
import org.lenet5.data.Dataset;
import org.lenet5.data.ModelInput;
import org.lenet5.data.Preprocessing;
import org.lenet5.model.Lenet5Graph;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * The running statistics after a training step, which the fast lowering computes without
 * TensorFlow's BatchNorm kernels, against PyTorch's rule recomputed in plain Java (the model
 * package's LoweringTest compares them with TensorFlow's fused kernel's).
 */
class BatchNormStatisticsTest {

  private static final int BATCH = 64;

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
      TrainingStep step = new TrainingStep(graph, model, Recipe.reference());
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
