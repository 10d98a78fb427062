package org.lenet5.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.lenet5.data.Dataset;

/**
 * Reports a run in lines of text, as the reference does: the model summary, {@code Epoch [e/E],
 * Step [s/S], Loss: x.xxxx} every {@link RunSettings#logEvery()} steps, a line per epoch, and
 * the test accuracy. Where the lines go is up to the caller: the console, Maven's log, ...
 */
public final class ConsoleReport implements TrainingListener {

  private final Consumer<String> out;
  private final Detail detail;
  private int epochs;
  private int stepsPerEpoch;
  private int logEvery;
  private boolean validating;
  private Monitor monitor = Monitor.ACCURACY;

  /** How much a report says. */
  public enum Detail {
    /** Everything, with the reference's loss line every {@link RunSettings#logEvery()} steps. */
    FULL,
    /** Everything but the loss lines, for when a progress bar shows the steps. */
    NO_STEPS,
    /** Only the outcome: accuracy and where the outputs went. */
    QUIET
  }

  /** A full report that hands each line to {@code out}. */
  public ConsoleReport(Consumer<String> out) {
    this(out, Detail.FULL);
  }

  /** A report of the given detail that hands each line to {@code out}. */
  public ConsoleReport(Consumer<String> out, Detail detail) {
    this.out = out;
    this.detail = detail;
  }

  @Override
  public void onTrainingStart(TrainingStart start) {
    Recipe recipe = start.recipe();
    epochs = recipe.epochs();
    validating = recipe.validationSplit() > 0;
    monitor = recipe.monitor();
    stepsPerEpoch = start.stepsPerEpoch();
    logEvery = start.settings().logEvery();
    if (detail == Detail.QUIET) {
      return;
    }
    start.summary().format().lines().forEach(out);
    out.accept(start.placement().describe());
    start
        .resumedFrom()
        .ifPresent(
            checkpoint ->
                out.accept(
                    "Resuming from " + checkpoint + ": epochs 1-" + (start.firstEpoch() - 1)
                        + " done"
                        + (start.firstEpoch() > epochs
                            ? "; nothing left to train"
                            : "")));
    out.accept(
        String.format(
            Locale.ROOT,
            "Training on %d %s%s, %s on %d: %d epoch%s of %d step%s, batch %d,"
                + " Adam lr %s%s, seed %d",
            start.trainImages(),
            recipe.dataset() instanceof Dataset builtIn
                ? builtIn.id() + " images"
                : "images of " + recipe.dataset().id() + " (" + start.summary().classes()
                    + " classes)",
            recipe.augment() ? " (augmented: random shifts and rotations)" : "",
            validating ? "validating" : "testing",
            start.testImages(),
            epochs,
            epochs == 1 ? "" : "s",
            stepsPerEpoch,
            stepsPerEpoch == 1 ? "" : "s",
            recipe.batchSize(),
            recipe.learningRate(),
            recipe.learningRateDecay() < 1
                ? " (x" + recipe.learningRateDecay() + " per epoch)"
                : "",
            recipe.seed()));
  }

  @Override
  public void onStep(int epoch, int step, float loss) {
    if (detail == Detail.FULL && step % logEvery == 0) {
      out.accept(
          String.format(
              Locale.ROOT,
              "Epoch [%d/%d], Step [%d/%d], Loss: %.4f",
              epoch, epochs, step, stepsPerEpoch, loss));
    }
  }

  @Override
  public void onEpochEnd(EpochResult epoch) {
    if (detail == Detail.QUIET) {
      return;
    }
    String accuracy =
        epoch.testAccuracy().isPresent()
            ? String.format(Locale.ROOT, ", %s accuracy %.2f %%",
                validating ? "validation" : "test", 100 * epoch.testAccuracy().getAsDouble())
            : "";
    if (monitor == Monitor.LOSS && epoch.testLoss().isPresent()) {
      accuracy += String.format(Locale.ROOT, ", %s loss %.4f",
          validating ? "validation" : "test", epoch.testLoss().getAsDouble());
    }
    out.accept(
        String.format(
            Locale.ROOT,
            "Epoch %d/%d: mean loss %.4f%s, %.1f s, %.0f images/s, RSS %.0f MB",
            epoch.epoch(), epochs, epoch.meanLoss(), accuracy, epoch.seconds(),
            epoch.imagesPerSecond(), epoch.residentBytes() / 1e6));
  }

  @Override
  public void onTrainingEnd(TrainingResult result) {
    outcome(result).ifPresent(out);
    out.accept(result.evaluation().accuracyLine());
    out.accept("Trained weights: " + result.checkpoint());
    result.savedModel().ifPresent(version -> out.accept("SavedModel: " + version));
    out.accept(String.format(Locale.ROOT, "Total time: %.1f s", result.seconds()));
  }

  /**
   * Why the run stopped early and which epoch's weights it kept, when either is not simply its
   * last epoch; for the console and the run report.
   */
  public static Optional<String> outcome(TrainingResult result) {
    List<String> parts = new ArrayList<>();
    int trained = result.epochs().size();
    if (result.stoppedEarly()) {
      parts.add(String.format(Locale.ROOT,
          "Stopped after epoch %d of %d: no better validation %s in %d epoch%s", trained,
          result.recipe().epochs(), result.recipe().monitor().id(),
          result.recipe().earlyStop(), result.recipe().earlyStop() == 1 ? "" : "s"));
    }
    if (result.recipe().keep() == KeptWeights.BEST) {
      EpochResult kept = result.epochs().get(result.keptEpoch() - 1);
      Monitor monitor = result.recipe().monitor();
      parts.add(String.format(Locale.ROOT,
          "kept the weights of epoch %d, the best on validation (%s)", result.keptEpoch(),
          monitor.format(monitor.of(kept).orElse(Double.NaN))));
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    String line = String.join("; ", parts);
    return Optional.of(Character.toUpperCase(line.charAt(0)) + line.substring(1));
  }
}
