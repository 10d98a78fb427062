package org.lenet5.report;

import com.fasterxml.jackson.jr.ob.JSON;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.lenet5.Lenet5Exception;
import org.lenet5.data.LabeledImages;
import org.lenet5.model.Evaluation;
import org.lenet5.train.ConsoleReport;
import org.lenet5.train.EpochResult;
import org.lenet5.train.Recipe;
import org.lenet5.train.RecipeParameter;
import org.lenet5.train.TrainingListener;
import org.lenet5.train.TrainingResult;
import org.lenet5.train.TrainingStart;
import org.tensorflow.TensorFlow;

/**
 * Writes a report of a finished run into {@code <run>/report/}: {@code report.json} (configuration,
 * per-epoch figures, test accuracy, environment), {@code learning-curves.png} (the loss of every
 * step and each epoch's mean), {@code confusion-matrix.png}, {@code misclassified.png} (test images
 * the model got wrong, with true and predicted classes) and {@code report.md}, which shows them
 * together.
 */
public final class RunReport implements TrainingListener {

  /** The report's directory inside the run directory. */
  public static final String DIR = "report";

  private static final int GRID = 6;
  private static final int CELL = 28 * 3;
  private static final int CAPTION = 18;

  private final Consumer<String> out;
  private final List<Float> stepLosses = new ArrayList<>();
  private TrainingStart start;

  /** A report that announces where it was written through {@code out}. */
  public RunReport(Consumer<String> out) {
    this.out = out;
  }

  @Override
  public void onTrainingStart(TrainingStart start) {
    this.start = start;
  }

  @Override
  public void onStep(int epoch, int step, float loss) {
    stepLosses.add(loss);
  }

  @Override
  public void onTrainingEnd(TrainingResult result) {
    Path dir = result.outputDir().resolve(DIR);
    try {
      Files.createDirectories(dir);
      int[][] confusion = result.evaluation().confusion();
      writeJson(dir.resolve("report.json"), result, confusion);
      savePng(learningCurves(result), dir.resolve("learning-curves"));
      savePng(confusionChart(confusion, result.data().classNames()),
          dir.resolve("confusion-matrix"));
      ImageIO.write(
          misclassified(result.testImages(), result.evaluation(), result.data().classNames()),
          "png",
          dir.resolve("misclassified.png").toFile());
      Files.writeString(dir.resolve("report.md"), markdown(result));
    } catch (IOException e) {
      throw new Lenet5Exception(
          "cannot write the run report to " + dir + " (" + e.getMessage() + ")", e);
    }
    out.accept("Report: " + dir.resolve("report.md"));
  }

  private void writeJson(Path file, TrainingResult result, int[][] confusion)
      throws IOException {
    Recipe trained = result.recipe();
    Map<String, Object> report = new LinkedHashMap<>();
    Map<String, Object> recipe = new LinkedHashMap<>();
    for (RecipeParameter parameter : RecipeParameter.values()) {
      recipe.put(parameter.id(), parameter.valueIn(trained));
    }
    report.put("config", recipe);
    List<Map<String, Object>> epochs = new ArrayList<>();
    for (EpochResult epoch : result.epochs()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("epoch", epoch.epoch());
      row.put("meanLoss", epoch.meanLoss());
      row.put("seconds", epoch.seconds());
      row.put("imagesPerSecond", epoch.imagesPerSecond());
      row.put("residentBytes", epoch.residentBytes());
      epoch.testAccuracy().ifPresent(accuracy -> row.put("testAccuracy", accuracy));
      epoch.testLoss().ifPresent(loss -> row.put("testLoss", loss));
      epochs.add(row);
    }
    report.put("epochs", epochs);
    report.put("epochsTrained", result.epochs().size());
    report.put("stoppedEarly", result.stoppedEarly());
    report.put("keptEpoch", result.keptEpoch());
    report.put("testAccuracy", result.testAccuracy());
    report.put("testCorrect", result.evaluation().correct());
    report.put("testTotal", result.evaluation().total());
    List<List<Integer>> matrix = new ArrayList<>();
    for (int[] row : confusion) {
      List<Integer> counts = new ArrayList<>();
      for (int count : row) {
        counts.add(count);
      }
      matrix.add(counts);
    }
    report.put("confusionMatrix", matrix);
    report.put("classNames", result.data().classNames());
    report.put("seconds", result.seconds());
    Map<String, Object> environment = new LinkedHashMap<>();
    environment.put("tensorflow", TensorFlow.version());
    environment.put("java", System.getProperty("java.version"));
    environment.put("device", start == null ? "unknown" : start.placement().device().shortName());
    environment.put("threads", Runtime.getRuntime().availableProcessors());
    report.put("environment", environment);
    report.put("checkpoint", result.checkpoint().toString());
    result.savedModel().ifPresent(model -> report.put("savedModel", model.toString()));
    Files.writeString(file, JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(report));
  }

