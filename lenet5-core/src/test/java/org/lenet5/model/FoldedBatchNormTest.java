package org.lenet5.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lenet5.TestData;
import org.lenet5.TrainedModels;
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
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

/**
 * The inference path folds BatchNorm into the convolution before it and pools the first block by
 * phase; on a trained model, it gives what TensorFlow's own convolution, bias, inference
 * BatchNorm, ReLU and pooling give.
 */
class FoldedBatchNormTest {

  private static final int IMAGES = 64;

  @Test
  void foldedFirstLayerEqualsConvolutionThenBatchNorm() {
    ModelInput input =
        Preprocessing.forDataset(Dataset.MNIST).apply(TestData.mnist().test().first(IMAGES));
    float[] folded = new float[IMAGES * 28 * 28 * 6];
    float[][] parameters = new float[6][];
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forInference(graph);
      List<String> names =
          List.of("conv1_kernel", "conv1_bias", "bn1_gamma", "bn1_beta", "bn1_moving_mean",
              "bn1_moving_variance");
      try (Session session = new Session(graph);
          TFloat32 images =
              TFloat32.tensorOf(Shape.of(IMAGES, 32, 32, 1), DataBuffers.of(input.pixels()))) {
        Lenet5Checkpoint.restore(session, TrainedModels.quick().checkpoint());
        Session.Runner runner =
            session
                .runner()
                .feed(model.images(), images)
                .fetch("bn1" + Lenet5Graph.INFERENCE_OUTPUT);
        names.forEach(name -> runner.fetch(model.variables().get(name)));
        try (Result result = runner.run()) {
          ((TFloat32) result.get(0)).copyTo(DataBuffers.of(folded, false, false));
          for (int i = 0; i < names.size(); i++) {
            TFloat32 value = (TFloat32) result.get(i + 1);
            parameters[i] = new float[(int) value.shape().size()];
            value.copyTo(DataBuffers.of(parameters[i], false, false));
          }
        }
      }
    }

    float[] unfolded = new float[folded.length];
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Operand<TFloat32> x =
          tf.constant(Shape.of(IMAGES, 32, 32, 1), DataBuffers.of(input.pixels()));
      Operand<TFloat32> conv =
          tf.nn.biasAdd(
              tf.nn.conv2d(x, tf.constant(Shape.of(5, 5, 1, 6), DataBuffers.of(parameters[0])),
                  List.of(1L, 1L, 1L, 1L), "VALID"),
              tf.constant(parameters[1]));
      Operand<TFloat32> y =
          tf.nn.fusedBatchNorm(conv, tf.constant(parameters[2]), tf.constant(parameters[3]),
              tf.constant(parameters[4]), tf.constant(parameters[5]),
              FusedBatchNorm.epsilon(1e-5f), FusedBatchNorm.isTraining(false)).y();
      try (Session session = new Session(graph); Result result = session.runner().fetch(y).run()) {
        ((TFloat32) result.get(0)).copyTo(DataBuffers.of(unfolded, false, false));
      }
    }
    for (int i = 0; i < folded.length; i++) {
      assertThat(folded[i]).as("value %d", i).isCloseTo(unfolded[i], within(1e-4f));
    }
  }

  /**
   * The inference path pools the first block by phase (Lenet5Graph): on a trained model it gives
   * exactly what TensorFlow's ReLU and 2x2 max pooling give on the same folded BatchNorm output.
   */
  @Test
  void firstBlockPoolsAsTensorFlowsPoolingDoes() {
    ModelInput input =
        Preprocessing.forDataset(Dataset.MNIST).apply(TestData.mnist().test().first(IMAGES));
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forInference(graph);
      Ops tf = model.ops();
      Operand<TFloat32> normalized =
          graph.<TFloat32>operation("bn1" + Lenet5Graph.INFERENCE_OUTPUT).output(0);
      Operand<TFloat32> tensorFlows =
          tf.nn.maxPool(tf.nn.relu(normalized), tf.constant(new int[] {1, 2, 2, 1}),
              tf.constant(new int[] {1, 2, 2, 1}), "VALID");
      try (Session session = new Session(graph);
          TFloat32 images =
              TFloat32.tensorOf(Shape.of(IMAGES, 32, 32, 1), DataBuffers.of(input.pixels()))) {
        Lenet5Checkpoint.restore(session, TrainedModels.quick().checkpoint());
        try (Result result =
            session
                .runner()
                .feed(model.images(), images)
                .fetch("pool1" + Lenet5Graph.INFERENCE_OUTPUT)
                .fetch(tensorFlows)
                .run()) {
          float[] ours = new float[IMAGES * 14 * 14 * 6];
          float[] theirs = new float[ours.length];
          ((TFloat32) result.get(0)).copyTo(DataBuffers.of(ours, false, false));
          ((TFloat32) result.get(1)).copyTo(DataBuffers.of(theirs, false, false));
          assertThat(ours).containsExactly(theirs);
        }
      }
    }
  }
}
