package org.lenet5.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lenet5.data.Dataset;
import org.lenet5.device.DeviceChoice;
import org.lenet5.model.ModelVariant;

class RecipeTest {

  @Test
  void theReferenceIsTheTutorialsRecipe() {
    Recipe recipe = Recipe.reference();

    assertThat(recipe.dataset()).isEqualTo(Dataset.MNIST);
    assertThat(recipe.variant()).isEqualTo(ModelVariant.REFERENCE);
    assertThat(recipe.augment()).isFalse();
    assertThat(recipe.epochs()).isEqualTo(10);
    assertThat(recipe.batchSize()).isEqualTo(64);
    assertThat(recipe.learningRate()).isEqualTo(0.001f);
    assertThat(recipe.learningRateDecay()).isEqualTo(1f);
    assertThat(recipe.beta1()).isEqualTo(0.9f);
    assertThat(recipe.beta2()).isEqualTo(0.999f);
    assertThat(recipe.epsilon()).isEqualTo(1e-8f);
    assertThat(recipe.seed()).isEqualTo(1);
    assertThat(recipe.limitTrain()).isZero();
  }

  @Test
  void theDefaultSettingsReadTheCacheAndExportNothing() {
    RunSettings settings = RunSettings.defaults();

    assertThat(settings.logEvery()).isEqualTo(400);
    assertThat(settings.dataDir()).isEmpty();
    assertThat(settings.cacheDir()).isEmpty();
    assertThat(settings.outputDir()).isEmpty();
    assertThat(settings.exportDir()).isEmpty();
    assertThat(settings.device()).isEqualTo(DeviceChoice.AUTO);
    assertThat(settings.gpuMemoryFraction()).isZero();
    assertThat(settings.checkpointEvery()).isEqualTo(1);
    assertThat(settings.keepCheckpoints()).isEqualTo(3);
    assertThat(settings.evaluateEachEpoch()).isTrue();
  }

  @Test
  void toBuilderKeepsEveryValue() {
    Recipe recipe =
        Recipe.builder().dataset(Dataset.FASHION_MNIST).variant(ModelVariant.CLASSIC)
            .augment(true).epochs(3).batchSize(32).learningRate(0.01).learningRateDecay(0.5)
            .beta1(0.8).beta2(0.99).epsilon(1e-7).seed(9).limitTrain(640).build();
    RunSettings settings =
        RunSettings.builder().logEvery(7).device("cpu").keepCheckpoints(5).build();

    assertThat(recipe.toBuilder().build()).usingRecursiveComparison().isEqualTo(recipe);
    assertThat(recipe.toBuilder().build()).isEqualTo(recipe).hasSameHashCodeAs(recipe);
    assertThat(settings.toBuilder().build()).usingRecursiveComparison().isEqualTo(settings);
  }

  @Test
  void aRecipeReadsBackFromTheValuesItRecords() {
    Recipe recipe =
        Recipe.builder().dataset(Dataset.FASHION_MNIST).variant(ModelVariant.NO_BATCHNORM)
            .augment(true).epochs(45).learningRate(0.002).learningRateDecay(0.9).beta2(0.99)
            .seed(-4).limitTrain(6400).build();

    assertThat(recipe.values())
        .containsEntry("dataset", "fashion-mnist")
        .containsEntry("variant", "no-batchnorm")
        .containsEntry("learningRate", "0.002")
        .containsEntry("seed", "-4")
        .hasSize(RecipeParameter.values().length);
    assertThat(Recipe.fromValues(recipe.values())).isEqualTo(recipe);
    assertThat(Recipe.fromValues(recipe.values())).isNotEqualTo(Recipe.reference());
  }

  @Test
  void valuesLaterVersionsAddedTakeTheReferencesWhenNotRecorded() {
    Map<String, String> firstFormat = new HashMap<>(Recipe.reference().values());
    firstFormat.remove("variant");
    firstFormat.remove("augment");
    firstFormat.remove("learningRateDecay");

    assertThat(Recipe.fromValues(firstFormat)).isEqualTo(Recipe.reference());

    Map<String, String> damaged = new HashMap<>(Recipe.reference().values());
    damaged.remove("epochs");
    assertThatThrownBy(() -> Recipe.fromValues(damaged))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("missing epochs");
  }

  static Stream<Arguments> invalidValues() {
    return Stream.of(
        invalid("epochs", () -> Recipe.builder().epochs(0), "must be between 1 and 10000, got 0"),
        invalid("epochs", () -> Recipe.builder().epochs(-3), "got -3"),
        invalid("epochs", () -> Recipe.builder().epochs(1_000_000), "got 1000000"),
        invalid("batchSize", () -> Recipe.builder().batchSize(0), "got 0"),
        invalid("batchSize", () -> Recipe.builder().batchSize(100_000), "got 100000"),
        invalid("learningRate", () -> Recipe.builder().learningRate(0), "greater than 0"),
        invalid("learningRate", () -> Recipe.builder().learningRate(-0.1), "got -0.1"),
        invalid("learningRate", () -> Recipe.builder().learningRate(Double.NaN), "got NaN"),
        invalid("learningRate", () -> Recipe.builder().learningRate(Double.POSITIVE_INFINITY),
            "got Infinity"),
        invalid("learningRate", () -> Recipe.builder().learningRate(1e6), "at most 10.0"),
        invalid("beta1", () -> Recipe.builder().beta1(1), "got 1.0"),
        invalid("beta2", () -> Recipe.builder().beta2(-0.5), "got -0.5"),
        invalid("epsilon", () -> Recipe.builder().epsilon(0), "got 0.0"),
        invalid("limitTrain", () -> Recipe.builder().limitTrain(-1), "at least 0, got -1"),
        invalid("batchSize", () -> Recipe.builder().limitTrain(10).batchSize(64).build(),
            "must not exceed"),
        invalid("logEvery", () -> RunSettings.builder().logEvery(0), "at least 1, got 0"),
        invalid("device", () -> RunSettings.builder().device("gpu0"),
            "must be auto, cpu, gpu or gpu:N"),
        invalid("gpuMemoryFraction", () -> RunSettings.builder().gpuMemoryFraction(-0.1),
            "got -0.1"),
        invalid("gpuMemoryFraction", () -> RunSettings.builder().gpuMemoryFraction(Double.NaN),
            "got NaN"),
        invalid("checkpointEvery", () -> RunSettings.builder().checkpointEvery(-1), "got -1"),
        invalid("keepCheckpoints", () -> RunSettings.builder().keepCheckpoints(0), "got 0"));
  }

  private static Arguments invalid(String parameter, ThrowingCallable change, String problem) {
    return Arguments.of(parameter, change, problem);
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("invalidValues")
  void rejectsInvalidValuesNamingTheParameter(
      String parameter, ThrowingCallable change, String problem) {
    assertThatThrownBy(change)
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e -> {
              assertThat(e.parameter()).isEqualTo(parameter);
              assertThat(e.problem()).contains(problem);
            });
  }

  @Test
  void settingsReadBackFromTheirValues() {
    RunSettings settings =
        RunSettings.builder().dataDir(Path.of("data")).exportDir(Path.of("models", "x"))
            .device("gpu:1").gpuMemoryFraction(0.5).checkpointEvery(2).keepCheckpoints(7)
            .logEvery(9).evaluateEachEpoch(false).build();

    assertThat(RunSettings.fromValues(settings.values()))
        .usingRecursiveComparison()
        .isEqualTo(settings);
    assertThat(RunSettings.fromValues(Map.of()))
        .usingRecursiveComparison()
        .isEqualTo(RunSettings.defaults());
  }
}
