package org.lenet5.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.lenet5.data.Dataset;

class TrainingStateTest {

  /** A state.properties as the code before the recipe and the run settings were split wrote it. */
  private static final String BEFORE_THE_SPLIT =
      """
      format=1
      dataset=fashion-mnist
      variant=classic
      augment=true
      evaluateEachEpoch=false
      epochs=4
      batchSize=32
      learningRate=0.002
      learningRateDecay=0.9
      beta1=0.9
      beta2=0.999
      epsilon=1.0E-8
      seed=7
      limitTrain=1280
      logEvery=50
      checkpointEvery=2
      keepCheckpoints=5
      epochsDone=1
      epoch.1.meanLoss=0.5
      epoch.1.seconds=1.25
      epoch.1.images=1280
      epoch.1.residentBytes=1000
      """;

  @Test
  void aCheckpointOfTheCodeBeforeReadsAsItsRecipeAndSchedule() throws IOException {
    Properties written = new Properties();
    written.load(new StringReader(BEFORE_THE_SPLIT));

    TrainingState state = TrainingState.fromProperties(written);

    assertThat(state.recipe())
        .isEqualTo(
            Recipe.builder().dataset(Dataset.FASHION_MNIST)
                .variant(org.lenet5.model.ModelVariant.CLASSIC).augment(true).epochs(4)
                .batchSize(32).learningRate(0.002).learningRateDecay(0.9).seed(7)
                .limitTrain(1280).build());
    assertThat(state.schedule().logEvery()).isEqualTo(50);
    assertThat(state.schedule().checkpointEvery()).isEqualTo(2);
    assertThat(state.schedule().keepCheckpoints()).isEqualTo(5);
    assertThat(state.schedule().evaluateEachEpoch()).isFalse();
    assertThat(state.epochs()).hasSize(1);
    assertThat(state.epochs().get(0).testAccuracy()).isEmpty();

    // Written again, it says the same (the keys of the code before, no paths or device), and
    // that it held out nothing for validation, nor stopped early, kept the last weights (judged by
    // accuracy) and skipped no unreadable file, as every run did then.
    Properties rewritten = state.toProperties();
    Properties expected = new Properties();
    expected.putAll(written);
    expected.setProperty("validationSplit", "0.0");
    expected.setProperty("earlyStop", "0");
    expected.setProperty("earlyStopMinDelta", "0.0");
    expected.setProperty("keep", "last");
    expected.setProperty("monitor", "accuracy");
    expected.setProperty("skipUnreadable", "false");
    assertThat(rewritten).containsAllEntriesOf(expected);
    // Any other key is a recipe parameter added since, at its default.
    for (Object key : rewritten.keySet()) {
      if (!expected.containsKey(key)) {
        RecipeParameter added = java.util.Arrays.stream(RecipeParameter.values())
            .filter(parameter -> parameter.id().equals(key)).findFirst().orElseThrow();
        assertThat(rewritten.get(key))
            .isEqualTo(String.valueOf(added.valueIn(Recipe.reference())));
      }
    }
  }
}
