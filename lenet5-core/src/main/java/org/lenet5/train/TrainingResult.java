package org.lenet5.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.lenet5.data.DataDescription;
import org.lenet5.data.LabeledImages;
import org.lenet5.model.Evaluation;

/**
 * The outcome of a training run.
 *
 * @param recipe what the run trained: the model's recipe
 * @param settings how it ran: where it read and wrote, the device
 * @param data what the model was trained on: its classes, normalization and image conversion
 * @param testImages the test images it was scored on
 * @param epochs per-epoch figures, in order: fewer than the recipe's epochs when it stopped early
 * @param keptEpoch the epoch whose weights the run kept, saved and exported: the last, or the best
 *     on validation when the recipe keeps the best
 * @param evaluation the saved checkpoint scored on the test set through {@link
 *     Evaluator#evaluateModel}'s path, BatchNorm in inference mode
 * @param seconds wall-clock time of the whole run, data loading included
 * @param outputDir the run directory
 * @param checkpoint the checkpoint directory of the trained weights (see {@link
 *     org.lenet5.model.Lenet5Checkpoint})
 * @param savedModel the exported SavedModel version directory, if the run exported one
 */
public record TrainingResult(
    Recipe recipe,
    RunSettings settings,
    DataDescription data,
    LabeledImages testImages,
    List<EpochResult> epochs,
    int keptEpoch,
    Evaluation evaluation,
    double seconds,
    Path outputDir,
    Path checkpoint,
    Optional<Path> savedModel) {

  public TrainingResult {
    epochs = List.copyOf(epochs);
  }

  /** Whether early stopping ended the run before its recipe's last epoch. */
  public boolean stoppedEarly() {
    return epochs.size() < recipe.epochs();
  }

  /** Test accuracy as a fraction, 0..1. */
  public double testAccuracy() {
    return evaluation.accuracy();
  }
}
