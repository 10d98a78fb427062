package org.lenet5.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenet5.TensorFlowRecordReader;
import org.lenet5.train.EpochResult;
import org.lenet5.train.Recipe;
import org.lenet5.train.RunSettings;
import org.lenet5.train.Trainer;
import org.lenet5.train.TrainingListener;
import org.lenet5.train.TrainingResult;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.Summary;

class TensorBoardLogTest {

  @TempDir Path dir;

  @Test
  void tensorFlowReadsBackTheGraphAndEveryScalar() throws IOException {
    List<Float> stepLosses = new ArrayList<>();
    TrainingResult result =
        new Trainer(
                Recipe.builder().epochs(2).limitTrain(1280).build(),
                RunSettings.builder().outputDir(dir).build())
            .addListener(new TensorBoardLog())
            .addListener(
                new TrainingListener() {
                  @Override
                  public void onStep(int epoch, int step, float loss) {
                    stepLosses.add(loss);
                  }
                })
            .train();

    List<Path> files;
    try (Stream<Path> listing = Files.list(dir.resolve(TensorBoardLog.DIR))) {
      files = listing.toList();
    }
    assertThat(files).hasSize(1);
    assertThat(files.get(0).getFileName().toString()).startsWith("events.out.tfevents.");
    List<Event> events = readWithTensorFlow(files.get(0));

    assertThat(events.get(0).getFileVersion()).isEqualTo("brain.Event:2");
    GraphDef graph = GraphDef.parseFrom(events.get(1).getGraphDef());
    assertThat(graph.getNodeList()).extracting(NodeDef::getName).contains("train_step", "loss");

    // 1,280 images at batch 64: 20 steps per epoch, 40 in all.
    List<Float> losses = scalars(events, TensorBoardLog.LOSS);
    assertThat(losses).containsExactlyElementsOf(stepLosses).hasSize(40);
    assertThat(steps(events, TensorBoardLog.LOSS)).startsWith(1L, 2L).endsWith(40L);
    assertThat(scalars(events, TensorBoardLog.LEARNING_RATE)).hasSize(40).containsOnly(0.001f);
    List<Float> accuracies = scalars(events, TensorBoardLog.TEST_ACCURACY);
    assertThat(steps(events, TensorBoardLog.TEST_ACCURACY)).containsExactly(20L, 40L);
    List<Float> expected = new ArrayList<>();
    for (EpochResult epoch : result.epochs()) {
      expected.add((float) epoch.testAccuracy().orElseThrow());
    }
    assertThat(accuracies).containsExactlyElementsOf(expected);
    assertThat(accuracies.get(1)).isEqualTo((float) result.testAccuracy());
    assertThat(scalars(events, TensorBoardLog.EPOCH_LOSS)).hasSize(2);
  }

  private static List<Event> readWithTensorFlow(Path file) throws IOException {
    List<Event> events = new ArrayList<>();
    for (byte[] record : TensorFlowRecordReader.read(file)) {
      events.add(Event.parseFrom(record));
    }
    return events;
  }

  /** A scalar as TensorBoard plots it: its global step and value. */
  private record Point(long step, float value) {}

  private static List<Point> points(List<Event> events, String tag) {
    List<Point> points = new ArrayList<>();
    for (Event event : events) {
      for (Summary.Value value : event.getSummary().getValueList()) {
        if (value.getTag().equals(tag)) {
          points.add(new Point(event.getStep(), value.getSimpleValue()));
        }
      }
    }
    return points;
  }

  private static List<Float> scalars(List<Event> events, String tag) {
    return points(events, tag).stream().map(Point::value).toList();
  }

  private static List<Long> steps(List<Event> events, String tag) {
    return points(events, tag).stream().map(Point::step).toList();
  }
}
