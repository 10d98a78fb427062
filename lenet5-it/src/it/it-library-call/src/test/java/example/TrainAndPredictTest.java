package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lenet5.inference.Lenet5Model;
import org.lenet5.inference.Prediction;
import org.lenet5.train.Evaluator;
import org.lenet5.train.Recipe;
import org.lenet5.train.RunSettings;
import org.lenet5.train.Trainer;
import org.lenet5.train.TrainingResult;

/** A plain Java project that trains, exports and loads a model with lenet5-core. */
class TrainAndPredictTest {

  @Test
  void trainsExportsAndPredicts() {
    Recipe recipe = Recipe.builder()
        .epochs(1)
        .limitTrain(6400)
        .build();
    RunSettings settings = RunSettings.builder()
        .outputDir(Path.of("target", "run"))
        .exportDir(Path.of("target", "models"))
        .build();
    TrainingResult result = new Trainer(recipe, settings).train();
    System.out.printf("library call: accuracy %.2f %%, exported %s%n",
        100 * result.testAccuracy(), result.savedModel().orElseThrow());
    assertTrue(result.testAccuracy() > 0.85, "accuracy " + result.testAccuracy());

    try (Lenet5Model model = Lenet5Model.load(Path.of("target", "models"))) {
      assertEquals(Path.of("target", "models", "1"), model.directory());
      byte[] blank = new byte[784];
      Prediction prediction = model.predict(blank);
      assertEquals(10, prediction.probabilities().length);
      assertEquals(result.testAccuracy(),
          model.evaluate(Evaluator.testSet(recipe.dataset(), settings.dataLocator())).accuracy());
    }
  }
}
