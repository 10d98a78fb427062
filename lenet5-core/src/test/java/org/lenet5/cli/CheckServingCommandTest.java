package org.lenet5.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenet5.TrainedModels;
import org.lenet5.export.SavedModelExporter;
import picocli.CommandLine;

/** {@code lenet5 check-serving}: a line for a good export, exit code 2 and one line for a bad one. */
class CheckServingCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void aGoodExportGetsOneLineSayingWhatWouldBeServed() {
    Path base = dir.resolve("lenet5");
    SavedModelExporter.publishCopy(TrainedModels.quick().savedModel().orElseThrow(), base);

    int exitCode = run("check-serving", "--model", base.toString());

    assertThat(exitCode).isZero();
    assertThat(err.toString()).isEmpty();
    assertThat(out.toString()).isEqualTo(base + ": TensorFlow Serving would serve version 1; 10"
        + " warmup responses as recorded" + System.lineSeparator());
  }

  @Test
  void aBrokenExportFailsInOneLineWithExitCodeTwo() throws IOException {
    Path base = dir.resolve("lenet5");
    Path version =
        SavedModelExporter.publishCopy(TrainedModels.quick().savedModel().orElseThrow(), base);
    Files.delete(version.resolve(SavedModelExporter.LABELS));

    int exitCode = run("check-serving", "--model", version.toString());

    assertThat(exitCode).isEqualTo(Lenet5Command.USAGE).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().lines()).containsExactly("lenet5: " + version + " has no "
        + SavedModelExporter.LABELS + ": TensorFlow Serving would serve it, but clients could not"
        + " name the classes; export it again");
  }

  private int run(String... args) {
    CommandLine commandLine = Lenet5Command.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
