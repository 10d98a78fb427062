package org.lenet5.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenet5.data.DataSource;
import org.lenet5.data.Dataset;
import org.lenet5.data.DatasetLocator;
import org.lenet5.data.ImageFolders;
import org.lenet5.data.InMemoryImages;
import org.lenet5.data.LabeledImages;
import org.lenet5.data.MnistDataset;
import org.lenet5.export.SavedModelExporter;
import org.lenet5.images.ImageConversion;
import org.lenet5.inference.Lenet5Model;
import org.lenet5.inference.Prediction;
import org.lenet5.model.Evaluation;

/** Training on one's own images: real Fashion-MNIST pictures written out as PNG folders. */
class ImageFolderTrainingTest {

  @TempDir Path dir;

  @Test
  void aThreeClassFolderTrainsAModelThatNamesOnlyItsClasses() throws Exception {
    MnistDataset fashion =
        MnistDataset.load(DatasetLocator.of(null, null).locate(Dataset.FASHION_MNIST));
    Path parts = dir.resolve("parts");
    // T-shirts, trousers and sneakers, in folders named so that string order would be wrong.
    ImageFolders.write(parts, fashion.train(), Map.of(0, "10", 1, "2", 7, "1"), 400, "png");
    TrainingResult result = trainOn(parts);

    assertThat(result.data().classNames()).containsExactly("1", "2", "10");
    assertThat(result.data().conversion()).isEqualTo(ImageConversion.PLAIN);
    // 1,200 images: about 120 held out for the test, about 108 of the rest for validation.
    assertThat(result.evaluation().total()).isBetween(90, 150);
    assertThat(result.testAccuracy()).isGreaterThan(0.85);
    assertThat(result.epochs().get(0).testAccuracy()).isPresent();
    Path model = result.savedModel().orElseThrow();
    assertThat(Files.readString(model.resolve(SavedModelExporter.LABELS))).isEqualTo("1\n2\n10\n");

    try (Lenet5Model loaded = Lenet5Model.load(model)) {
      assertThat(loaded.data().classNames()).containsExactly("1", "2", "10");
      try (Stream<Path> sneakers = Files.list(parts.resolve("1"))) {
        for (Path picture : sneakers.limit(20).toList()) {
          Prediction prediction = loaded.predict(picture);
          assertThat(prediction.probabilities()).hasSize(3);
          assertThat(Set.of("1", "2", "10")).contains(prediction.name());
        }
      }
    }
    // evaluate finds the folder the model records, and scores it as the run did.
    Evaluation again = Evaluator.evaluateModel(model, Optional.empty(), DatasetLocator.of(null,
        null));
    assertThat(again.correct()).isEqualTo(result.evaluation().correct());

    // A copy of the training folder is still the training folder: its held-out test images.
    Path copy = dir.resolve("copy").resolve("parts");
    ImageFolders.write(copy, fashion.train(), Map.of(0, "10", 1, "2", 7, "1"), 400, "png");
    assertThat(Evaluator.evaluateModel(model, Optional.of(DataSource.of(copy.toString())),
            DatasetLocator.of(null, null)).correct())
        .isEqualTo(result.evaluation().correct());

    // New images of two of its classes, from the test set: all of them are scored, each labelled
    // by the model's class of its folder's name; likewise a folder holding only test/.
    Path scans = dir.resolve("scans");
    ImageFolders.write(scans, fashion.test(), Map.of(1, "2", 7, "1"), 50, "png");
    Evaluation onScans = Evaluator.evaluateModel(
        model, Optional.of(DataSource.of(scans.toString())), DatasetLocator.of(null, null));
    assertThat(onScans.total()).isEqualTo(100);
    assertThat(onScans.labels()).containsOnly(0, 1);
    assertThat(onScans.accuracy()).isGreaterThan(0.85);
    Path testOnly = dir.resolve("test-only");
    ImageFolders.write(testOnly.resolve("test"), fashion.test(), Map.of(0, "10"), 30, "png");
    Evaluation onTestOnly = Evaluator.evaluateModel(
        model, Optional.of(DataSource.of(testOnly.toString())), DatasetLocator.of(null, null));
    assertThat(onTestOnly.total()).isEqualTo(30);
    assertThat(onTestOnly.labels()).containsOnly(2);

    // The training folder changed since: its test images are still labelled by class name. In
    // another order (a class list), they score as training scored them.
    Files.writeString(parts.resolve("classes.txt"), "10\n2\n1\n");
    assertThat(Evaluator.evaluateModel(model, Optional.empty(), DatasetLocator.of(null, null))
            .correct())
        .isEqualTo(result.evaluation().correct());
    Files.delete(parts.resolve("classes.txt"));
    // With a class the model does not know (one that sorts first), it is refused by name.
    ImageFolders.write(parts, fashion.train(), Map.of(8, "0"), 40, "png");
    assertThatThrownBy(() -> Evaluator.evaluateModel(
            model, Optional.empty(), DatasetLocator.of(null, null)))
        .hasMessage("class '0' of " + parts.toAbsolutePath() + " is not a class of the model,"
            + " whose classes are 1, 2, 10; remove it from the folder (or from its classes.txt),"
            + " or train a model of it");

    // A folder of a class the model does not know is refused, naming it.
    Path pullovers = dir.resolve("pullovers");
    ImageFolders.write(pullovers, fashion.test(), Map.of(1, "2", 2, "pullover"), 5, "png");
    assertThatThrownBy(() -> Evaluator.evaluateModel(
            model, Optional.of(DataSource.of(pullovers.toString())), DatasetLocator.of(null, null)))
        .hasMessage("class folder " + pullovers.resolve("pullover") + " is not a class of the"
            + " model, whose classes are 1, 2, 10; rename or remove it");
  }

