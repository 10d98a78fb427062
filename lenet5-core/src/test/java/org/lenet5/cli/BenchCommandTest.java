package org.lenet5.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The benchmark's mechanics on a tiny run: the table and the JSON carry every figure. */
class BenchCommandTest {

  @TempDir Path dir;

  @Test
  void printsTheTableAndWritesEveryFigureAsJson() throws IOException {
    Path json = dir.resolve("bench.json");
    StringWriter out = new StringWriter();
    CommandLine commandLine = Lenet5Command.commandLine();
    commandLine.setOut(new PrintWriter(out, true));

    int exitCode =
        commandLine.execute(
            "bench", "--limit-train", "640", "--warmup-epochs", "1", "--epochs", "2",
            "--json", json.toString());

    assertThat(exitCode).isZero();
    assertThat(out.toString())
        .contains("training, seconds per epoch (median)", "training time to 99.0 % test accuracy",
            "inference, images/s at batch 1000",
            "single image latency p50 / p99", "peak resident memory", "Figures written to " + json);
    Map<String, Object> figures = JSON.std.mapFrom(Files.readString(json));
    assertThat((List<?>) figures.get("epochSeconds")).hasSize(2);
    assertThat(((Number) figures.get("trainImages")).intValue()).isEqualTo(640);
    assertThat(((Map<?, ?>) figures.get("inferenceImagesPerSecond")).keySet().toString())
        .isEqualTo("[batch1, batch64, batch1000]");
    assertThat(((Number) figures.get("peakResidentBytes")).longValue()).isPositive();
    assertThat(((Number) figures.get("testAccuracy")).doubleValue()).isBetween(0.0, 1.0);
    // Three epochs on 640 images stay far below 99 %: the figure is there, and empty.
    assertThat(figures).containsEntry("secondsTo99", null);
  }

  /** Each seed trained once: its row, the summary, the JSON; a seed given twice agrees. */
  @Test
  void aSeedSweepPrintsARowPerSeedAndTheSameSeedTwiceGivesTheSameFigures() throws IOException {
    Path json = dir.resolve("seeds.json");
    StringWriter out = new StringWriter();
    CommandLine commandLine = Lenet5Command.commandLine();
    commandLine.setOut(new PrintWriter(out, true));

    int exitCode =
        commandLine.execute(
            "bench", "--seeds", "3,3,4", "--epochs", "2", "--limit-train", "640",
            "--json", json.toString());

    assertThat(exitCode).isZero();
    assertThat(out.toString())
        .contains("Recipe reference on the first 640 images, seeds 3, 3, 4")
        .contains("final accuracy over 3 seeds: mean ");
    Map<String, Object> figures = JSON.std.mapFrom(Files.readString(json));
    List<?> seeds = (List<?>) figures.get("seeds");
    assertThat(seeds).hasSize(3);
    Map<?, ?> first = (Map<?, ?>) seeds.get(0);
    Map<?, ?> again = (Map<?, ?>) seeds.get(1);
    assertThat(again.get("finalAccuracy")).isEqualTo(first.get("finalAccuracy"));
    assertThat(again.get("bestEpoch")).isEqualTo(first.get("bestEpoch"));
    assertThat(((Number) first.get("bestEpoch")).intValue()).isBetween(1, 2);
    assertThat(((Number) figures.get("minFinalAccuracy")).doubleValue())
        .isLessThanOrEqualTo(((Number) figures.get("maxFinalAccuracy")).doubleValue());
  }

  @Test
  void writesItsJsonIntoANewRunDirectoryByDefault() throws IOException {
    Path first = BenchCommand.defaultJson(dir);
    Files.createDirectories(first.getParent());
    Path second = BenchCommand.defaultJson(dir);

    assertThat(first.getFileName()).hasToString("bench.json");
    assertThat(first.getParent().getParent()).isEqualTo(dir);
    assertThat(second.getParent()).isNotEqualTo(first.getParent());
  }
}
