package org.lenet5.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.jr.ob.JSON;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lenet5.TestData;
import org.lenet5.TrainedModels;
import org.lenet5.data.Dataset;
import org.lenet5.data.DatasetFiles;
import org.lenet5.data.IdxReader;
import org.lenet5.data.LabeledImages;
import org.lenet5.device.TensorFlowPlatform;
import picocli.CommandLine;

class Lenet5CommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = Lenet5Command.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void everyCommandHasHelp() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString())
        .contains("train", "evaluate", "predict", "check-serving", "download", "Exit codes");
    for (String command :
        new String[] {"train", "evaluate", "predict", "check-serving", "download"}) {
      assertThat(run(command, "--help")).isZero();
    }
    assertThat(out.toString())
        .contains("--epochs=N", "(default: 10)", "(default: 64)", "(default: 0.001)")
        .contains("--limit-train=N", "--data-dir=DIR", "--model=DIR", "--export-dir=DIR");
    // Help texts wrap where the words fall.
    assertThat(out.toString().replaceAll("\\s+", " ")).contains("a dark digit on light paper");
  }

  @Test
  void theCommandListShowsWholeSentences() {
    // picocli lists each command with the first line of its description only.
    assertThat(run("--help")).isZero();
    String list = out.toString().substring(out.toString().indexOf("Commands:"));
    Matcher entries =
        Pattern.compile(
                "(train|evaluate|predict|check-serving|download|bench) ([A-Z].*?)"
                    + "(?= (?:train|evaluate|predict|check-serving|download|bench) [A-Z]"
                    + "| Exit codes:)")
            .matcher(list.replaceAll("\\s+", " "));
    List<String> summaries = new ArrayList<>();
    while (entries.find()) {
      summaries.add(entries.group(2));
    }
    assertThat(summaries).hasSize(6).allSatisfy(summary -> assertThat(summary).endsWith("."));
  }

  @ParameterizedTest
  @ValueSource(strings = {"train", "evaluate", "predict", "check-serving", "download", "bench"})
  void everyOptionsDescriptionContinuesAlignedUnderItsFirstLine(String command) {
    assertThat(run(command, "--help")).isZero();
    String[] lines = out.toString().split("\\R");
    // The description column: where an option's description starts on the option's own line.
    Pattern optionLine = Pattern.compile("^( +-[^ ]+(?:, -[^ ]+)? {2,})[^ ]");
    int column = -1;
    for (String line : lines) {
      Matcher option = optionLine.matcher(line);
      if (option.find()) {
        column = option.group(1).length();
        break;
      }
    }
    assertThat(column).isPositive();
    // In that column a description starts only below an option name too long to share its line;
    // picocli indents the lines it wraps by two more.
    List<String> misaligned = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      boolean nameAlone = lines[i - 1].trim().matches("-[^ ]+(, -[^ ]+)?");
      if (lines[i].matches(" {" + column + "}[^ ].*") && !nameAlone) {
        misaligned.add(lines[i]);
      }
    }
    assertThat(misaligned).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"train", "evaluate", "predict", "check-serving", "download", "bench"})
  void everyCommandHasVersion(String command) {
    assertThat(run(command, "--version")).isZero();
    assertThat(out.toString())
        .startsWith("lenet5 ")
        .containsPattern("(?m)^TensorFlow 2\\.[0-9.]+ on " + TensorFlowPlatform.current() + "$");
  }

  static Stream<Arguments> badUsage() {
    return Stream.of(
        Arguments.of(new String[] {"train", "--epochs", "0"},
            "lenet5: invalid value for --epochs: must be between 1 and 10000, got 0"),
        Arguments.of(new String[] {"train", "--epochs", "abc"},
            "lenet5 train: Invalid value for option '--epochs': 'abc' is not an int"),
        Arguments.of(new String[] {"train", "--batch-size", "-1"},
            "lenet5: invalid value for --batch-size: must be between 1 and 60000, got -1"),
        Arguments.of(new String[] {"train", "--learning-rate", "NaN"},
            "lenet5: invalid value for --learning-rate: must be a number greater than 0"),
        Arguments.of(new String[] {"train", "--learning-rate", "1e9"},
            "lenet5: invalid value for --learning-rate: must be a number greater than 0"),
        Arguments.of(new String[] {"train", "--limit-train", "-5"},
            "lenet5: invalid value for --limit-train: must be at least 0, got -5"),
        Arguments.of(new String[] {"train", "--dataset", "cifar"},
            "lenet5: --dataset: 'cifar' is neither a built-in dataset (mnist, fashion-mnist) nor an"
                + " existing directory"),
        Arguments.of(new String[] {"train", "--data-dir", "/nonexistent/mnist"},
            "lenet5: data directory /nonexistent/mnist does not exist"),
        Arguments.of(new String[] {"train", "--device", "gpu"},
            "lenet5: the device gpu needs TensorFlow's GPU build, and this is the CPU build;"),
        Arguments.of(new String[] {"train", "--device", "tpu"},
            "lenet5: invalid value for --device: must be auto, cpu, gpu or gpu:N"),
        Arguments.of(new String[] {"train", "--recipe", "fast"},
            "lenet5: invalid value for --recipe: 'fast' is not a recipe; choose one of reference,"
                + " augmented"),
        Arguments.of(new String[] {"train", "--variant", "x"},
            "lenet5: invalid value for --variant: 'x' is not a model variant; choose one of"
                + " reference, no-batchnorm, classic"),
        Arguments.of(new String[] {"train", "--keep", "x"},
            "lenet5: invalid value for --keep: 'x' is not a choice of weights; choose last or"
                + " best"),
        Arguments.of(new String[] {"bench", "--seeds", "1-x"},
            "lenet5 bench: Invalid value for option '--seeds' (LIST): '1-x' is not a list of seeds;"),
        Arguments.of(new String[] {"train", "--gpu-memory-fraction", "1.5"},
            "lenet5: invalid value for --gpu-memory-fraction: must be a number from 0 to 1"),
        Arguments.of(new String[] {"train", "--no-such-option"},
            "lenet5 train: Unknown option: '--no-such-option'"),
        Arguments.of(new String[] {"evaluate"},
            "lenet5 evaluate: Missing required option: '--model=DIR'"),
        Arguments.of(new String[] {"evaluate", "--model", "/nonexistent/run"},
            "lenet5: /nonexistent/run does not exist; pass a model directory exported by"),
        Arguments.of(new String[] {"predict", "--model", "/nonexistent/models", "x.png"},
            "lenet5: /nonexistent/models does not exist; pass a model directory"),
        Arguments.of(new String[] {"predict", "--model", "/nonexistent/models"},
            "lenet5 predict: Missing required parameter: 'FILE'"),
        Arguments.of(new String[] {}, "lenet5: missing command"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badUsage")
  void badUsageGetsOneLineAndExitCodeTwo(String[] args, String message) {
    assertThat(run(args)).as(Arrays.toString(args)).isEqualTo(2);

    assertThat(err.toString().lines()).hasSize(1).first().asString().startsWith(message);
  }

  @Test
  void aTruncatedDataFileGetsOneLineAndExitCodeTwo() throws IOException {
    DatasetFiles files = TestData.mnistFiles();
    for (Dataset.DatasetFile file : Dataset.MNIST.files()) {
      byte[] content = IdxReader.readContent(files.path(file));
      if (file.equals(Dataset.MNIST.trainImages())) {
        content = Arrays.copyOf(content, content.length - 100);
      }
      Files.write(dir.resolve(file.name()), content);
    }

    assertThat(run("train", "--data-dir", dir.toString(), "--output", dir.resolve("run").toString()))
        .isEqualTo(2);
    assertThat(err.toString().lines()).hasSize(1).first().asString()
        .contains("train-images-idx3-ubyte is truncated");
    assertThat(dir.resolve("run").resolve("checkpoint")).doesNotExist();
  }

  @Test
  void quietPrintsOnlyTheOutcomeAndLogsGetPlainLines() {
    assertThat(run("train", "--epochs", "1", "--limit-train", "640", "--no-export", "--quiet",
        "--output", dir.resolve("quiet").toString())).isZero();

    assertThat(out.toString().lines().toList())
        .hasSize(4)
        .satisfies(lines -> {
          assertThat(lines.get(0)).startsWith("Accuracy of the network on the 10000 test images:");
          assertThat(lines.get(1)).startsWith("Trained weights: ");
          assertThat(lines.get(2)).startsWith("Total time: ");
          assertThat(lines.get(3)).startsWith("Report: ");
        });

    out.getBuffer().setLength(0);
    // Not a terminal: the reference's plain loss lines, no progress bar.
    assertThat(run("train", "--epochs", "1", "--limit-train", "640", "--no-export",
        "--log-every", "5", "--output", dir.resolve("plain").toString())).isZero();
    assertThat(out.toString()).contains("Epoch [1/1], Step [5/10], Loss: ").doesNotContain("%[");
  }

  @Test
  void anOutputPathThatIsAFileGetsOneLineAndExitCodeTwo() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "taken");

    assertThat(run("train", "--limit-train", "64", "--epochs", "1", "--output", file.toString()))
        .isEqualTo(2);
    assertThat(err.toString().lines()).hasSize(1).first().asString().contains("is a file");
  }

  /** evaluate scores a model on the dataset it records; naming another is one line, exit 2. */
  @Test
  void aFashionModelEvaluatesOnFashionUnaskedAndRefusesDigits() {
    Path models = dir.resolve("models");
    assertThat(run("train", "--dataset", "fashion-mnist", "--epochs", "1", "--limit-train", "640",
        "-q", "-o", dir.resolve("run").toString(), "--export-dir", models.toString()))
        .as(err.toString()).isZero();
    String trained = out.toString().lines()
        .filter(line -> line.startsWith("Accuracy of the network")).findFirst().orElseThrow();
    out.getBuffer().setLength(0);

    assertThat(run("evaluate", "--model", models.toString())).as(err.toString()).isZero();
    assertThat(out.toString().trim()).isEqualTo(trained);
    assertThat(run("evaluate", "--model", dir.resolve("run").toString())).isZero();

    assertThat(run("evaluate", "--model", models.toString(), "--dataset", "mnist")).isEqualTo(2);
    assertThat(err.toString().trim())
        .isEqualTo("lenet5: --dataset mnist does not fit " + models + ": it was trained on"
            + " fashion-mnist; leave --dataset out to evaluate it on fashion-mnist");
  }

  /** A named recipe's values, with the options given explicitly over them, in the report. */
  @Test
  void aNamedRecipeIsTheStartAndOptionsGivenOverrideIt() throws IOException {
    Path run = dir.resolve("run");
    int exitCode =
        run("train", "--recipe", "augmented", "--epochs", "1", "--limit-train", "640",
            "--no-export", "-q", "-o", run.toString());

    assertThat(exitCode).as(err.toString()).isZero();
    Map<String, Object> report =
        JSON.std.mapFrom(Files.readString(run.resolve("report/report.json")));
    Map<?, ?> config = (Map<?, ?>) report.get("config");
    assertThat(config.get("augment")).isEqualTo(true);
    assertThat(config.get("epochs")).isEqualTo(1);
    assertThat(config.get("limitTrain")).isEqualTo(640);
    assertThat(((Number) config.get("learningRate")).doubleValue()).isCloseTo(0.002, within(1e-7));
    assertThat(((Number) config.get("learningRateDecay")).doubleValue())
        .isCloseTo(0.9, within(1e-7));
  }

  @Test
  void trainsExportsEvaluatesAndPredicts() throws IOException {
    Path runDir = dir.resolve("run");
    Path models = dir.resolve("models");
    int trained =
        run("train", "--epochs", "1", "--limit-train", "1280", "--log-every", "10",
            "--output", runDir.toString(), "--export-dir", models.toString());

    assertThat(trained).as(err.toString()).isZero();
    String[] lines = out.toString().split("\n");
    assertThat(lines).anyMatch(line -> line.startsWith("Trainable parameters: 61,750"));
    assertThat(lines).contains("Epoch [1/1], Step [10/20], Loss: " + lossAt(lines, 10));
    String accuracy =
        Arrays.stream(lines)
            .filter(line -> line.startsWith("Accuracy of the network on the 10000 test images: "))
            .findFirst()
            .orElseThrow();
    assertThat(lines)
        .contains("Trained weights: " + runDir.resolve("checkpoint"))
        .contains("SavedModel: " + models.resolve("1"));

    for (Path model : new Path[] {models, models.resolve("1"), runDir}) {
      out.getBuffer().setLength(0);
      assertThat(run("evaluate", "--model", model.toString())).isZero();
      assertThat(out.toString().strip()).as("evaluate %s", model).isEqualTo(accuracy);
    }

    Path image = dir.resolve("first-test-image.png");
    writePng(TestData.mnist().test().images().pixels(), image);
    Path notAnImage = Files.writeString(dir.resolve("notes.png"), "not a picture");
    out.getBuffer().setLength(0);
    assertThat(run("predict", "--model", models.toString(), image.toString())).isZero();
    assertThat(out.toString().strip()).matches(".*first-test-image.png: \\d \\(\\d+\\.\\d %\\)");

    out.getBuffer().setLength(0);
    assertThat(run("predict", "--json", "--model", models.toString(), image.toString())).isZero();
    List<Object> results = JSON.std.listFrom(out.toString());
    assertThat(results).hasSize(1);
    Map<?, ?> result = (Map<?, ?>) results.get(0);
    assertThat(result.get("file")).isEqualTo(image.toString());
    assertThat((List<?>) result.get("probabilities")).hasSize(10);

    assertThat(run("predict", "--model", models.toString(), notAnImage.toString())).isEqualTo(2);
    assertThat(err.toString().lines()).hasSize(1).first().asString()
        .contains("notes.png is not an image");
  }

  @Test
  void predictGivesRealTestImagesAsPngsTheirLabels() throws IOException {
    Path model = TrainedModels.quick().savedModel().orElseThrow();
    LabeledImages test = TestData.mnist().test();
    List<String> args = new ArrayList<>(List.of("predict", "--model", model.toString()));
    for (int i = 0; i < 20; i++) {
      Path png = dir.resolve("test-" + i + ".png");
      writePng(Arrays.copyOfRange(test.images().pixels(), i * 784, (i + 1) * 784), png);
      args.add(png.toString());
    }

    assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();

    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(20);
    int correct = 0;
    for (int i = 0; i < 20; i++) {
      assertThat(lines.get(i)).startsWith(dir.resolve("test-" + i + ".png") + ": ");
      int predicted = Integer.parseInt(lines.get(i).split(": ")[1].substring(0, 1));
      if (predicted == test.labels()[i]) {
        correct++;
      }
    }
    // A model trained for seconds on 3,200 images: most, not all, must be right.
    assertThat(correct).isGreaterThanOrEqualTo(18);
  }

  @Test
  void evaluateOnAnUnfinishedRunPointsAtItsNewestEpochCheckpoint() throws IOException {
    Path run = TrainedModels.interruptedRun(dir.resolve("interrupted"));
    Path epoch = run.resolve("checkpoints/epoch-0001");

    assertThat(run("evaluate", "--model", run.toString())).isEqualTo(2);
    assertThat(err.toString().lines()).hasSize(1).first().asString()
        .isEqualTo("lenet5: " + run + " is a run that did not finish: it has no final checkpoint"
            + " and no SavedModel; evaluate its newest epoch checkpoint (./lenet5 evaluate --model "
            + epoch + ") or finish the run (./lenet5 train --resume " + run + ")");

    assertThat(run("evaluate", "--model", epoch.toString())).isZero();
    assertThat(out.toString()).startsWith("Accuracy of the network on the 10000 test images: ");
  }

  @Test
  void theFixForARunDirectoryInUseOrNothingToResumeNamesTheOptions() {
    Path run = TrainedModels.interruptedRun(dir.resolve("interrupted"));

    assertThat(run("train", "--no-export", "--output", run.toString())).isEqualTo(2);
    assertThat(err.toString().lines()).hasSize(1).first().asString()
        .isEqualTo("lenet5: the output directory " + run + " holds checkpoints of an earlier run;"
            + " resume it (./lenet5 train --resume " + run + "), or choose another --output");

    err.getBuffer().setLength(0);
    Path empty = dir.resolve("empty");
    assertThat(run("train", "--no-export", "--resume", empty.toString())).isEqualTo(2);
    assertThat(err.toString().lines()).hasSize(1).first().asString()
        .isEqualTo("lenet5: nothing to resume: " + empty.resolve("checkpoints") + " holds no"
            + " complete checkpoint; start a new run without --resume");
  }

  private static void writePng(byte[] pixels, Path file) throws IOException {
    BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        image.getRaster().setSample(x, y, 0, pixels[y * 28 + x] & 0xff);
      }
    }
    ImageIO.write(image, "png", file.toFile());
  }

  private static String lossAt(String[] lines, int step) {
    String prefix = "Epoch [1/1], Step [" + step + "/20], Loss: ";
    String line =
        Arrays.stream(lines).filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    String loss = line.substring(prefix.length());
    assertThat(loss).matches("\\d+\\.\\d{4}");
    return loss;
  }
}
