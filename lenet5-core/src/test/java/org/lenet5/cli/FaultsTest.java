package org.lenet5.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lenet5.TinyFilesystem;
import picocli.CommandLine;

/**
 * Faults as they happen to users, through the command line: a disk that fills while a checkpoint
 * or an export is written, a heap too small, SIGTERM and Ctrl-C during training. Each ends in one
 * line and a documented exit code, and leaves nothing half-written.
 */
class FaultsTest {

  /** TensorFlow's native log lines, which ./lenet5 filters out of standard error. */
  private static final Pattern NATIVE_LOG =
      Pattern.compile(
          "^(WARNING: All log messages before absl::InitializeLog\\(\\) is called"
              + "|[IWEF][0-9]{4} [0-9:.]+ +[0-9]+ [A-Za-z0-9_]+\\.(cc|h):[0-9]+\\] "
              + "|[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]+: [IWEF] [^ ]+\\.(cc|h):[0-9]+\\] )");

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = Lenet5Command.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  /** The run's checkpoint (740 KB of variables) does not fit on a 512 KB disk. */
  @Test
  void aDiskThatFillsDuringACheckpointEndsInOneLineAndLeavesNoPartialCheckpoint()
      throws Exception {
    try (TinyFilesystem disk = TinyFilesystem.mount(dir.resolve("disk"), 512)) {
      Path run = disk.root().resolve("run");
      int exitCode =
          run("train", "--epochs", "1", "--limit-train", "256", "--no-export", "--no-progress",
              "--output", run.toString());

      assertThat(exitCode).as(err.toString()).isEqualTo(2);
      assertThat(err.toString().lines().toList())
          .singleElement()
          .asString()
          .startsWith("lenet5: cannot write the checkpoint to " + run.resolve("checkpoints")
              .resolve("epoch-0001") + " (")
          .endsWith("); free some disk space or choose a writable output directory");
      // Neither a checkpoint nor its staging directory: the failed save left nothing.
      assertThat(tree(run.resolve("checkpoints"))).isEmpty();
    }
  }

  /** The export's variables (250 KB) do not fit on a 128 KB disk. */
  @Test
  void aDiskThatFillsDuringAnExportEndsInOneLineAndLeavesNoPartialVersion() throws Exception {
    try (TinyFilesystem disk = TinyFilesystem.mount(dir.resolve("disk"), 128)) {
      Path base = disk.root().resolve("models");
      int exitCode =
          run("train", "--epochs", "1", "--limit-train", "256", "--no-progress",
              "--export-dir", base.toString(), "--output", dir.resolve("run").toString());

      assertThat(exitCode).as(err.toString()).isEqualTo(2);
      assertThat(err.toString().lines().toList())
          .singleElement()
          .asString()
          .startsWith("lenet5: cannot write the SavedModel under " + base + " (")
          .endsWith("); free some disk space or choose a writable export directory");
      assertThat(tree(base)).as("no version, no staging directory").isEmpty();
    }
  }

  /**
   * The real command line in a JVM whose heap cannot hold the dataset: one line names the
   * launcher's setting, exit code 2.
   */
  @Test
  void runningOutOfHeapNamesTheSettingToRaise() throws Exception {
    Process process =
        javaProcess("-Xmx40m", "train", "--epochs", "1", "--limit-train", "256", "--no-export",
            "--no-progress", "--output", dir.resolve("run").toString())
            .redirectErrorStream(false)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String stderr =
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(stderr).isEqualTo(2);
    assertThat(userLines(stderr))
        .singleElement()
        .asString()
        .matches("lenet5: out of Java heap while (training|running lenet5 train) \\(the heap may"
            + " grow to [0-9]+ MB\\); give it more with LENET5_JAVA_OPTS=-Xmx2g \\(./lenet5"
            + " starts Java with -Xmx768m unless told otherwise\\)");
  }

  /**
   * SIGTERM (as {@code kill} sends it) and SIGINT (Ctrl-C) during the second epoch: one line
   * says which checkpoint is saved and the resume command, the exit code is the signal's, and the
   * command it names continues the run to its end.
   */
  @ParameterizedTest(name = "SIG{0}")
  @CsvSource({"TERM, 143", "INT, 130"})
  void aSignalDuringTrainingSaysWhatWasSavedAndHowToResume(String signal, int exitCode)
      throws Exception {
    Assumptions.assumeFalse(
        signal.equals("INT") && ignoresSigint(),
        "this JVM was started with SIGINT ignored, which its children inherit");
    Path run = dir.resolve("run");
    Process process =
        javaProcess("-Xmx768m", "train", "--epochs", "3", "--limit-train", "3200",
                "--log-every", "5", "--no-export", "--output", run.toString())
            .redirectError(dir.resolve("stderr.txt").toFile())
            .start();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null && !line.startsWith("Epoch [2/3], Step [25/50]")) {
        // Wait until the second epoch is half done.
      }
      assertThat(line).as("the child process reached epoch 2").isNotNull();
      Process kill =
          new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start();
      assertThat(kill.waitFor()).isZero();
      lines.transferTo(Writer.nullWriter());
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String stderr = Files.readString(dir.resolve("stderr.txt"));

    assertThat(process.exitValue()).as(stderr).isEqualTo(exitCode);
    assertThat(userLines(stderr))
        .containsExactly(
            "lenet5: interrupted; saved: " + run.resolve("checkpoints").resolve("epoch-0001")
                + " (epoch 1 of 3); continue with ./lenet5 train --resume " + run);

    assertThat(run("train", "--resume", run.toString(), "--no-export", "--no-progress"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("Resuming from " + run.resolve("checkpoints")
        .resolve("epoch-0001"), "Accuracy of the network");
  }

  private ProcessBuilder javaProcess(String heap, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(heap);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Lenet5Command.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    return builder;
  }

  /** Standard error without TensorFlow's native log and the log's [INFO] lines. */
  private static List<String> userLines(String stderr) {
    return stderr.lines()
        .filter(line -> !line.isBlank())
        .filter(line -> !NATIVE_LOG.matcher(line).find())
        .filter(line -> !line.startsWith("[INFO] "))
        .toList();
  }

  /** Whether SIGINT is ignored in this process (bit 2 of SigIgn in /proc/self/status). */
  private static boolean ignoresSigint() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return false;
    }
    return Files.readAllLines(status).stream()
        .filter(line -> line.startsWith("SigIgn:"))
        .map(line -> Long.parseUnsignedLong(line.substring(7).trim(), 16))
        .anyMatch(mask -> (mask & (1L << 1)) != 0);
  }

  /** Every path below {@code root}, relative to it; empty if it does not exist. */
  private static List<String> tree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(path -> !path.equals(root))
          .map(path -> root.relativize(path).toString())
          .toList();
    }
  }
}
