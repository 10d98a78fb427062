package org.lenet5.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lenet5.data.Dataset;

class TrainingConfigTest {

  @Test
  void defaultsAreTheReferenceRecipe() {
    TrainingConfig config = TrainingConfig.defaults();

    assertThat(config.dataset()).isEqualTo(Dataset.MNIST);
    assertThat(config.epochs()).isEqualTo(10);
    assertThat(config.batchSize()).isEqualTo(64);
    assertThat(config.learningRate()).isEqualTo(0.001f);
    assertThat(config.beta1()).isEqualTo(0.9f);
    assertThat(config.beta2()).isEqualTo(0.999f);
    assertThat(config.epsilon()).isEqualTo(1e-8f);
    assertThat(config.logEvery()).isEqualTo(400);
    assertThat(config.limitTrain()).isZero();
    assertThat(config.dataDir()).isEmpty();
    assertThat(config.outputDir()).isEmpty();
    assertThat(config.device()).isEqualTo(org.lenet5.device.DeviceChoice.AUTO);
    assertThat(config.gpuMemoryFraction()).isZero();
  }

  @Test
  void toBuilderKeepsEveryValue() {
    TrainingConfig config =
        TrainingConfig.builder().epochs(3).batchSize(32).learningRate(0.01).seed(9).build();

    assertThat(config.toBuilder().build()).usingRecursiveComparison().isEqualTo(config);
  }

  static Stream<Arguments> invalidValues() {
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
        invalid("logEvery", b -> b.logEvery(0), "at least 1, got 0"),
        invalid("device", b -> b.device("gpu0"), "must be auto, cpu, gpu or gpu:N"),
        invalid("gpuMemoryFraction", b -> b.gpuMemoryFraction(-0.1), "got -0.1"),
        invalid("gpuMemoryFraction", b -> b.gpuMemoryFraction(Double.NaN), "got NaN"),
        invalid("batchSize", b -> b.limitTrain(10).batchSize(64).build(), "must not exceed"));
  }

  private static Arguments invalid(
      String parameter, Consumer<TrainingConfig.Builder> change, String problem) {
    return Arguments.of(parameter, change, problem);
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("invalidValues")
  void rejectsInvalidValuesNamingTheParameter(
      String parameter, Consumer<TrainingConfig.Builder> change, String problem) {
    assertThatThrownBy(() -> change.accept(TrainingConfig.builder()))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e -> {
              assertThat(e.parameter()).isEqualTo(parameter);
              assertThat(e.problem()).contains(problem);
            });
  }
}
