package org.lenet5.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
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

  static Stream<Arguments> invalidRecipes() {
    return Stream.of(
        invalid("epochs", b -> b.epochs(0), "must be between 1 and 10000, got 0"),
        invalid("epochs", b -> b.epochs(-3), "got -3"),
        invalid("epochs", b -> b.epochs(1_000_000), "got 1000000"),
        invalid("batchSize", b -> b.batchSize(0), "got 0"),
        invalid("batchSize", b -> b.batchSize(100_000), "got 100000"),
        invalid("learningRate", b -> b.learningRate(0), "greater than 0"),
        invalid("learningRate", b -> b.learningRate(-0.1), "got -0.1"),
        invalid("learningRate", b -> b.learningRate(Double.NaN), "got NaN"),
        invalid("learningRate", b -> b.learningRate(Double.POSITIVE_INFINITY), "got Infinity"),
        invalid("learningRate", b -> b.learningRate(1e6), "at most 10.0"),
        invalid("beta1", b -> b.beta1(1), "got 1.0"),
        invalid("beta2", b -> b.beta2(-0.5), "got -0.5"),
        invalid("epsilon", b -> b.epsilon(0), "got 0.0"),
        invalid("limitTrain", b -> b.limitTrain(-1), "at least 0, got -1"),
        invalid("batchSize", b -> b.limitTrain(10).batchSize(64).build(), "must not exceed"));
  }

  private static Arguments invalid(
      String parameter, Consumer<Recipe.Builder> change, String problem) {
    return Arguments.of(parameter, change, problem);
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("invalidRecipes")
  void rejectsInvalidRecipeValuesNamingTheParameter(
      String parameter, Consumer<Recipe.Builder> change, String problem) {
    assertThatThrownBy(() -> change.accept(Recipe.builder()))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e -> {
              assertThat(e.parameter()).isEqualTo(parameter);
              assertThat(e.problem()).contains(problem);
            });
  }

  static Stream<Arguments> invalidSettings() {
    return Stream.of(
        setting("logEvery", b -> b.logEvery(0), "at least 1, got 0"),
        setting("device", b -> b.device("gpu0"), "must be auto, cpu, gpu or gpu:N"),
        setting("gpuMemoryFraction", b -> b.gpuMemoryFraction(-0.1), "got -0.1"),
        setting("gpuMemoryFraction", b -> b.gpuMemoryFraction(Double.NaN), "got NaN"),
        setting("checkpointEvery", b -> b.checkpointEvery(-1), "got -1"),
        setting("keepCheckpoints", b -> b.keepCheckpoints(0), "got 0"));
  }

  private static Arguments setting(
      String parameter, Consumer<RunSettings.Builder> change, String problem) {
    return Arguments.of(parameter, change, problem);
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("invalidSettings")
  void rejectsInvalidSettingsNamingTheSetting(
      String parameter, Consumer<RunSettings.Builder> change, String problem) {
    assertThatThrownBy(() -> change.accept(RunSettings.builder()))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e -> {
              assertThat(e.parameter()).isEqualTo(parameter);
              assertThat(e.problem()).contains(problem);
            });
  }
}
