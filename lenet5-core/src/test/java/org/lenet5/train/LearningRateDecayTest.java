package org.lenet5.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class LearningRateDecayTest {

  private static final int BATCH = 64;

  @Test
  void eachEpochTrainsAtTheDecayedRate() {
    Recipe recipe =
        Recipe.builder().learningRate(0.002).learningRateDecay(0.5).build();

    assertThat(recipe.learningRate(1)).isEqualTo(0.002f);
    assertThat(recipe.learningRate(2)).isEqualTo(0.001f);
    assertThat(recipe.learningRate(4)).isEqualTo(0.00025f);
    assertThat(Recipe.reference().learningRate(10)).isEqualTo(0.001f);
  }

  @Test
  void rejectsDecayOutsideZeroToOne() {
    assertThatThrownBy(() -> Recipe.builder().learningRateDecay(0))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("learningRateDecay");
    assertThatThrownBy(() -> Recipe.builder().learningRateDecay(1.5))
        .isInstanceOf(InvalidConfigException.class);
  }

  @Test
  void aFedLearningRateTrainsExactlyAsAGraphBuiltWithIt() {
    float[] fed = weightsAfterThreeSteps(Recipe.builder().learningRate(0.001).build(),
        0.0003f);
    float[] built = weightsAfterThreeSteps(Recipe.builder().learningRate(0.0003).build(),
        0.0003f);
    float[] undecayed = weightsAfterThreeSteps(Recipe.builder().learningRate(0.001).build(),
        0.001f);

    assertThat(fed).containsExactly(built);
    assertThat(fed).isNotEqualTo(undecayed);
  }

  private static float[] weightsAfterThreeSteps(Recipe recipe, float rate) {
    ModelInput batch =
        Preprocessing.forDataset(Dataset.MNIST).apply(TestData.mnist().train().first(BATCH));
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forTraining(graph, 5);
      TrainingStep step = new TrainingStep(graph, model, recipe);
      try (Session session = new Session(graph)) {
        for (int i = 0; i < 3; i++) {
          step.run(session, batch.pixels(), batch.labels(), BATCH, rate);
        }
        try (Result result = session.runner().fetch(model.variables().get("fc2_weights")).run()) {
          TFloat32 weights = (TFloat32) result.get(0);
          float[] values = new float[84 * 10];
          for (int i = 0; i < values.length; i++) {
            values[i] = weights.getFloat(i / 10, i % 10);
          }
          return values;
        }
      }
    }
  }
}
