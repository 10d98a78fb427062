package org.lenet5.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenet5.train.Recipe;
import org.lenet5.train.RunSettings;
import org.lenet5.train.Trainer;
import org.lenet5.train.TrainingResult;

class RunReportTest {

  @TempDir Path dir;

  @Test
  void writesTheJsonThePlotsAndTheSummaryPage() throws IOException {
    List<String> lines = new ArrayList<>();
    TrainingResult result =
        new Trainer(
                Recipe.builder().epochs(2).limitTrain(1280).build(),
                RunSettings.builder().outputDir(dir).build())
            .addListener(new RunReport(lines::add))
            .train();
    Path report = dir.resolve("report");

    assertThat(lines).containsExactly("Report: " + report.resolve("report.md"));

    Map<String, Object> json = JSON.std.mapFrom(Files.readString(report.resolve("report.json")));
    List<?> epochs = (List<?>) json.get("epochs");
    assertThat(epochs).hasSize(2);
    for (int i = 0; i < 2; i++) {
      assertThat(((Number) ((Map<?, ?>) epochs.get(i)).get("testAccuracy")).doubleValue())
          .isEqualTo(result.epochs().get(i).testAccuracy().orElseThrow());
    }
    assertThat(result.epochs().get(1).testAccuracy()).hasValue(result.testAccuracy());
    assertThat(((Number) json.get("testCorrect")).intValue())
        .isEqualTo(result.evaluation().correct());
    List<?> matrix = (List<?>) json.get("confusionMatrix");
    int total = 0;
    int diagonal = 0;
    for (int truth = 0; truth < 10; truth++) {
      List<?> row = (List<?>) matrix.get(truth);
      for (int predicted = 0; predicted < 10; predicted++) {
        int count = ((Number) row.get(predicted)).intValue();
        total += count;
        diagonal += truth == predicted ? count : 0;
      }
    }
    assertThat(total).isEqualTo(10_000);
    assertThat(diagonal).isEqualTo(result.evaluation().correct());
    assertThat(((Map<?, ?>) json.get("environment")).get("tensorflow")).isEqualTo("2.18.0");

    for (String png : List.of("learning-curves.png", "confusion-matrix.png", "misclassified.png")) {
      BufferedImage image = ImageIO.read(report.resolve(png).toFile());
      assertThat(image).as(png).isNotNull();
      assertThat(image.getWidth()).as(png).isGreaterThan(400);
    }
    String markdown = Files.readString(report.resolve("report.md"));
    assertThat(markdown)
        .contains(result.evaluation().accuracyLine())
        .contains("![learning curves](learning-curves.png)")
        .contains("![confusion matrix](confusion-matrix.png)")
        .contains("![misclassified](misclassified.png)")
        .contains("| 2 |");
  }
}
