import org.lenet5.train.ConsoleReport;
import org.lenet5.train.Recipe;
import org.lenet5.train.Trainer;
import org.lenet5.train.TrainingResult;

/** Trains LeNet5 for one epoch on 10,000 MNIST images and reports the test accuracy. */
public class QuickRun {

  public static void main(String[] args) {
    // No run settings given: each run writes into a new runs/<date-time>/, so this runs again
    // as it is. new Trainer(recipe, RunSettings.builder().outputDir(...).build()) chooses the
    // directory (a second run there has to resume).
    Recipe recipe = Recipe.builder()
        .epochs(1)
        .limitTrain(10_000)
        .build();
    TrainingResult result = new Trainer(recipe)
        .addListener(new ConsoleReport(System.out::println))
        .train();
    System.out.printf("Test accuracy: %.2f %%%n", 100 * result.testAccuracy());
    System.out.println("Weights saved in " + result.checkpoint());
  }
}
