package org.lenet5.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lenet5.TrainedModels;
import org.lenet5.cli.Lenet5Command;

class ResumeTest {

  @TempDir Path dir;

  private static Trainer trainer(Path runDir) {
    return trainer(runDir, false);
  }

  private static Trainer trainer(Path runDir, boolean augment) {
    return trainer(runDir, Recipe.builder().augment(augment).epochs(3).limitTrain(1280).build());
  }

  private static Trainer trainer(Path runDir, Recipe recipe) {
    return new Trainer(recipe, RunSettings.builder().keepCheckpoints(2).outputDir(runDir).build());
  }

  @ParameterizedTest(name = "augment={0}")
  @ValueSource(booleans = {false, true})
  void aResumedRunEndsWithTheSameWeightsBitForBit(boolean augment) throws IOException {
    TrainingResult uninterrupted = trainer(dir.resolve("full"), augment).train();

    Path crashed = dir.resolve("crashed");
    assertThatThrownBy(
            () ->
                trainer(crashed, augment)
                    .addListener(
                        new TrainingListener() {
                          @Override
                          public void onStep(int epoch, int step, float loss) {
                            if (epoch == 2 && step == 7) {
                              throw new IllegalStateException("simulated crash");
                            }
                          }
                        })
                    .train())
        .hasMessage("simulated crash");
    assertThat(children(crashed.resolve("checkpoints"))).containsExactly("epoch-0001");

    List<String> lines = new ArrayList<>();
    TrainingResult resumed =
        Trainer.resume(crashed, RunSettings.builder().keepCheckpoints(2).build())
            .addListener(new ConsoleReport(lines::add))
            .train();

    assertThat(lines).contains("Resuming from " + crashed.resolve("checkpoints/epoch-0001")
        + ": epochs 1-1 done");
    assertThat(resumed.epochs()).hasSize(3);
    assertThat(resumed.epochs().get(0).meanLoss())
        .isEqualTo(uninterrupted.epochs().get(0).meanLoss());
    assertThat(resumed.epochs().get(2).meanLoss())
        .isEqualTo(uninterrupted.epochs().get(2).meanLoss());
    assertThat(resumed.evaluation().predictions())
        .containsExactly(uninterrupted.evaluation().predictions());
    // Weights, BatchNorm statistics and Adam's state, byte for byte.
    assertThat(Files.readAllBytes(dataFile(resumed.checkpoint())))
        .isEqualTo(Files.readAllBytes(dataFile(uninterrupted.checkpoint())));
    // Only the newest two epoch checkpoints are kept.
    assertThat(children(crashed.resolve("checkpoints")))
        .containsExactlyInAnyOrder("epoch-0002", "epoch-0003");
  }

  /**
   * Resumed without them, a run keeps its own schedule settings (the command line's hint after
   * an interruption is the bare --resume); given, they apply — from the library as from the
   * command line.
   */
  @Test
  void aResumedRunKeepsItsScheduleUnlessToldOtherwise() throws IOException {
    Path run = dir.resolve("run");
    crashAfterTheFirstEpoch(run);
    RunSettings saved = Trainer.savedSettings(run);
    assertThat(saved.keepCheckpoints()).isEqualTo(2);
    assertThat(saved.logEvery()).isEqualTo(RunSettings.defaults().logEvery());

    accuracyLine("train", "--no-export", "--resume", run.toString());
    // The run's two, not the default three: epoch-0001 is gone.
    assertThat(children(run.resolve("checkpoints"))).containsExactly("epoch-0002", "epoch-0003");

    // Resumed again, the finished run has nothing left to train, and says so.
    List<String> lines = new ArrayList<>();
    Trainer.resume(run, Trainer.savedSettings(run)).addListener(new ConsoleReport(lines::add))
        .train();
    assertThat(lines).contains("Resuming from " + run.resolve("checkpoints/epoch-0003")
        + ": epochs 1-3 done; nothing left to train");

    Path library = dir.resolve("library");
    crashAfterTheFirstEpoch(library);
    Trainer.resume(library, Trainer.savedSettings(library).toBuilder().keepCheckpoints(1).build())
        .train();
    assertThat(children(library.resolve("checkpoints"))).containsExactly("epoch-0003");
  }

  private static void crashAfterTheFirstEpoch(Path run) {
    assertThatThrownBy(
            () ->
                trainer(run)
                    .addListener(
                        new TrainingListener() {
                          @Override
                          public void onEpochEnd(EpochResult epoch) {
                            throw new IllegalStateException("simulated crash");
                          }
                        })
                    .train())
        .hasMessage("simulated crash");
  }

