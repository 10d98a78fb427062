package org.lenet5.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.lenet5.TestData;
import org.lenet5.data.Dataset;
import org.lenet5.data.ModelInput;
import org.lenet5.data.Preprocessing;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class Lenet5GraphTest {

  @Test
  void hasTheReferenceParameterCountInItsVariables() {
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forTraining(graph, 1);

      long trainable = 0;
      for (Variable<TFloat32> variable : model.trainableVariables()) {
        trainable += variable.shape().size();
      }
      assertThat(trainable).isEqualTo(61_750);
      assertThat(model.summary().trainableParameters()).isEqualTo(61_750);
      assertThat(model.summary().nonTrainableParameters()).isEqualTo(44);
      // Five layers with weights and biases, two BatchNorm layers with scale, offset, mean, variance.
      assertThat(model.variables()).hasSize(18);
    }
  }

  @Test
  void layersHaveTheReferenceShapesAndParameters() {
    try (Graph graph = new Graph()) {
      List<ModelSummary.Row> layers = Lenet5Graph.forInference(graph).summary().layers();

      assertThat(layers)
          .extracting(ModelSummary.Row::name, layer -> layer.outputShape().toString(),
              ModelSummary.Row::parameters)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("conv1", "[-1, 28, 28, 6]", 156L),
              org.assertj.core.groups.Tuple.tuple("bn1", "[-1, 28, 28, 6]", 12L),
              org.assertj.core.groups.Tuple.tuple("relu1", "[-1, 28, 28, 6]", 0L),
              org.assertj.core.groups.Tuple.tuple("pool1", "[-1, 14, 14, 6]", 0L),
              org.assertj.core.groups.Tuple.tuple("conv2", "[-1, 10, 10, 16]", 2416L),
              org.assertj.core.groups.Tuple.tuple("bn2", "[-1, 10, 10, 16]", 32L),
              org.assertj.core.groups.Tuple.tuple("relu2", "[-1, 10, 10, 16]", 0L),
              org.assertj.core.groups.Tuple.tuple("pool2", "[-1, 5, 5, 16]", 0L),
              org.assertj.core.groups.Tuple.tuple("flatten", "[-1, 400]", 0L),
              org.assertj.core.groups.Tuple.tuple("fc", "[-1, 120]", 48120L),
              org.assertj.core.groups.Tuple.tuple("relu3", "[-1, 120]", 0L),
              org.assertj.core.groups.Tuple.tuple("fc1", "[-1, 84]", 10164L),
              org.assertj.core.groups.Tuple.tuple("relu4", "[-1, 84]", 0L),
              org.assertj.core.groups.Tuple.tuple("fc2", "[-1, 10]", 850L));
    }
  }

  @ParameterizedTest
  @CsvSource({"reference, 61750, 44, 18", "no-batchnorm, 61706, 0, 10", "classic, 61706, 0, 10"})
  void everyVariantHasItsParameterCount(
      String id, long trainable, long statistics, int variableCount) {
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forTraining(graph, ModelVariant.fromId(id), 1);

      long inVariables = 0;
      for (Variable<TFloat32> variable : model.trainableVariables()) {
        inVariables += variable.shape().size();
      }
      assertThat(inVariables).isEqualTo(trainable);
      assertThat(model.summary().trainableParameters()).isEqualTo(trainable);
      assertThat(model.summary().nonTrainableParameters()).isEqualTo(statistics);
      assertThat(model.variables()).hasSize(variableCount);
      assertThat(model.summary().format())
          .startsWith("LeNet5, variant " + id)
          .contains(String.format(java.util.Locale.ROOT, "Trainable parameters: %,d", trainable));
    }
  }

  /**
   * The summary comes from the declaration alone; TensorFlow's shape inference over the lowered
   * ops must agree with it, layer by layer, in both paths.
   */
  @ParameterizedTest
  @EnumSource(ModelVariant.class)
  void theDeclaredShapesAreTheLoweredGraphsShapes(ModelVariant variant) {
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forTraining(graph, variant, 1);
      for (ModelSummary.Row row : model.summary().layers()) {
        // Shape.equals never holds for the unknown batch size; compare the dimensions.
        assertThat(model.inferencePath().output(row.name()).shape().asArray()).as(row.name())
            .containsExactly(row.outputShape().asArray());
        assertThat(model.trainingPath().output(row.name()).shape().asArray()).as(row.name())
            .containsExactly(row.outputShape().asArray());
      }
    }
  }

  @Test
  void theClassicVariantHasLeCunsLayers() {
    try (Graph graph = new Graph()) {
      List<ModelSummary.Row> layers =
          Lenet5Graph.forInference(graph, ModelVariant.CLASSIC).summary().layers();

      assertThat(layers)
          .extracting(ModelSummary.Row::name, ModelSummary.Row::type,
              layer -> layer.outputShape().toString(), ModelSummary.Row::parameters)
          .containsExactly(
              tuple("conv1", "Conv2D 5x5, 6 maps", "[-1, 28, 28, 6]", 156L),
              tuple("tanh1", "Tanh", "[-1, 28, 28, 6]", 0L),
              tuple("pool1", "AvgPool 2x2/2", "[-1, 14, 14, 6]", 0L),
              tuple("conv2", "Conv2D 5x5, 16 maps", "[-1, 10, 10, 16]", 2416L),
              tuple("tanh2", "Tanh", "[-1, 10, 10, 16]", 0L),
              tuple("pool2", "AvgPool 2x2/2", "[-1, 5, 5, 16]", 0L),
              tuple("conv3", "Conv2D 5x5, 120 maps", "[-1, 1, 1, 120]", 48120L),
              tuple("tanh3", "Tanh", "[-1, 1, 1, 120]", 0L),
              tuple("flatten", "Flatten", "[-1, 120]", 0L),
              tuple("fc1", "Dense 84", "[-1, 84]", 10164L),
              tuple("tanh4", "Tanh", "[-1, 84]", 0L),
              tuple("fc2", "Dense 10", "[-1, 10]", 850L));
    }
  }

  @Test
  void theNoBatchNormVariantIsTheReferenceWithoutBatchNorm() {
    try (Graph graph = new Graph()) {
      List<String> layers =
          Lenet5Graph.forInference(graph, ModelVariant.NO_BATCHNORM).summary().layers().stream()
              .map(ModelSummary.Row::name)
              .toList();

      assertThat(layers)
          .containsExactly("conv1", "relu1", "pool1", "conv2", "relu2", "pool2", "flatten", "fc",
              "relu3", "fc1", "relu4", "fc2");
    }
  }

  @Test
  void initialWeightsFollowPyTorchsUniformDefault() {
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forTraining(graph, 7);
      try (Session session = new Session(graph);
          Result result =
              session
                  .runner()
                  .fetch(model.variables().get("fc_weights"))
                  .fetch(model.variables().get("bn1_gamma"))
                  .run()) {
        TFloat32 weights = (TFloat32) result.get(0);
        float bound = (float) (1 / Math.sqrt(400));
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (long i = 0; i < weights.shape().size(); i++) {
          float w = weights.getFloat(i / 120, i % 120);
          min = Math.min(min, w);
          max = Math.max(max, w);
        }
        // 48,000 draws from U(-1/20, 1/20) come close to both ends.
        assertThat(min).isBetween(-bound, -0.99f * bound);
        assertThat(max).isBetween(0.99f * bound, bound);
        assertThat(((TFloat32) result.get(1)).getFloat(0)).isEqualTo(1f);
      }
    }
  }

  @Test
  void classifiesABatchIntoTenLogitsPerImage() {
    ModelInput input =
        Preprocessing.forDataset(Dataset.MNIST).apply(TestData.mnist().test().first(5));
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forInference(graph);
      try (Session session = new Session(graph);
          TFloat32 images =
              TFloat32.tensorOf(Shape.of(5, 32, 32, 1), DataBuffers.of(input.pixels()));
          Result result =
              session
                  .runner()
                  .feed(model.images(), images)
                  .fetch(model.inferenceLogits())
                  .fetch(model.predictedClasses())
                  .run()) {
        assertThat(result.get(0).shape()).isEqualTo(Shape.of(5, 10));
        assertThat(result.get(1).shape()).isEqualTo(Shape.of(5));
      }
    }
  }
}
