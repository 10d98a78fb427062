package org.lenet5.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.lenet5.data.Dataset;
import org.lenet5.model.ModelDescription;
import org.lenet5.model.ModelVariant;

class ModelFingerprintTest {

  private static String fingerprint(UnaryOperator<Recipe.Builder> change) {
    return ModelFingerprint.of(change.apply(Recipe.builder()).build()).value();
  }

  @Test
  void theSameRecipeHasTheSameFingerprint() {
    assertThat(fingerprint(b -> b)).matches("[0-9a-f]{64}").isEqualTo(fingerprint(b -> b));
  }

  @Test
  void everyValueThatDecidesTheWeightsChangesIt() {
    List<UnaryOperator<Recipe.Builder>> changes =
        List.of(
            b -> b.dataset(Dataset.FASHION_MNIST),
            b -> b.variant(ModelVariant.CLASSIC),
            b -> b.augment(true),
            b -> b.epochs(9),
            b -> b.batchSize(32),
            b -> b.learningRate(0.002),
            b -> b.learningRateDecay(0.9),
            b -> b.beta1(0.8),
            b -> b.beta2(0.99),
            b -> b.epsilon(1e-7),
            b -> b.seed(2),
            b -> b.limitTrain(6400));
    String reference = fingerprint(b -> b);
    assertThat(changes.stream().map(ModelFingerprintTest::fingerprint).distinct())
        .hasSize(changes.size())
        .doesNotContain(reference);
  }

  /**
   * What the fingerprint covers, as text: a change here changes every model's fingerprint, so
   * every model cache and up-to-date check starts over; it must be deliberate (bump FORMAT).
   */
  @Test
  void theReferenceRecipesInputsAreTheRecipeTheChecksumsAndTheVersions() {
    java.util.Map<String, String> inputs = ModelFingerprint.of(Recipe.reference()).inputs();
    assertThat(inputs)
        .containsAllEntriesOf(
            java.util.Map.ofEntries(
                java.util.Map.entry("format", "2"),
                java.util.Map.entry("dataset", "mnist"),
                java.util.Map.entry("variant", "reference"),
                java.util.Map.entry("augment", "false"),
                java.util.Map.entry("epochs", "10"),
                java.util.Map.entry("batchSize", "64"),
                java.util.Map.entry("learningRate", "0.001"),
                java.util.Map.entry("learningRateDecay", "1.0"),
                java.util.Map.entry("beta1", "0.9"),
                java.util.Map.entry("beta2", "0.999"),
                java.util.Map.entry("epsilon", "1.0E-8"),
                java.util.Map.entry("seed", "1"),
                java.util.Map.entry("limitTrain", "0"),
                java.util.Map.entry("validationSplit", "0.0"),
                java.util.Map.entry("earlyStop", "0"),
                java.util.Map.entry("earlyStopMinDelta", "0.0"),
                java.util.Map.entry("keep", "last"),
                java.util.Map.entry("monitor", "accuracy"),
                java.util.Map.entry("skipUnreadable", "false")));
    // Nothing else but the recipe's parameters (each recorded), the checksums and the versions;
    // lenet5.build only in a -SNAPSHOT build.
    java.util.Set<String> covered = new java.util.HashSet<>(java.util.Set.of(
        "format", "dataset.train-images-idx3-ubyte.sha256",
        "dataset.train-labels-idx1-ubyte.sha256", "dataset.t10k-images-idx3-ubyte.sha256",
        "dataset.t10k-labels-idx1-ubyte.sha256", ModelFingerprint.LENET5_VERSION, "lenet5.build",
        ModelFingerprint.TENSORFLOW_VERSION));
    for (RecipeParameter parameter : RecipeParameter.values()) {
      assertThat(inputs).containsKey(parameter.id());
      covered.add(parameter.id());
    }
    assertThat(inputs.keySet()).isSubsetOf(covered);
  }

  @Test
  void coversTheDatasetChecksumsAndTheVersions() {
    ModelFingerprint fingerprint = ModelFingerprint.of(Recipe.reference());
    assertThat(fingerprint.inputs())
        .containsEntry(
            "dataset.train-images-idx3-ubyte.sha256", Dataset.MNIST.trainImages().sha256())
        .containsEntry(ModelFingerprint.TENSORFLOW_VERSION, "1.1.0")
        .containsKey(ModelFingerprint.LENET5_VERSION);
    assertThat(fingerprint.identity())
        .containsEntry(ModelDescription.FINGERPRINT, fingerprint.value())
        .containsEntry(ModelFingerprint.TENSORFLOW_VERSION, "1.1.0");
  }

  @Test
  void anExportRecordsTheRecipeANamedRecipeResolvedTo() {
    Recipe augmented = NamedRecipe.AUGMENTED.builder().epochs(2).build();

    assertThat(ModelFingerprint.of(augmented).identity())
        .containsEntry("recipe.augment", "true")
        .containsEntry("recipe.epochs", "2")
        .containsEntry("recipe.learningRate", "0.002")
        .containsEntry("recipe.learningRateDecay", "0.9")
        .containsEntry("recipe.seed", "1");
    assertThat(ModelFingerprint.of(augmented).value())
        .isEqualTo(ModelFingerprint.of(
            Recipe.builder().augment(true).epochs(2).learningRate(0.002)
                .learningRateDecay(0.9).build()).value());
  }
}
