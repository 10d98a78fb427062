package org.lenet5.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lenet5.TestData;
import org.lenet5.TrainedModels;
import org.lenet5.data.Dataset;
import org.lenet5.data.ModelInput;
import org.lenet5.data.Preprocessing;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The first block's ReLU and pooling run by pooling phase ({@link PhaseBlock}): on the same
 * BatchNorm output in the plain layout they must give exactly what TensorFlow's ReLU and 2x2 max
 * pooling give, values and (in training) gradients. Both see the same four floats per window, so
 * even ties (the flat background of MNIST makes many) must be broken the same way. {@link
 * LoweringTest} compares the whole block, BatchNorm included, within rounding.
 */
class PhaseBlockTest {

  private static final int BATCH = 64;

  /** The first layers' trainable variables. */
  private static final String[] FIRST_LAYER_VARIABLES = {
    "conv1_kernel", "conv1_bias", "bn1_gamma", "bn1_beta"
  };

  @Test
  void trainingPoolsAsTensorFlowsPoolingDoes() {
    ModelInput input =
        Preprocessing.forDataset(Dataset.MNIST).apply(TestData.mnist().train().first(BATCH));
    Shape pooledShape = Shape.of(BATCH, 14, 14, 6);
    float[] weighting = gaussian((int) pooledShape.size(), 7);
    String[] names = FIRST_LAYER_VARIABLES;
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forTraining(graph, 3);
      Ops tf = model.ops();
      Operand<TFloat32> weights = tf.constant(pooledShape, DataBuffers.of(weighting));
      Operand<TFloat32> ours = model.trainingPath().output("pool1");
      Operand<TFloat32> tensorFlows = tensorFlowsPooling(tf, model.trainingPath().output("bn1"));
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

  /** On a trained model, where the folded BatchNorm has non-trivial scales and offsets. */
  @Test
  void inferencePoolsAsTensorFlowsPoolingDoes() {
    ModelInput input =
        Preprocessing.forDataset(Dataset.MNIST).apply(TestData.mnist().test().first(BATCH));
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forInference(graph);
      Ops tf = model.ops();
      Operand<TFloat32> ours = model.inferencePath().output("pool1");
      Operand<TFloat32> tensorFlows = tensorFlowsPooling(tf, model.inferencePath().output("bn1"));
      try (Session session = new Session(graph);
          TFloat32 images =
              TFloat32.tensorOf(Shape.of(BATCH, 32, 32, 1), DataBuffers.of(input.pixels()))) {
        Lenet5Checkpoint.restore(session, TrainedModels.quick().checkpoint());
        try (Result result =
            session.runner().feed(model.images(), images).fetch(ours).fetch(tensorFlows).run()) {
          assertThat(floats((TFloat32) result.get(0)))
              .containsExactly(floats((TFloat32) result.get(1)));
        }
      }
    }
  }

  private static Operand<TFloat32> tensorFlowsPooling(Ops tf, Operand<TFloat32> normalized) {
    return tf.nn.maxPool(tf.nn.relu(normalized), tf.constant(new int[] {1, 2, 2, 1}),
        tf.constant(new int[] {1, 2, 2, 1}), "VALID");
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
}
