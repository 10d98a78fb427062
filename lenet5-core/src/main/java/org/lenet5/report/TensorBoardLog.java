package org.lenet5.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.lenet5.Lenet5Exception;
import org.lenet5.TfRecords;
import org.lenet5.train.EpochResult;
import org.lenet5.train.Recipe;
import org.lenet5.train.TrainingListener;
import org.lenet5.train.TrainingResult;
import org.lenet5.train.TrainingStart;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/**
 * Writes a run's TensorBoard event file into {@code <run>/tensorboard/}: the training graph, the
 * loss and learning rate of every step, and each epoch's mean loss, throughput and test accuracy,
 * all against the global step. {@code tensorboard --logdir <run>} shows them.
 *
 * <p>The file is TensorFlow's own format (a {@link TfRecords TFRecord} file of {@code Event}
 * protos), written from Java rather than through TensorFlow's summary ops so that logging adds
 * nothing to the training graph or its steps. Events are buffered and appended once per epoch, so
 * the file is never held open between epochs and a crashed run keeps every finished epoch; the
 * file is created with the first epoch's events. A resumed run starts a new event file in the
 * same directory; TensorBoard reads them as one run.
 */
public final class TensorBoardLog implements TrainingListener {

  /** The event files' directory inside the run directory. */
  public static final String DIR = "tensorboard";

  /** Scalar tags, as TensorBoard lists them. */
  public static final String LOSS = "train/loss";

  public static final String LEARNING_RATE = "train/learning_rate";
  public static final String EPOCH_LOSS = "epoch/mean_loss";
  public static final String EPOCH_IMAGES_PER_SECOND = "epoch/images_per_second";
  public static final String TEST_ACCURACY = "epoch/test_accuracy";

  /** The tag of each epoch's accuracy when the run holds validation images out. */
  public static final String VALIDATION_ACCURACY = "epoch/validation_accuracy";

  /** The tag of each epoch's mean cross-entropy on the test images (no validation images). */
  public static final String TEST_LOSS = "epoch/test_loss";

  /** The tag of each epoch's mean cross-entropy on the validation images. */
  public static final String VALIDATION_LOSS = "epoch/validation_loss";

  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private Path file;
  private int stepsPerEpoch;
  private Recipe recipe;

  @Override
  public void onTrainingStart(TrainingStart start) {
    stepsPerEpoch = start.stepsPerEpoch();
    recipe = start.recipe();
    file = start.outputDir().resolve(DIR).resolve(
        String.format(Locale.ROOT, "events.out.tfevents.%d.%s", System.currentTimeMillis() / 1000,
            hostName()));
    // Written with the first epoch, not now: a run that fails before it (a resume whose
    // checkpoint cannot be restored) leaves no event file behind.
    add(event(0).setFileVersion("brain.Event:2"));
    add(event(0).setGraphDef(start.graph().toByteString()));
  }

  @Override
  public void onStep(int epoch, int step, float loss) {
    long globalStep = globalStep(epoch, step);
    add(event(globalStep)
        .setSummary(scalars(LOSS, loss, LEARNING_RATE, recipe.learningRate(epoch))));
  }

  @Override
  public void onEpochEnd(EpochResult epoch) {
    long globalStep = globalStep(epoch.epoch(), stepsPerEpoch);
    Summary.Builder summary =
        Summary.newBuilder()
            .addValue(scalar(EPOCH_LOSS, (float) epoch.meanLoss()))
            .addValue(scalar(EPOCH_IMAGES_PER_SECOND, (float) epoch.imagesPerSecond()));
    epoch.testAccuracy().ifPresent(accuracy -> summary.addValue(
        scalar(recipe.validationSplit() > 0 ? VALIDATION_ACCURACY : TEST_ACCURACY,
            (float) accuracy)));
    epoch.testLoss().ifPresent(loss -> summary.addValue(
        scalar(recipe.validationSplit() > 0 ? VALIDATION_LOSS : TEST_LOSS, (float) loss)));
    add(event(globalStep).setSummary(summary));
    flush();
  }

  @Override
  public void onTrainingEnd(TrainingResult result) {
    flush();
  }

  private long globalStep(int epoch, int step) {
    return (long) (epoch - 1) * stepsPerEpoch + step;
  }

  private static Event.Builder event(long step) {
    return Event.newBuilder().setWallTime(System.currentTimeMillis() / 1000.0).setStep(step);
  }

  private static Summary scalars(String tag, float value, String otherTag, float otherValue) {
    return Summary.newBuilder()
        .addValue(scalar(tag, value))
        .addValue(scalar(otherTag, otherValue))
        .build();
  }

  private static Summary.Value scalar(String tag, float value) {
    return Summary.Value.newBuilder().setTag(tag).setSimpleValue(value).build();
  }

  private void add(Event.Builder event) {
    pending.writeBytes(TfRecords.frame(event.build().toByteArray()));
  }

  private void flush() {
    if (pending.size() == 0) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new Lenet5Exception(
          "cannot create the TensorBoard directory " + file.getParent() + " (" + e.getMessage()
              + ")", e);
    }
    try (OutputStream out =
        Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      pending.writeTo(out);
    } catch (IOException e) {
      throw new Lenet5Exception(
          "cannot write the TensorBoard log " + file + " (" + e.getMessage() + ")", e);
    }
    pending.reset();
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
