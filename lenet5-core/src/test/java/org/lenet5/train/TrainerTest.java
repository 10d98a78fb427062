package org.lenet5.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenet5.Lenet5Exception;
import org.lenet5.TestData;
import org.lenet5.data.Dataset;
import org.lenet5.data.ModelInput;
import org.lenet5.data.Preprocessing;
import org.lenet5.model.Evaluation;
import org.lenet5.model.Lenet5Graph;
import org.tensorflow.Graph;
import org.tensorflow.Session;

class TrainerTest {

  @TempDir Path dir;

  @Test
  void oneStepLowersTheLossOnItsBatch() {
    ModelInput batch =
        Preprocessing.forDataset(Dataset.MNIST).apply(TestData.mnist().train().first(64));
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forTraining(graph, 1);
      TrainingStep step = new TrainingStep(graph, model, Recipe.reference());
      try (Session session = new Session(graph)) {
        float before = step.loss(session, batch.pixels(), batch.labels(), 64);
        float during = step.run(session, batch.pixels(), batch.labels(), 64);
        float after = step.loss(session, batch.pixels(), batch.labels(), 64);

        // An untrained 10-class model scores about ln(10) = 2.3.
        assertThat(before).isBetween(1.9f, 2.7f);
        assertThat(during).isEqualTo(before);
        assertThat(after).isLessThan(before);
      }
    }
  }

  @Test
  void oneEpochOnTwentyThousandImagesGeneralizesAndTheCheckpointAgrees() {
    Recipe recipe = Recipe.builder().epochs(1).limitTrain(20_000).build();
    RunSettings settings = RunSettings.builder().logEvery(100).outputDir(dir).build();
    List<String> lines = new ArrayList<>();

    TrainingResult result =
        new Trainer(recipe, settings).addListener(new ConsoleReport(lines::add)).train();

    assertThat(result.testAccuracy()).isGreaterThan(0.95);
    assertThat(result.evaluation().total()).isEqualTo(10_000);
    assertThat(result.epochs()).hasSize(1);
    assertThat(result.epochs().get(0).images()).isEqualTo(20_000);
    assertThat(result.checkpoint()).isEqualTo(dir.resolve(Trainer.CHECKPOINT_DIR));
    assertThat(lines)
        .anyMatch(line -> line.matches("Epoch \\[1/1], Step \\[300/313], Loss: \\d+\\.\\d{4}"))
        .contains(result.evaluation().accuracyLine())
        .anyMatch(line -> line.startsWith("Trainable parameters: 61,750"));

    Evaluation restored =
        Evaluator.evaluateModel(result.checkpoint(), Optional.empty(), settings.dataLocator());
    assertThat(restored.correct()).isEqualTo(result.evaluation().correct());
  }

  @Test
  void theSameSeedGivesTheSameLossesAndAnotherSeedDoesNot() {
    List<Float> first = losses(11);
    List<Float> second = losses(11);
    List<Float> other = losses(12);

    assertThat(first).hasSize(20).isEqualTo(second);
    assertThat(other).hasSize(20).isNotEqualTo(first);
  }

  @Test
  void refusesAnOutputPathThatIsAFileBeforeTraining() throws IOException {
    Path file = Files.writeString(dir.resolve("taken"), "x");
    Trainer trainer =
        new Trainer(
            Recipe.builder().epochs(1).limitTrain(64).build(),
            RunSettings.builder().outputDir(file).build());

    assertThatThrownBy(trainer::train)
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageContaining("is a file");
  }

  private List<Float> losses(long seed) {
    Recipe recipe = Recipe.builder().epochs(1).limitTrain(1280).seed(seed).build();
    RunSettings settings =
        RunSettings.builder().outputDir(dir.resolve("seed-" + seed + "-" + System.nanoTime())).build();
    List<Float> losses = new ArrayList<>();
    new Trainer(recipe, settings)
        .addListener(
            new TrainingListener() {
              @Override
              public void onStep(int epoch, int step, float loss) {
                losses.add(loss);
              }
            })
        .train();
    return losses;
  }
}