  @Test
  void theFingerprintFollowsTheImagesNotTheirPath() throws Exception {
    LabeledImages digits = MnistDataset.loadTest(
        DatasetLocator.of(null, null).locate(Dataset.MNIST));
    Path here = dir.resolve("here").resolve("digits");
    Path there = dir.resolve("there").resolve("digits");
    ImageFolders.write(here, digits, Map.of(3, "three", 8, "eight"), 20, "png");
    ImageFolders.write(there, digits, Map.of(3, "three", 8, "eight"), 20, "png");
    Path other = dir.resolve("other");
    ImageFolders.write(other, digits, Map.of(3, "three", 8, "eight"), 21, "png");

    String fingerprint = fingerprint(here);

    assertThat(fingerprint(there)).isEqualTo(fingerprint);
    assertThat(fingerprint(other)).isNotEqualTo(fingerprint);
    assertThat(ModelFingerprint.of(recipe(here)).inputs())
        .containsEntry("dataset", "images")
        .doesNotContainValue(here.toString());
  }

  @Test
  void imagesAProgramHoldsTrainAsAFolderOfThemWould() {
    LabeledImages digits =
        MnistDataset.loadTest(DatasetLocator.of(null, null).locate(Dataset.MNIST));
    InMemoryImages.Builder builder = InMemoryImages.builder(List.of("zero", "one", "seven"));
    int[] labels = digits.classes();
    Map<Integer, Integer> ours = Map.of(0, 0, 1, 1, 7, 2);
    for (int i = 0; i < 1_500; i++) {
      if (ours.containsKey(labels[i])) {
        builder.train(Arrays.copyOfRange(digits.images().pixels(), i * 784, (i + 1) * 784),
            ours.get(labels[i]));
      }
    }
    InMemoryImages images = builder.build();
    Recipe recipe = Recipe.builder().dataset(images).epochs(2).batchSize(32).build();

    TrainingResult result =
        new Trainer(recipe, RunSettings.builder().outputDir(dir.resolve("run")).build()).train();

    assertThat(result.data().classNames()).containsExactly("zero", "one", "seven");
    assertThat(result.testAccuracy()).isGreaterThan(0.9);
    assertThat(Evaluator.evaluateModel(result.outputDir(), Optional.of(images),
            DatasetLocator.of(null, null)).correct())
        .isEqualTo(result.evaluation().correct());
    assertThatThrownBy(() -> Evaluator.evaluateModel(result.outputDir(), Optional.empty(),
            DatasetLocator.of(null, null)))
        .hasMessageContaining("cannot be found again by name; give the same InMemoryImages again");
    assertThat(ModelFingerprint.of(recipe).inputs()).containsEntry("dataset", "memory");
  }

  private static Recipe recipe(Path folder) {
    return Recipe.builder().dataset(DataSource.of(folder.toString())).epochs(1).build();
  }

  private static String fingerprint(Path folder) {
    return ModelFingerprint.of(recipe(folder)).value();
  }

  private TrainingResult trainOn(Path folder) {
    RunSettings settings =
        RunSettings.builder()
            .outputDir(dir.resolve("run"))
            .exportDir(dir.resolve("models"))
            .build();
    Recipe recipe =
        Recipe.builder().dataset(DataSource.of(folder.toString())).epochs(2).batchSize(32).build();
    assertThat(recipe.validationSplit()).isEqualTo(0.1f);
    return new Trainer(recipe, settings).train();
  }
}
