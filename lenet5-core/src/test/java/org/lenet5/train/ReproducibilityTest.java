package org.lenet5.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenet5.data.DatasetDownloader;
import org.lenet5.model.Lenet5Checkpoint;

/**
 * The reproducibility contract README states: on one machine, the same recipe and seed give
 * byte-identical checkpoints (weights, Adam's state, counters, description) and SavedModels
 * (graph, signatures, variables, description, warmup requests). Only what records the run's own
 * timings differs: a resumable checkpoint's state file (and its line in the checkpoint's
 * manifest), the report and the TensorBoard log.
 */
class ReproducibilityTest {

  @TempDir Path dir;

  @Test
  void theSameRecipeAndSeedGiveByteIdenticalCheckpointsAndSavedModels() throws IOException {
    TrainingResult first = train("first");
    TrainingResult second = train("second");

    Map<String, String> firstFiles = modelFiles(first.outputDir());
    assertThat(firstFiles.keySet())
        .anyMatch(name -> name.startsWith("checkpoint/model.data"))
        .anyMatch(name -> name.startsWith("checkpoints/"));
    assertThat(modelFiles(second.outputDir())).containsExactlyEntriesOf(firstFiles);

    Map<String, String> firstModel = modelFiles(first.savedModel().orElseThrow());
    assertThat(firstModel.keySet())
        .contains("saved_model.pb", "assets.extra/lenet5.properties",
            "assets.extra/tf_serving_warmup_requests")
        .anyMatch(name -> name.startsWith("variables/variables.data"));
    assertThat(modelFiles(second.savedModel().orElseThrow()))
        .containsExactlyEntriesOf(firstModel);
    assertThat(second.epochs()).extracting(EpochResult::testAccuracy)
        .isEqualTo(first.epochs().stream().map(EpochResult::testAccuracy).toList());
  }

  private TrainingResult train(String name) {
    return new Trainer(
            Recipe.builder().epochs(2).limitTrain(1280).seed(5).build(),
            RunSettings.builder()
                .outputDir(dir.resolve(name).resolve("run"))
                .exportDir(dir.resolve(name).resolve("models"))
                .build())
        .train();
  }

  /**
   * The files under {@code root} but those that record timings, by relative path, with their
   * SHA-256.
   */
  private static Map<String, String> modelFiles(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        String name = root.relativize(path).toString();
        if (name.endsWith(Lenet5Checkpoint.MANIFEST)) {
          // A checkpoint's manifest lists its state file's hash, which changes with the timings.
          String others =
              Files.readString(path).lines()
                  .filter(line -> !line.endsWith("  " + Checkpoints.STATE_FILE))
                  .collect(Collectors.joining("\n"));
          files.put(name, DatasetDownloader.sha256(others.getBytes(StandardCharsets.UTF_8)));
        } else if (!name.startsWith("report/") && !name.startsWith("tensorboard/")
            && !name.endsWith(Checkpoints.STATE_FILE)) {
          files.put(name, DatasetDownloader.sha256(Files.readAllBytes(path)));
        }
      }
    }
    return files;
  }
}
