package org.lenet5.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lenet5.data.DataSource;
import org.lenet5.data.Dataset;
import org.lenet5.data.DatasetLocator;
import org.lenet5.data.ImageFolders;
import org.lenet5.data.MnistDataset;
import org.lenet5.export.SavedModelExporter;
import org.lenet5.model.ModelDescription;
import org.lenet5.report.RunReport;

/** Early stopping and the weights a run keeps, decided on validation images only. */
class EarlyStoppingTest {

  @TempDir Path dir;

  @Test
  void theBestIsTheFirstOfEqualsAndARunStopsAfterPatienceEpochsWithoutBetter() {
    List<EpochResult> epochs = epochs(0.80, 0.85, 0.85, 0.84);
    Recipe patience2 = Recipe.builder().validationSplit(0.1).earlyStop(2).build();
    Recipe patience3 = Recipe.builder().validationSplit(0.1).earlyStop(3).build();

    assertThat(EarlyStopping.bestEpoch(anyRecipe(), epochs)).hasValue(2);
    assertThat(EarlyStopping.stopsAfter(patience2, epochs)).isTrue();
    assertThat(EarlyStopping.stopsAfter(patience3, epochs)).isFalse();
    assertThat(EarlyStopping.stopsAfter(patience2, epochs.subList(0, 3))).isFalse();
    assertThat(EarlyStopping.stopsAfter(Recipe.builder().validationSplit(0.1).build(), epochs))
        .isFalse();
  }

  @Test
  void onLossTheLowestIsTheBestAndTheMinimumImprovementIsInLossUnits() {
    // Epoch 3 lowers the best loss by 0.004, epoch 4 by 0.02; epoch 5 is worse.
    List<EpochResult> epochs = losses(0.30, 0.10, 0.096, 0.076, 0.08);
    Recipe onLoss = Recipe.builder().validationSplit(0.1).earlyStop(2)
        .monitor(Monitor.LOSS).build();
    Recipe onLossBy = Recipe.builder().validationSplit(0.1).earlyStop(2)
        .monitor(Monitor.LOSS).earlyStopMinDelta(0.01).build();
    Recipe onAccuracy = Recipe.builder().validationSplit(0.1).earlyStop(2).build();

    assertThat(EarlyStopping.bestEpoch(onLoss, epochs)).hasValue(4);
    assertThat(EarlyStopping.stopsAfter(onLoss, epochs)).isFalse();
    assertThat(EarlyStopping.stopsAfter(onLoss, epochs.subList(0, 3))).isFalse();
    // Epoch 3's gain is below the minimum, epoch 4's is above it.
    assertThat(EarlyStopping.stopsAfter(onLossBy, epochs.subList(0, 3))).isFalse();
    assertThat(EarlyStopping.stopsAfter(onLossBy, epochs.subList(0, 4))).isFalse();
    assertThat(EarlyStopping.stopsAfter(onLossBy, epochs)).isFalse();
    assertThat(EarlyStopping.stopsAfter(onLossBy, losses(0.30, 0.10, 0.096, 0.095)))
        .isTrue();
    // Every epoch's accuracy is the same: on accuracy, the first is the best and none improves.
    assertThat(EarlyStopping.bestEpoch(onAccuracy, epochs)).hasValue(1);
    assertThat(EarlyStopping.stopsAfter(onAccuracy, epochs)).isTrue();
    assertThatThrownBy(() -> Monitor.fromId("val_loss"))
        .hasMessage("unknown figure to monitor 'val_loss'; choose accuracy or loss");
  }

  @Test
  void aMinimumImprovementIgnoresGainsNoLargerThanIt() {
    // Epoch 3 beats epoch 2 by 0.002, epoch 4 by 0.004 more.
    List<EpochResult> epochs = epochs(0.80, 0.850, 0.852, 0.856);
    Recipe anyGain = Recipe.builder().validationSplit(0.1).earlyStop(2).build();
    Recipe halfPoint =
        Recipe.builder().validationSplit(0.1).earlyStop(2).earlyStopMinDelta(0.005).build();

    assertThat(EarlyStopping.stopsAfter(anyGain, epochs)).isFalse();
    // Measured against the best so far (0.852), epoch 4 gains 0.004: no improvement since 2.
    assertThat(EarlyStopping.stopsAfter(halfPoint, epochs)).isTrue();
    // The weights kept are still the best epoch's.
    assertThat(EarlyStopping.bestEpoch(anyRecipe(), epochs)).hasValue(4);
    assertThatThrownBy(() -> Recipe.builder().earlyStopMinDelta(1))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("earlyStopMinDelta");
  }

