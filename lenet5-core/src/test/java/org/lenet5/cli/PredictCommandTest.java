package org.lenet5.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lenet5.TrainedModels;
import picocli.CommandLine;

/**
 * {@code predict} on a batch of real files from the committed image corpus, good ones among
 * missing, unreadable and blank ones: each gets its own answer, in order.
 */
class PredictCommandTest {

  private static final Path IMAGES = Path.of("src", "test", "resources", "images");
  private static final Path SEVEN = IMAGES.resolve("plain/00-7.png");
  private static final Path PALETTE_SEVEN = IMAGES.resolve("palette/00-7.png");
  private static final Path MISSING = IMAGES.resolve("no-such-file.png");
  private static final Path WEBP = IMAGES.resolve("refused/webp-magic.webp");
  private static final Path BLANK = IMAGES.resolve("blank/white.png");

  private final String model = TrainedModels.quick().savedModel().orElseThrow().toString();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void everyFileGetsItsOwnLineAndTheExitCodeSaysSomeFailed() {
    int exitCode = run("predict", "--model", model, SEVEN.toString(), MISSING.toString(),
        WEBP.toString(), BLANK.toString(), PALETTE_SEVEN.toString());

    assertThat(exitCode).isEqualTo(PredictCommand.SOME_FAILED).isEqualTo(3);
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).matches(SEVEN + ": 7 \\(\\d+\\.\\d %\\)");
    assertThat(lines.get(1)).isEqualTo(BLANK + ": no digit found (the image is uniform)");
    assertThat(lines.get(2)).matches(PALETTE_SEVEN + ": 7 \\(\\d+\\.\\d %\\)");
    assertThat(err.toString().lines().toList())
        .containsExactly(
            "lenet5: " + MISSING + " does not exist; pass image files (PNG, JPEG, GIF, BMP,"
                + " TIFF or WebP)",
            "lenet5: cannot decode the WEBP image " + WEBP + ": 0x0 pixels; the file is"
                + " damaged or truncated, save or download it again");
  }

  @Test
  void jsonHasAnObjectPerFileInOrder() throws IOException {
    int exitCode = run("predict", "--json", "--model", model, SEVEN.toString(),
        MISSING.toString(), BLANK.toString());

    assertThat(exitCode).isEqualTo(3);
    assertThat(err.toString()).isEmpty();
    List<Object> results = JSON.std.listFrom(out.toString());
    assertThat(results).hasSize(3);
    Map<?, ?> seven = (Map<?, ?>) results.get(0);
    assertThat(seven.get("file")).isEqualTo(SEVEN.toString());
    assertThat(seven.get("class")).isEqualTo(7);
    assertThat((List<?>) seven.get("probabilities")).hasSize(10);
    assertThat(asMap(results.get(1)))
        .containsEntry("file", MISSING.toString())
        .containsEntry("error", MISSING + " does not exist; pass image files (PNG, JPEG, GIF, BMP,"
            + " TIFF or WebP)");
    assertThat(asMap(results.get(2)))
        .containsEntry("file", BLANK.toString())
        .containsEntry("digitFound", false)
        .containsEntry("reason", "the image is uniform");
  }

  @Test
  void whenNoFileCanBeReadTheExitCodeIsTwo() {
    List<String> args = new ArrayList<>(List.of("predict", "--model", model));
    args.add(MISSING.toString());
    args.add(WEBP.toString());

    assertThat(run(args.toArray(String[]::new))).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().lines()).hasSize(2);
  }

  @Test
  void aBlankImageIsAnAnswerNotAFailure() {
    assertThat(run("predict", "--model", model, BLANK.toString())).isZero();
    assertThat(out.toString().strip()).endsWith("white.png: no digit found (the image is uniform)");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object json) {
    return (Map<String, Object>) json;
  }

  private int run(String... args) {
    CommandLine commandLine = Lenet5Command.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