  @Test
  void aProcessKilledMidEpochResumesToTheSameAccuracy() throws Exception {
    Path uninterruptedRun = dir.resolve("uninterrupted");
    String expected = accuracyLine("train", "--epochs", "3", "--limit-train", "3200",
        "--no-export", "--output", uninterruptedRun.toString());

    Path killedRun = dir.resolve("killed");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                Lenet5Command.class.getName(),
                "train", "--epochs", "3", "--limit-train", "3200", "--log-every", "5",
                "--no-export", "--output", killedRun.toString())
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("Epoch [2/3], Step [25/50]")) {
        // Wait until the second epoch is half done.
      }
      assertThat(line).as("the child process reached epoch 2").isNotNull();
      process.destroyForcibly(); // SIGKILL
    }
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(137);
    assertThat(children(killedRun.resolve("checkpoints"))).contains("epoch-0001")
        .doesNotContain("epoch-0003");

    assertThat(accuracyLine("train", "--resume", killedRun.toString(), "--no-export"))
        .isEqualTo(expected);
  }

  /**
   * The command line: the same command with --resume added continues the run, with the run
   * settings it gives (here fewer checkpoints kept); a recipe option that differs is refused,
   * naming both values.
   */
  @Test
  void theSameCommandWithResumeContinuesAndAChangedRecipeOptionIsRefused() throws IOException {
    Path run = dir.resolve("run");
    crashAfterTheFirstEpoch(run);

    StringWriter err = new StringWriter();
    var refusing = org.lenet5.cli.Lenet5CommandAccess.commandLine();
    refusing.setOut(new PrintWriter(new StringWriter(), true));
    refusing.setErr(new PrintWriter(err, true));
    assertThat(refusing.execute("train", "--epochs", "4", "--limit-train", "1280", "--no-export",
        "--output", run.toString(), "--resume")).isEqualTo(2);
    assertThat(err.toString().trim())
        .isEqualTo("lenet5: the run to resume was trained with --epochs 3, not 4; leave --epochs"
            + " out to continue it, or start a new run without --resume");

    String resumed = accuracyLine("train", "--epochs", "3", "--limit-train", "1280",
        "--keep-checkpoints", "1", "--no-export", "--output", run.toString(), "--resume");
    String uninterrupted = accuracyLine("train", "--epochs", "3", "--limit-train", "1280",
        "--no-export", "--output", dir.resolve("uninterrupted").toString());
    assertThat(resumed).isEqualTo(uninterrupted);
    assertThat(children(run.resolve("checkpoints"))).containsExactly("epoch-0003");
  }

  @Test
  void resumingWithoutACheckpointSaysSo() {
    assertThatThrownBy(() -> Trainer.resume(dir, RunSettings.defaults()))
        .isInstanceOf(NothingToResumeException.class)
        .hasMessage("nothing to resume: " + dir.resolve("checkpoints") + " holds no complete"
            + " checkpoint; start a new run with new Trainer(recipe, settings)");
  }

  @Test
  void aNewRunInADirectoryWithCheckpointsNamesTrainerResume() {
    Path run = TrainedModels.interruptedRun(dir.resolve("interrupted"));

    assertThatThrownBy(() -> trainer(run).train())
        .isInstanceOf(RunDirectoryInUseException.class)
        .hasMessage("the output directory " + run + " holds checkpoints of an earlier run; resume"
            + " it with Trainer.resume(" + run + ", settings), or choose another output"
            + " directory")
        .satisfies(e -> assertThat(((RunDirectoryInUseException) e).runDirectory()).isEqualTo(run));
  }

  @Test
  void anIncompleteCheckpointIsNeverPicked() throws IOException {
    Path run = dir.resolve("run");
    trainer(run, Recipe.builder().epochs(1).limitTrain(1280).build()).train();
    // What a kill during a save leaves: a hidden staging directory, and a newer epoch
    // directory without its state file.
    Files.createDirectories(run.resolve("checkpoints/.epoch-0002.tmp-123"));
    Files.createDirectories(run.resolve("checkpoints/epoch-0002"));
    Files.writeString(run.resolve("checkpoints/epoch-0002/model.index"), "partial");

    TrainingResult resumed = Trainer.resume(run, RunSettings.defaults()).train();

    assertThat(resumed.epochs()).hasSize(1);
  }

  private static String accuracyLine(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = org.lenet5.cli.Lenet5CommandAccess.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    assertThat(commandLine.execute(args)).as(err.toString()).isZero();
    return out.toString().lines()
        .filter(line -> line.startsWith("Accuracy of the network"))
        .findFirst()
        .orElseThrow();
  }

  private static Path dataFile(Path checkpoint) {
    return checkpoint.resolve("model.data-00000-of-00001");
  }

  private static List<String> children(Path directory) throws IOException {
    try (Stream<Path> paths = Files.list(directory)) {
      return paths.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }
}
