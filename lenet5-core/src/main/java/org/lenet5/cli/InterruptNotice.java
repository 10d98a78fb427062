package org.lenet5.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.lenet5.train.Trainer;
import org.lenet5.train.TrainingListener;
import org.lenet5.train.TrainingStart;

/**
 * Says, when {@code train} is stopped by SIGINT (Ctrl-C) or SIGTERM, what was saved and how to
 * continue: one line on standard error naming the newest complete epoch checkpoint and the
 * {@code --resume} command.
 *
 * <p>A JVM shutdown hook rather than a signal handler: the JVM keeps its own handling of both
 * signals (shutdown hooks, then exit 130 or 143), and TensorFlow's native threads are left alone.
 * The hook only reads the run directory; the checkpoint being written at that moment, if any, is
 * in a hidden staging directory that the next run removes, so what the line names is complete.
 * The hook is removed when training ends by itself, so a finished or failed run prints nothing.
 */
final class InterruptNotice implements TrainingListener {

  private final PrintWriter err;
  private final boolean afterProgressBar;
  private final Thread hook = new Thread(this::report, "lenet5-interrupt-notice");
  private volatile Path runDir;
  private volatile int epochs;

  /**
   * @param err where the line goes
   * @param runDir the run directory if already known (a resumed run, {@code --output}); else it
   *     is learnt when training starts
   * @param afterProgressBar a progress bar may hold the terminal's line: start a new one
   */
  InterruptNotice(PrintWriter err, Path runDir, boolean afterProgressBar) {
    this.err = err;
    this.afterProgressBar = afterProgressBar;
    this.runDir = runDir;
  }

  /** Starts listening for the signals; {@link #close} stops. */
  InterruptNotice install() {
    Runtime.getRuntime().addShutdownHook(hook);
    return this;
  }

  /** Stops listening: training ended by itself. */
  void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down already: the hook runs, or has run, and says what was saved.
    }
  }

  @Override
  public void onTrainingStart(TrainingStart start) {
    runDir = start.outputDir();
    epochs = start.recipe().epochs();
  }

  private void report() {
    Path dir = runDir;
    Optional<Path> saved = dir == null ? Optional.empty() : Trainer.newestEpochCheckpoint(dir);
    if (afterProgressBar) {
      err.println();
    }
    if (saved.isPresent()) {
      String name = saved.get().getFileName().toString();
      int done = Integer.parseInt(name.substring(name.indexOf('-') + 1));
      err.println(
          "lenet5: interrupted; saved: " + saved.get() + " (epoch " + done
              + (epochs > 0 ? " of " + epochs : "") + "); continue with ./lenet5 train --resume "
              + dir);
    } else {
      err.println(
          "lenet5: interrupted before the first epoch checkpoint was saved; nothing to resume,"
              + " start the run again");
    }
    err.flush();
  }
}
