package org.lenet5.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenet5.Lenet5Exception;
import org.lenet5.data.Dataset;
import org.lenet5.model.Evaluation;
import org.lenet5.model.ModelVariant;
import org.lenet5.train.Evaluator;
import org.lenet5.train.ModelFingerprint;
import org.lenet5.train.Recipe;
import org.lenet5.train.RunSettings;
import org.lenet5.train.Trainer;

/**
 * The forked JVM's goals, run in this one on real data: verify's evaluation of an export gives
 * what the train goal reported, both through the evaluation entry point.
 */
class ForkedGoalTest {

  @TempDir Path dir;

  private RunSettings settings() {
    return RunSettings.builder()
        .outputDir(dir.resolve("run"))
        .exportDir(dir.resolve("models"))
        .build();
  }

  @Test
  void aTrainingRequestCarriesTheRecipeAndTheSettingsWhole() {
    Recipe recipe =
        Recipe.builder().dataset(Dataset.FASHION_MNIST).variant(ModelVariant.CLASSIC)
            .augment(true).epochs(7).batchSize(32).learningRate(0.002).learningRateDecay(0.9)
            .beta1(0.8).seed(-3).limitTrain(6400).build();
    RunSettings settings =
        RunSettings.builder().dataDir(dir.resolve("data")).cacheDir(dir.resolve("cache"))
            .outputDir(dir.resolve("run")).exportDir(dir.resolve("models")).device("cpu")
            .gpuMemoryFraction(0.25).checkpointEvery(2).keepCheckpoints(5).logEvery(9)
            .evaluateEachEpoch(false).build();

    Properties request = ForkedGoal.trainRequest(recipe, settings, true);

    assertThat(ForkedGoal.recipe(request)).isEqualTo(recipe);
    assertThat(ModelFingerprint.of(ForkedGoal.recipe(request)).value())
        .isEqualTo(ModelFingerprint.of(recipe).value());
    assertThat(ForkedGoal.settings(request)).usingRecursiveComparison().isEqualTo(settings);
    assertThat(request.getProperty("resume")).isEqualTo("true");
  }

  @Test
  void verifyScoresTheExportAsTheTrainGoalScoredItsCheckpoint() {
    Recipe recipe = Recipe.builder().epochs(1).limitTrain(640).build();
    List<String> lines = new ArrayList<>();
    Properties trained =
        ForkedGoal.run(ForkedGoal.trainRequest(recipe, settings(), false), lines::add);
    Path savedModel = Path.of(trained.getProperty("savedModel"));

    Properties verified =
        ForkedGoal.run(
            ForkedGoal.evaluateRequest(Dataset.MNIST.id(), RunSettings.defaults(), savedModel),
            line -> {});

    Evaluation checkpoint =
        Evaluator.evaluateModel(
            Path.of(trained.getProperty("outputDir")), Optional.empty(),
            RunSettings.defaults().dataLocator());
    assertThat(Double.parseDouble(trained.getProperty("accuracy")))
        .isEqualTo(checkpoint.accuracy());
    assertThat(lines).contains(checkpoint.accuracyLine());
    assertThat(verified.getProperty("model.0.directory")).isEqualTo(savedModel.toString());
    assertThat(verified.getProperty("model.0.correct"))
        .isEqualTo(String.valueOf(checkpoint.correct()));
    assertThat(verified.getProperty("model.0.total")).isEqualTo("10000");
    assertThat(verified.getProperty("model.0.serving.versions")).isEqualTo(savedModel.toString());
    assertThat(verified.getProperty("model.0.serving.warmupRecords")).isEqualTo("10");
    assertThat(verified.getProperty("model.0.serving.problem")).isNull();
    double[] perClass = checkpoint.perClassPercent();
    for (int label = 0; label < perClass.length; label++) {
      assertThat(Double.parseDouble(verified.getProperty("model.0.class." + label + ".accuracy")))
          .as("class %d", label)
          .isEqualTo(perClass[label]);
    }
  }

  @Test
  void refusesABaselineTrainedOnAnotherDataset() {
    Recipe fashion =
        Recipe.builder().dataset(Dataset.FASHION_MNIST).epochs(1).limitTrain(640).build();
    Path savedModel = new Trainer(fashion, settings()).train().savedModel().orElseThrow();

    // The model verified is a digits one: the request names its dataset.
    assertThatThrownBy(
            () ->
                ForkedGoal.run(
                    ForkedGoal.evaluateRequest(Dataset.MNIST.id(), RunSettings.defaults(), savedModel),
                    line -> {}))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessage("the baseline " + savedModel + " was trained on fashion-mnist, not on mnist as"
            + " the model verified; set <baseline> (lenet5.baseline) to a model trained on mnist");
  }
}
