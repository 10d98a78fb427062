package org.lenet5.cli;

import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.lenet5.train.EpochResult;
import org.lenet5.train.TrainingListener;
import org.lenet5.train.TrainingStart;

/**
 * A live progress bar per epoch on a terminal: steps done, images per second, the running mean
 * loss and the time left. Used instead of the reference's loss lines when standard output is a
 * terminal; logs and CI get plain lines.
 */
final class ProgressReport implements TrainingListener {

  private int epochs;
  private int images;
  private int batchSize;
  private ProgressBar bar;
  private double lossSum;
  private int stepsDone;

  /** Whether a live bar makes sense here: an interactive terminal, not a CI job. */
  static boolean isTerminal() {
    String term = System.getenv("TERM");
    return System.console() != null
        && System.getenv("CI") == null
        && term != null
        && !term.equals("dumb");
  }

  @Override
  public void onTrainingStart(TrainingStart start) {
    epochs = start.recipe().epochs();
    images = start.trainImages();
    batchSize = start.recipe().batchSize();
  }

  @Override
  public void onStep(int epoch, int step, float loss) {
    if (step == 1) {
      bar =
          new ProgressBarBuilder()
              .setTaskName(String.format(Locale.ROOT, "Epoch %d/%d", epoch, epochs))
              .setInitialMax(images)
              .setStyle(ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(250)
              .setUnit(" img", 1)
              .showSpeed()
              .setConsumer(new ConsoleProgressBarConsumer(System.out))
              .build();
      lossSum = 0;
      stepsDone = 0;
    }
    lossSum += loss;
    stepsDone++;
    bar.stepTo(Math.min((long) step * batchSize, images));
    bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", lossSum / stepsDone));
  }

  @Override
  public void onEpochEnd(EpochResult epoch) {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