  @Test
  void earlyStoppingAndTheBestWeightsNeedValidationImages() {
    assertThatThrownBy(() -> Recipe.builder().earlyStop(3).build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("needs validation images to decide on: set a validation split above 0");
    assertThatThrownBy(() -> Recipe.builder().keep(KeptWeights.BEST).build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("best needs validation images");
  }

  @ParameterizedTest
  @EnumSource(Monitor.class)
  void aRunThatStopsEarlyKeepsTheBestEpochsWeightsBitForBit(Monitor monitor) throws Exception {
    MnistDataset fashion =
        MnistDataset.load(DatasetLocator.of(null, null).locate(Dataset.FASHION_MNIST));
    Path tops = dir.resolve("tops");
    // T-shirts, pullovers and shirts: alike enough that validation accuracy wanders.
    ImageFolders.write(tops, fashion.train(), Map.of(0, "t-shirt", 2, "pullover", 6, "shirt"),
        150, "png");
    Recipe recipe =
        Recipe.builder().dataset(DataSource.of(tops.toString())).epochs(40).batchSize(32)
            .earlyStop(2).keep(KeptWeights.BEST).monitor(monitor).build();

    TrainingResult result =
        new Trainer(recipe,
            RunSettings.builder().outputDir(dir.resolve("run")).exportDir(dir.resolve("models"))
                .build())
            .addListener(new RunReport(line -> {}))
            .train();

    assertThat(result.stoppedEarly()).isTrue();
    assertThat(result.epochs()).hasSizeLessThan(40);
    assertThat(result.keptEpoch()).isEqualTo(result.epochs().size() - 2);
    assertThat(EarlyStopping.bestEpoch(result.recipe(), result.epochs()))
        .hasValue(result.keptEpoch());
    assertThat(result.epochs()).allSatisfy(epoch -> {
      assertThat(epoch.testAccuracy()).isPresent();
      assertThat(epoch.testLoss().orElseThrow()).isPositive();
    });
    // The kept weights are the best epoch's checkpoint's, bit for bit.
    assertThat(Files.readAllBytes(
            result.checkpoint().resolve("model.data-00000-of-00001")))
        .isEqualTo(Files.readAllBytes(
            dir.resolve("run").resolve(Trainer.BEST_DIR).resolve("model.data-00000-of-00001")));
    ModelDescription exported =
        ModelDescription.read(result.savedModel().orElseThrow()
            .resolve(SavedModelExporter.DESCRIPTION));
    assertThat(exported.get(Trainer.KEPT_EPOCH)).hasValue(String.valueOf(result.keptEpoch()));
    assertThat(exported.get(Trainer.EPOCHS_TRAINED))
        .hasValue(String.valueOf(result.epochs().size()));
    assertThat(Files.readString(dir.resolve("run/report/report.md")))
        .contains("Stopped after epoch " + result.epochs().size() + " of 40: no better"
            + " validation " + monitor.id())
        .contains("kept the weights of epoch " + result.keptEpoch());

    // Resumed, the finished run has nothing left to train and keeps the same weights.
    TrainingResult resumed =
        Trainer.resume(dir.resolve("run"), RunSettings.builder().build()).train();
    assertThat(resumed.epochs()).isEqualTo(result.epochs());
    assertThat(Files.readAllBytes(resumed.checkpoint().resolve("model.data-00000-of-00001")))
        .isEqualTo(Files.readAllBytes(
            dir.resolve("run").resolve(Trainer.BEST_DIR).resolve("model.data-00000-of-00001")));
  }

  private static Recipe anyRecipe() {
    return Recipe.builder().validationSplit(0.1).build();
  }

  /** Epochs of the given validation losses, all of the same accuracy. */
  private static List<EpochResult> losses(double... losses) {
    List<EpochResult> epochs = new ArrayList<>();
    for (int i = 0; i < losses.length; i++) {
      epochs.add(new EpochResult(
          i + 1, 0.5, 1, 100, 0, OptionalDouble.of(0.9), OptionalDouble.of(losses[i])));
    }
    return epochs;
  }

  private static List<EpochResult> epochs(double... accuracies) {
    List<EpochResult> epochs = new ArrayList<>();
    for (int i = 0; i < accuracies.length; i++) {
      epochs.add(new EpochResult(
          i + 1, 0.5, 1, 100, 0, OptionalDouble.of(accuracies[i]), OptionalDouble.empty()));
    }
    return epochs;
  }
}
