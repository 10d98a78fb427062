package org.lenet5.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lenet5.Lenet5Exception;
import org.lenet5.TestData;
import org.lenet5.data.Dataset;
import org.lenet5.data.ModelInput;
import org.lenet5.data.Preprocessing;
import org.lenet5.model.Lenet5Graph;
import org.tensorflow.Graph;
import org.tensorflow.Session;

class DivergenceTest {

  private final Trainer trainer =
      new Trainer(
          Recipe.builder().learningRate(0.5).build(),
          RunSettings.builder().outputDir(Path.of("runs/x")).build());

  @Test
  void aNanOrInfiniteLossStopsTheRunNamingTheStepAndTheRemedy() {
    for (float loss : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> trainer.requireFinite(loss, 2, 37))
          .isInstanceOf(Lenet5Exception.class)
          .hasMessage("training diverged: the loss is " + loss + " at epoch 2, step 37; lower the"
              + " learning rate (now 0.5) and train again (checkpoints of the epochs before stay"
              + " in runs/x/checkpoints)");
    }
    trainer.requireFinite(2.3f, 1, 1);
  }

  @Test
  void tensorFlowReportsANanLossForABatchThatHasNan() {
    ModelInput batch =
        Preprocessing.forDataset(Dataset.MNIST).apply(TestData.mnist().train().first(64));
    float[] pixels = batch.pixels();
    pixels[100] = Float.NaN;
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forTraining(graph, 1);
      TrainingStep step = new TrainingStep(graph, model, Recipe.reference());
      try (Session session = new Session(graph)) {
        float loss = step.run(session, pixels, batch.labels(), 64);

        assertThat(loss).isNaN();
        assertThatThrownBy(() -> trainer.requireFinite(loss, 1, 1))
            .isInstanceOf(Lenet5Exception.class);
      }
    }
  }
}
