package org.lenet5.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lenet5.TestData;
import org.lenet5.data.Dataset;
import org.lenet5.data.ModelInput;
import org.lenet5.data.Preprocessing;
import org.lenet5.model.Lenet5Graph;
import org.lenet5.model.ModelVariant;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class OrderedAdamTest {

  /**
   * Adam's first step moves each weight by the learning rate against its gradient's sign
   * (bias-corrected m/√v is ±1 when m and v hold one gradient), less only where the gradient is
   * as small as epsilon. The step must read the bias-correction powers β₁¹, β₂¹: had the powers
   * advanced first, as the framework's unordered Adam usually let them, the largest move would be
   * 0.74 of the rate.
   */
  @Test
  void theFirstStepMovesNoWeightFartherThanTheLearningRateAndSomeThatFar() {
    Recipe recipe = Recipe.reference();
    ModelInput batch =
        Preprocessing.forDataset(Dataset.MNIST).apply(TestData.mnist().train().first(64));
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forTraining(graph, ModelVariant.REFERENCE, 1);
      TrainingStep step = new TrainingStep(graph, model, recipe);
      try (Session session = new Session(graph)) {
        List<float[]> before = values(session, model.trainableVariables());
        step.run(session, batch.pixels(), batch.labels(), batch.count());
        List<float[]> after = values(session, model.trainableVariables());

        double largest = 0;
        for (int v = 0; v < before.size(); v++) {
          for (int i = 0; i < before.get(v).length; i++) {
            largest = Math.max(largest, Math.abs(after.get(v)[i] - before.get(v)[i]));
          }
        }
        assertThat(largest).isCloseTo(recipe.learningRate(), within(1e-3 * recipe.learningRate()));
      }
    }
  }

  private static List<float[]> values(Session session, List<Variable<TFloat32>> variables) {
    List<float[]> values = new ArrayList<>();
    for (Variable<TFloat32> variable : variables) {
      try (Result result = session.runner().fetch(variable).run()) {
        TFloat32 tensor = (TFloat32) result.get(0);
        float[] copy = new float[(int) tensor.size()];
        tensor.asRawTensor().data().asFloats().read(copy);
        values.add(copy);
      }
    }
    return values;
  }
}
