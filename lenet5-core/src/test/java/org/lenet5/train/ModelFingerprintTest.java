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
