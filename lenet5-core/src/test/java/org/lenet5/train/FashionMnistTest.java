package org.lenet5.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenet5.data.DataDescription;
import org.lenet5.data.Dataset;
import org.lenet5.data.DatasetLocator;
import org.lenet5.data.MnistDataset;
import org.lenet5.inference.Lenet5Model;
import org.lenet5.inference.Prediction;
import org.lenet5.model.Lenet5Checkpoint;

/** Fashion-MNIST, found where Debian's dataset-fashion-mnist package installs it (or downloaded). */
class FashionMnistTest {

  @TempDir Path dir;

  @Test
  void normalizationConstantsAreItsTrainingSetStatistics() {
    MnistDataset fashion =
        MnistDataset.load(DatasetLocator.of(null, null).locate(Dataset.FASHION_MNIST));
    byte[] pixels = fashion.train().images().pixels();
    double sum = 0;
    double squares = 0;
    for (byte pixel : pixels) {
      double value = (pixel & 0xff) / 255.0;
      sum += value;
      squares += value * value;
    }
    double mean = sum / pixels.length;
    double std = Math.sqrt(squares / pixels.length - mean * mean);

    assertThat((double) Dataset.FASHION_MNIST.mean()).isCloseTo(mean, within(1e-4));
    assertThat((double) Dataset.FASHION_MNIST.std()).isCloseTo(std, within(1e-4));
    assertThat(fashion.train().count()).isEqualTo(60_000);
    assertThat(fashion.test().count()).isEqualTo(10_000);
  }

  @Test
  void trainsExportsAndNamesItsClasses() {
    RunSettings settings =
        RunSettings.builder()
            .outputDir(dir.resolve("run"))
            .exportDir(dir.resolve("models"))
            .build();

    TrainingResult result =
        new Trainer(
                Recipe.builder().dataset(Dataset.FASHION_MNIST).epochs(1).limitTrain(10_000).build(),
                settings)
            .train();

    // The reference recipe reaches about 90 % after 10 epochs; one epoch on a sixth of the data
    // is well above chance (10 %).
    assertThat(result.testAccuracy()).isGreaterThan(0.70);
    try (Lenet5Model model = Lenet5Model.load(result.savedModel().orElseThrow())) {
      assertThat(model.data()).isEqualTo(DataDescription.of(Dataset.FASHION_MNIST));
      assertThat(model.evaluate(Evaluator.testSet(Dataset.FASHION_MNIST, settings.dataLocator())).correct())
          .isEqualTo(result.evaluation().correct());
      Prediction prediction = model.predict(new byte[784]);
      assertThat(prediction.name())
          .isEqualTo(Dataset.FASHION_MNIST.classNames().get(prediction.label()));
    }

    // Evaluated without naming a dataset, the export, the run and its checkpoint are scored on
    // the dataset they record, not on digits; naming digits is refused, naming the right one
    // accepted.
    DatasetLocator noDataset = RunSettings.defaults().dataLocator();
    for (Path model :
        new Path[] {result.savedModel().orElseThrow(), result.outputDir(), result.checkpoint()}) {
      assertThat(Evaluator.evaluateModel(model, Optional.empty(), noDataset).correct())
          .as("%s", model)
          .isEqualTo(result.evaluation().correct());
      assertThat(
              Evaluator.evaluateModel(model, Optional.of(Dataset.FASHION_MNIST), noDataset)
                  .correct())
          .isEqualTo(result.evaluation().correct());
      assertThatThrownBy(
              () -> Evaluator.evaluateModel(model, Optional.of(Dataset.MNIST), noDataset))
          .isInstanceOfSatisfying(
              DatasetMismatchException.class,
              mismatch -> {
                assertThat(mismatch.recorded()).isEqualTo(Dataset.FASHION_MNIST.id());
                assertThat(mismatch.requested()).isEqualTo(Dataset.MNIST.id());
              })
          .hasMessage("the model was trained on fashion-mnist, not on mnist");
    }
    assertThat(Lenet5Checkpoint.dataOf(result.checkpoint())).isEqualTo(DataDescription.of(Dataset.FASHION_MNIST));
  }
}
