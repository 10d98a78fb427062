package org.lenet5.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lenet5.TrainedModels;
import org.lenet5.data.Dataset;
import org.lenet5.data.DatasetLocator;
import org.lenet5.model.Evaluation;

/** The evaluation entry point scores one model alike, whichever front end asks and how. */
class EvaluatorTest {

  private final DatasetLocator data = DatasetLocator.of(null, null);

  @Test
  void theTrainersCallOnTheCheckpointAndTheForksOnTheExportGiveOneEvaluation() {
    TrainingResult trained = TrainedModels.quick();

    // The trainer's final evaluation: the checkpoint the run saved, on the dataset it records.
    Evaluation trainer = Evaluator.evaluateModel(trained.checkpoint(), Optional.empty(), data);
    // lenet5:verify's forked JVM: the exported SavedModel, on the dataset the request names.
    Evaluation fork =
        Evaluator.evaluateModel(
            trained.savedModel().orElseThrow(), Optional.of(Dataset.MNIST), data);

    assertThat(trained.evaluation()).usingRecursiveComparison().isEqualTo(trainer);
    assertThat(fork).usingRecursiveComparison().isEqualTo(trainer);
    assertThat(trainer.labels()).isEqualTo(Evaluator.testSet(Dataset.MNIST, data).classes());
    // The learning curve's last point, evaluated in the training session, agrees.
    assertThat(trained.epochs().get(trained.epochs().size() - 1).testAccuracy())
        .hasValue(trainer.accuracy());
  }
}
