package org.lenet5;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lenet5.train.ConsoleReport;
import org.lenet5.train.Trainer;
import org.lenet5.train.TrainingConfig;
import org.lenet5.train.TrainingResult;

/** The README's library example, compiled and run exactly as it is printed there. */
class ReadmeExampleTest {

  private static final String BEGIN = "// README example begin\n";
  private static final String END = "// README example end\n";

  @Test
  void theReadmeShowsThisVeryExample() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    String source =
        Files.readString(
            Path.of("src/test/java/org/lenet5/ReadmeExampleTest.java"), StandardCharsets.UTF_8);

    assertThat(readme).contains(unindent(between(source)));
  }

  @Test
  void theExampleTrainsAModel() throws IOException {
    // A run directory refuses a second, unrelated run; start from a clean one as a reader would.
    DirectoryTrees.delete(Path.of("target", "quick-run"));

    // README example begin
    TrainingConfig config = TrainingConfig.builder()
        .epochs(1)
        .limitTrain(10_000)
        .outputDir(Path.of("target", "quick-run"))
        .build();
    TrainingResult result = new Trainer(config)
        .addListener(new ConsoleReport(System.out::println))
        .train();
    System.out.printf("Test accuracy: %.2f %%%n", 100 * result.testAccuracy());
    System.out.println("Weights saved in " + result.checkpoint());
    // README example end

    assertThat(result.testAccuracy()).isGreaterThan(0.9);
    assertThat(result.checkpoint().resolve("model.index")).isRegularFile();
  }

  private static String between(String source) {
    int begin = source.indexOf(BEGIN, source.indexOf("void theExampleTrainsAModel"));
    int end = source.indexOf(END, begin);
    String block = source.substring(begin + BEGIN.length(), end);
    return block.substring(0, block.lastIndexOf('\n') + 1);
  }

  private static String unindent(String block) {
    StringBuilder text = new StringBuilder();
    block.lines().forEach(line -> text.append(line.replaceFirst("^ {4}", "")).append('\n'));
    return text.toString();
  }
}
