package org.lenet5.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lenet5.DirectoryTrees;
import org.lenet5.cli.Lenet5CommandAccess;
import org.lenet5.model.Lenet5Checkpoint;
import picocli.CommandLine;

/**
 * Damaged and half-written checkpoints of a real run, interrupted after two epochs: a damaged
 * newest checkpoint, whichever of its files is hit and however, is passed over with a warning for
 * the one before; leftovers of killed saves are removed by the next run; a resume that fails
 * leaves the run directory as it was.
 */
class DamagedCheckpointTest {

  private static final String DATA = Lenet5Checkpoint.PREFIX + ".data-00000-of-00001";

  @TempDir static Path shared;

  /** A run of 3 epochs that crashed at the start of the third: epoch-0001 and epoch-0002. */
  private static Path crashed;

  @TempDir Path dir;

  @BeforeAll
  static void crashAfterTwoEpochs() {
    crashed = shared.resolve("crashed");
    assertThatThrownBy(
            () ->
                new Trainer(RECIPE, settings(crashed))
                    .addListener(
                        new TrainingListener() {
                          @Override
                          public void onStep(int epoch, int step, float loss) {
                            if (epoch == 3) {
                              throw new IllegalStateException("simulated crash");
                            }
                          }
                        })
                    .train())
        .hasMessage("simulated crash");
  }

  private static final Recipe RECIPE = Recipe.builder().epochs(3).limitTrain(1280).build();

  private static RunSettings settings(Path runDir) {
    return RunSettings.builder()
        .keepCheckpoints(3)
        .evaluateEachEpoch(false)
        .outputDir(runDir)
        .build();
  }

  private Path copyOfTheCrashedRun() throws IOException {
    Path run = dir.resolve("run");
    DirectoryTrees.copy(crashed, run);
    return run;
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "model.index, flipped, has changed since it was saved",
    "model.index, truncated, has changed since it was saved",
    "model.index, deleted, is missing",
    DATA + ", flipped, has changed since it was saved",
    DATA + ", truncated, has changed since it was saved",
    DATA + ", deleted, is missing",
    "model.properties, flipped, has changed since it was saved",
    "model.properties, truncated, has changed since it was saved",
    "model.properties, deleted, is missing",
    "state.properties, flipped, has changed since it was saved",
    "state.properties, truncated, has changed since it was saved",
    "state.properties, deleted, is missing",
  })
  void aDamagedNewestCheckpointFallsBackToTheOneBefore(String part, String damage, String problem)
      throws IOException {
    Path run = copyOfTheCrashedRun();
    Path newest = run.resolve("checkpoints").resolve("epoch-0002");
    damage(newest.resolve(part), damage);

    List<String> lines = new ArrayList<>();
    String warnings;
    TrainingResult resumed;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      resumed =
          Trainer.resume(run, RunSettings.builder().keepCheckpoints(3).build())
              .addListener(new ConsoleReport(lines::add))
              .train();
    } finally {
      System.setErr(err);
      warnings = captured.toString(StandardCharsets.UTF_8);
    }

    assertThat(warnings)
        .contains("WARN", "The checkpoint " + newest + " is damaged or incomplete (" + part + " "
            + problem + "); falling back to the one before, epoch-0001");
    assertThat(lines).contains("Resuming from " + run.resolve("checkpoints/epoch-0001")
        + ": epochs 1-1 done");
    assertThat(resumed.epochs()).hasSize(3);
    assertThat(resumed.testAccuracy()).isGreaterThan(0.8);
  }

  @Test
  void leftoversOfKilledSavesAreRemovedByTheNextRun() throws IOException {
    Path run = copyOfTheCrashedRun();
    Path epochStaging = run.resolve("checkpoints/.epoch-0003.tmp-123");
    Path finalStaging = run.resolve(".checkpoint.tmp-456");
    Files.createDirectories(epochStaging);
    Files.writeString(epochStaging.resolve(DATA), "half");
    Files.createDirectories(finalStaging);

    TrainingResult resumed =
        Trainer.resume(run, RunSettings.builder().keepCheckpoints(3).build()).train();

    assertThat(resumed.epochs()).hasSize(3);
    assertThat(epochStaging).doesNotExist();
    assertThat(finalStaging).doesNotExist();
  }

  /**
   * Resumes that fail, through the command line: a recipe option of another value, no intact
   * checkpoint, and a checkpoint (without a manifest, as saved before manifests existed) that
   * TensorFlow cannot restore. Each ends in one line and changes nothing in the run directory: no
   * TensorBoard file, no report, no directory.
   */
  @Test
  void aFailedResumeLeavesNothingBehind() throws IOException {
    Path run = copyOfTheCrashedRun();
    Map<String, String> before = snapshot(run);
    assertThat(failedResume("train", "--resume", run.toString(), "--epochs", "4"))
        .startsWith("lenet5: the run to resume was trained with --epochs 3, not 4");
    assertThat(snapshot(run)).isEqualTo(before);

    Path checkpoints = run.resolve("checkpoints");
    for (String epoch : List.of("epoch-0001", "epoch-0002")) {
      Files.delete(checkpoints.resolve(epoch).resolve(Lenet5Checkpoint.MANIFEST));
    }
    damage(checkpoints.resolve("epoch-0002").resolve(DATA), "truncated");
    before = snapshot(run);
    assertThat(failedResume("train", "--resume", run.toString()))
        .startsWith("lenet5: cannot restore the model from " + checkpoints.resolve("epoch-0002"));
    assertThat(snapshot(run)).isEqualTo(before);

    Files.delete(checkpoints.resolve("epoch-0001").resolve(Checkpoints.STATE_FILE));
    Files.delete(checkpoints.resolve("epoch-0002").resolve(Checkpoints.STATE_FILE));
    before = snapshot(run);
    assertThat(failedResume("train", "--resume", run.toString()))
        .isEqualTo("lenet5: nothing to resume: " + checkpoints + " holds no complete checkpoint;"
            + " start a new run without --resume");
    assertThat(snapshot(run)).isEqualTo(before);
  }

  /** Runs the command line, expects exit code 2 and returns its one line of standard error. */
  private static String failedResume(String... args) {
    StringWriter err = new StringWriter();
    CommandLine commandLine = Lenet5CommandAccess.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter(), true));
    commandLine.setErr(new PrintWriter(err, true));
    assertThat(commandLine.execute(args)).as(err.toString()).isEqualTo(2);
    assertThat(err.toString().lines()).hasSize(1);
    return err.toString().trim();
  }

  private static void damage(Path file, String how) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    switch (how) {
      case "flipped" -> {
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(file, bytes);
      }
      case "truncated" -> Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
      case "deleted" -> Files.delete(file);
      default -> throw new IllegalArgumentException(how);
    }
  }

  /** Every path below {@code root} with its size and modification time. */
  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.toList()) {
        entries.put(
            root.relativize(path).toString(),
            Files.isDirectory(path)
                ? "dir"
                : Files.size(path) + " " + Files.getLastModifiedTime(path));
      }
    }
    return entries;
  }
}