  /** Saves a chart as {@code <pathWithoutExtension>.png}. */
  private static void savePng(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart,
      Path pathWithoutExtension) throws IOException {
    BitmapEncoder.saveBitmap(chart, pathWithoutExtension.toString(),
        BitmapEncoder.BitmapFormat.PNG);
  }

  private XYChart learningCurves(TrainingResult result) {
    // Each epoch is scored on the validation images when the run holds some out.
    String scored = result.recipe().validationSplit() > 0 ? "validation" : "test";
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(500)
            .title("Training loss and " + scored + " accuracy")
            .xAxisTitle("epoch")
            .yAxisTitle("cross-entropy loss")
            .build();
    int epochs = result.epochs().size();
    int steps = stepLosses.size();
    if (steps > 0 && epochs > 0) {
      double[] x = new double[steps];
      double[] y = new double[steps];
      // The steps are this process's: a resumed run's begin after the resumed epochs.
      double firstEpoch = start == null ? 0 : start.firstEpoch() - 1;
      double lastEpoch = result.epochs().get(epochs - 1).epoch();
      for (int i = 0; i < steps; i++) {
        x[i] = firstEpoch + (i + 1) * (lastEpoch - firstEpoch) / steps;
        y[i] = stepLosses.get(i);
      }
      chart.addSeries("loss of each step", x, y).setMarker(SeriesMarkers.NONE);
    }
    double[] epochX = new double[epochs];
    double[] epochY = new double[epochs];
    for (int i = 0; i < epochs; i++) {
      epochX[i] = result.epochs().get(i).epoch();
      epochY[i] = result.epochs().get(i).meanLoss();
    }
    chart.addSeries("mean loss of the epoch", epochX, epochY);
    List<Double> accuracyX = new ArrayList<>();
    List<Double> accuracyY = new ArrayList<>();
    for (EpochResult epoch : result.epochs()) {
      epoch.testAccuracy().ifPresent(accuracy -> {
        accuracyX.add((double) epoch.epoch());
        accuracyY.add(100 * accuracy);
      });
    }
    if (!accuracyX.isEmpty()) {
      chart.addSeries(scored + " accuracy after the epoch (right axis)", accuracyX, accuracyY)
          .setYAxisGroup(1);
      chart.setYAxisGroupTitle(1, scored + " accuracy (%)");
      chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
    }
    // Whole epochs on the axis, from the start of training.
    chart.getStyler().setXAxisMin(0.0);
    chart.getStyler().setXAxisDecimalPattern("0.#");
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    return chart;
  }

  private static HeatMapChart confusionChart(int[][] confusion, List<String> names) {
    HeatMapChart chart =
        new HeatMapChartBuilder()
            .width(800)
            .height(700)
            .title("Confusion matrix (test set): rows true, columns predicted")
            .build();
    List<Number[]> cells = new ArrayList<>();
    for (int truth = 0; truth < confusion.length; truth++) {
      for (int predicted = 0; predicted < confusion.length; predicted++) {
        cells.add(new Number[] {predicted, truth, confusion[truth][predicted]});
      }
    }
    chart.getStyler().setShowValue(true);
    chart.getStyler().setMin(0);
    chart.addSeries("count", names, names, cells);
    return chart;
  }

