package org.lenet5.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lenet5.inference.Lenet5Model;
import org.lenet5.model.Lenet5Checkpoint;
import org.lenet5.model.ModelVariant;

/** Every architecture variant trains, checkpoints, evaluates and exports end to end. */
class VariantsTest {

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(value = ModelVariant.class, names = {"NO_BATCHNORM", "CLASSIC"})
  void trainsEvaluatesAndExports(ModelVariant variant) {
    Recipe recipe = Recipe.builder().variant(variant).epochs(1).limitTrain(3200).build();
    RunSettings settings =
        RunSettings.builder()
            .outputDir(dir.resolve("run"))
            .exportDir(dir.resolve("models"))
            .build();

    TrainingResult result = new Trainer(recipe, settings).train();

    // One epoch on 3,200 images: far above chance (10 %) for every variant.
    assertThat(result.testAccuracy()).isGreaterThan(0.80);
    assertThat(Lenet5Checkpoint.variantOf(result.checkpoint())).isEqualTo(variant);
    assertThat(
            Evaluator.evaluateModel(result.checkpoint(), Optional.empty(), settings.dataLocator())
                .correct())
        .isEqualTo(result.evaluation().correct());
    try (Lenet5Model model = Lenet5Model.load(result.savedModel().orElseThrow())) {
      assertThat(model.variant()).isEqualTo(variant);
      assertThat(model.evaluate(Evaluator.testSet(recipe.dataset(), settings.dataLocator())).correct())
          .isEqualTo(result.evaluation().correct());
    }
  }
}
