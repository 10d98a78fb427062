package org.lenet5.train;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reports a run in lines of text, as the reference does: the model summary, {@code Epoch [e/E],
 * Step [s/S], Loss: x.xxxx} every {@link TrainingConfig#logEvery()} steps, a line per epoch, and
 * the test accuracy. Where the lines go is up to the caller: the console, Maven's log, ...
 */
public final class ConsoleReport implements TrainingListener {

  private final Consumer<String> out;
  private int epochs;
  private int stepsPerEpoch;
  private int logEvery;

  /** A report that hands each line to {@code out}. */
  public ConsoleReport(Consumer<String> out) {
    this.out = out;
  }

  @Override
  public void onTrainingStart(TrainingStart start) {
    TrainingConfig config = start.config();
    epochs = config.epochs();
    stepsPerEpoch = start.stepsPerEpoch();
    logEvery = config.logEvery();
    start.summary().format().lines().forEach(out);
    out.accept(start.placement().describe());
    start
        .resumedFrom()
        .ifPresent(
            checkpoint ->
                out.accept(
                    "Resuming from " + checkpoint + ": epochs 1-" + (start.firstEpoch() - 1)
                        + " done"));
    out.accept(
        String.format(
            Locale.ROOT,
            "Training on %d %s images, testing on %d: %d epochs of %d steps, batch %d,"
                + " Adam lr %s, seed %d",
            start.trainImages(),
            config.dataset().id(),
            start.testImages(),
            epochs,
            stepsPerEpoch,
            config.batchSize(),
            config.learningRate(),
            config.seed()));
  }

  @Override
  public void onStep(int epoch, int step, float loss) {
    if (step % logEvery == 0) {
      out.accept(
          String.format(
              Locale.ROOT,
              "Epoch [%d/%d], Step [%d/%d], Loss: %.4f",
              epoch, epochs, step, stepsPerEpoch, loss));
    }
  }

  @Override
  public void onEpochEnd(EpochResult epoch) {
    out.accept(
        String.format(
            Locale.ROOT,
            "Epoch %d/%d: mean loss %.4f, %.1f s, %.0f images/s, RSS %.0f MB",
            epoch.epoch(), epochs, epoch.meanLoss(), epoch.seconds(), epoch.imagesPerSecond(),
            epoch.residentBytes() / 1e6));
  }

  @Override
  public void onTrainingEnd(TrainingResult result) {
    out.accept(result.evaluation().accuracyLine());
    out.accept("Trained weights: " + result.checkpoint());
    result.savedModel().ifPresent(version -> out.accept("SavedModel: " + version));
    out.accept(String.format(Locale.ROOT, "Total time: %.1f s", result.seconds()));
  }
}