  private static BufferedImage misclassified(
      LabeledImages test, Evaluation evaluation, List<String> names) {
    BufferedImage grid =
        new BufferedImage(GRID * CELL, GRID * (CELL + CAPTION), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = grid.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      int shown = 0;
      for (int i = 0; i < evaluation.total() && shown < GRID * GRID; i++) {
        int truth = evaluation.labels()[i];
        int predicted = evaluation.predictions()[i];
        if (truth == predicted) {
          continue;
        }
        int x = (shown % GRID) * CELL;
        int y = (shown / GRID) * (CELL + CAPTION);
        for (int py = 0; py < 28; py++) {
          for (int px = 0; px < 28; px++) {
            int level = test.images().pixels()[i * 784 + py * 28 + px] & 0xff;
            g.setColor(new Color(level, level, level));
            g.fillRect(x + px * 3, y + py * 3, 3, 3);
          }
        }
        g.setColor(Color.BLACK);
        g.drawString(
            shorten(names.get(truth)) + " -> " + shorten(names.get(predicted)),
            x + 2, y + CELL + CAPTION - 5);
        shown++;
      }
    } finally {
      g.dispose();
    }
    return grid;
  }

  private static String shorten(String name) {
    return name.length() > 7 ? name.substring(0, 6) + "." : name;
  }

  private static String markdown(TrainingResult result) {
    StringBuilder md = new StringBuilder();
    Recipe trained = result.recipe();
    md.append("# LeNet5 run report\n\n");
    md.append(String.format(Locale.ROOT,
        "%s, variant %s%s, %d epochs, batch %d, Adam lr %s%s, seed %d%s.%n%n",
        trained.dataset().id(), trained.variant().id(), trained.augment() ? ", augmented" : "",
        trained.epochs(), trained.batchSize(), trained.learningRate(),
        trained.learningRateDecay() < 1 ? " x" + trained.learningRateDecay() + " per epoch" : "",
        trained.seed(), trained.limitTrain() > 0 ? ", first " + trained.limitTrain() + " images"
            : ""));
    md.append(String.format(Locale.ROOT, "**%s** (%d of %d), %.1f s in all.%n%n",
        result.evaluation().accuracyLine(), result.evaluation().correct(),
        result.evaluation().total(), result.seconds()));
    ConsoleReport.outcome(result).ifPresent(line -> md.append(line).append(".\n\n"));
    md.append(
        trained.validationSplit() > 0
            ? "| epoch | mean loss | validation accuracy | seconds | images/s |\n"
            : "| epoch | mean loss | test accuracy | seconds | images/s |\n");
    md.append("| --- | --- | --- | --- | --- |\n");
    for (EpochResult epoch : result.epochs()) {
      String accuracy =
          epoch.testAccuracy().isPresent()
              ? String.format(Locale.ROOT, "%.2f %%", 100 * epoch.testAccuracy().getAsDouble())
              : "–";
      md.append(String.format(Locale.ROOT, "| %d | %.4f | %s | %.1f | %.0f |%n", epoch.epoch(),
          epoch.meanLoss(), accuracy, epoch.seconds(), epoch.imagesPerSecond()));
    }
    md.append("\n## Learning curves\n\n![learning curves](learning-curves.png)\n");
    md.append("\n## Confusion matrix\n\n![confusion matrix](confusion-matrix.png)\n\n");
    md.append("Per-class accuracy: ");
    List<String> names = result.data().classNames();
    double[] perClass = result.evaluation().perClassPercent();
    for (int c = 0; c < perClass.length; c++) {
      md.append(String.format(Locale.ROOT, "%s%s %s", c == 0 ? "" : ", ", names.get(c),
          Double.isNaN(perClass[c]) ? "– (no test images)"
              : String.format(Locale.ROOT, "%.1f %%", perClass[c])));
    }
    md.append(".\n\n## Misclassified test images (true -> predicted)\n\n");
    md.append("![misclassified](misclassified.png)\n");
    return md.toString();
  }
}
