package org.lenet5.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lenet5.TestData;
import org.lenet5.TrainedModels;
import org.lenet5.data.Dataset;
import org.lenet5.data.DatasetFiles;
import org.lenet5.data.IdxReader;
import org.lenet5.data.ImageFolders;
import org.lenet5.export.SavedModelExporter;
import org.lenet5.inference.ImageCorpus;
import picocli.CommandLine;

/**
 * The bad-input catalogue of docs/troubleshooting.md, through the command line: each case gets
 * exit code 2, one line that says what is wrong, and leaves no output behind.
 */
class BadInputCatalogueTest {

  @TempDir Path dir;

  /** Builds the bad input in a directory and returns the command's arguments. */
  interface BadInput {
    String[] prepare(Path dir) throws IOException;
  }

  static Stream<Arguments> catalogue() {
    return Stream.of(
        bad("a data directory that does not exist",
            d -> train(d, "--data-dir", d.resolve("absent").toString()),
            "data directory " + "%s/absent does not exist"),
        bad("a data directory without a file",
            d -> {
              Path data = dataDir(d);
              Files.delete(data.resolve("t10k-labels-idx1-ubyte"));
              return train(d, "--data-dir", data.toString());
            },
            "has no t10k-labels-idx1-ubyte (or t10k-labels-idx1-ubyte.gz)"),
        bad("a directory where a file is expected",
            d -> {
              Path data = dataDir(d);
              Files.delete(data.resolve("train-images-idx3-ubyte"));
              Files.createDirectory(data.resolve("train-images-idx3-ubyte"));
              return train(d, "--data-dir", data.toString());
            },
            "train-images-idx3-ubyte is a directory, expected an IDX file"),
        bad("an empty file",
            d -> dataWith(d, "train-images-idx3-ubyte", new byte[0]),
            "train-images-idx3-ubyte is empty, expected an IDX images file"),
        bad("a wrong magic number",
            d -> dataWith(d, "train-images-idx3-ubyte", real(Dataset.MNIST.testLabels())),
            "is not an IDX images file: magic number 0x00000801, expected 0x00000803"),
        bad("a truncated header",
            d -> dataWith(d, "train-images-idx3-ubyte",
                Arrays.copyOf(real(Dataset.MNIST.testImages()), 10)),
            "train-images-idx3-ubyte is truncated: 10 bytes, the IDX images header alone needs 16"),
        bad("a truncated body",
            d -> dataWith(d, "train-images-idx3-ubyte",
                Arrays.copyOf(real(Dataset.MNIST.testImages()), 5000)),
            "is truncated: its header promises 10000 images of 28x28 but it holds 4984 of"),
        bad("image and label counts that differ",
            d -> dataWith(d, "train-labels-idx1-ubyte", real(Dataset.MNIST.testLabels())),
            "train-labels-idx1-ubyte holds 10000 labels but"),
        bad("a label outside 0-9",
            d -> {
              byte[] labels = real(Dataset.MNIST.trainLabels());
              labels[8 + 5] = (byte) 200;
              return dataWith(d, "train-labels-idx1-ubyte", labels);
            },
            "label 200 of item 5 is outside 0..9"),
        bad("image dimensions the model cannot take",
            d -> {
              byte[] images = real(Dataset.MNIST.testImages());
              images[11] = 14;
              images[15] = 56;
              return dataWith(d, "t10k-images-idx3-ubyte", images);
            },
            "holds 14x56 images; the model takes 28x28"),
        bad("a corrupt gzip file",
            d -> {
              Path data = dataDir(d);
              Files.delete(data.resolve("train-labels-idx1-ubyte"));
              Files.write(data.resolve("train-labels-idx1-ubyte.gz"),
                  new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3});
              return train(d, "--data-dir", data.toString());
            },
            "train-labels-idx1-ubyte.gz is a corrupt or truncated gzip file"),
        bad("an output directory inside a file",
            d -> {
              Files.writeString(d.resolve("file"), "x");
              return new String[] {"train", "--limit-train", "64", "--output",
                  d.resolve("file/run").toString(), "--export-dir", d.resolve("m").toString()};
            },
            "cannot create the output directory"),
        bad("an export directory that is a file",
            d -> {
              Files.writeString(d.resolve("models"), "x");
              return new String[] {"train", "--limit-train", "64", "--output",
                  d.resolve("run").toString(), "--export-dir", d.resolve("models").toString()};
            },
            "export path %s/models is a file"),
        bad("a model directory that does not exist",
            d -> new String[] {"evaluate", "--model", d.resolve("none").toString()},
            "%s/none does not exist"),
        bad("an empty model directory",
            d -> new String[] {"evaluate", "--model",
                Files.createDirectory(d.resolve("empty")).toString()},
            "holds no SavedModel"),
        bad("a corrupt saved_model.pb",
            d -> {
              Path version = Files.createDirectories(d.resolve("models/1"));
              Files.write(version.resolve("saved_model.pb"), new byte[] {9, 9, 9, 9});
              return new String[] {"evaluate", "--model", d.resolve("models").toString()};
            },
            "cannot load the SavedModel in %s/models/1"),
        bad("predict on a file that is not an image",
            d -> new String[] {"predict", "--model", quickModel(),
                Files.writeString(d.resolve("x.png"), "text").toString()},
            "x.png is not an image this tool can read"),
        bad("predict on a missing file",
            d -> new String[] {"predict", "--model", quickModel(), d.resolve("x.png").toString()},
            "%s/x.png does not exist; pass image files (PNG, JPEG, GIF, BMP, TIFF or WebP)"),
        bad("zero epochs", d -> train(d, "--epochs", "0"),
            "invalid value for --epochs: must be between 1 and 10000, got 0"),
        bad("a negative batch size", d -> train(d, "--batch-size", "-8"),
            "invalid value for --batch-size: must be between 1 and 60000, got -8"),
        bad("a NaN learning rate", d -> train(d, "--learning-rate", "NaN"),
            "invalid value for --learning-rate: must be a number greater than 0 and at most 10.0"),
        bad("an absurdly large number of epochs", d -> train(d, "--epochs", "99999999"),
            "invalid value for --epochs: must be between 1 and 10000, got 99999999"),
        bad("an unknown dataset", d -> train(d, "--dataset", "imagenet"),
            "--dataset: 'imagenet' is neither a built-in dataset (mnist, fashion-mnist) nor an"
                + " existing directory; name a dataset, or a folder holding one sub-folder of"
                + " images per class"),
        bad("an image folder with one class",
            d -> train(d, "--dataset", folder(d, Map.of(3, "three")).toString()),
            "%s/images holds one class folder (three); a classifier needs two classes or more"),
        bad("an empty class folder",
            d -> {
              Path images = folder(d, Map.of(3, "three", 8, "eight"));
              Files.createDirectories(images.resolve("nine"));
              return train(d, "--dataset", images.toString());
            },
            "class folder %s/images/nine holds no images; a class needs two images or more"),
        bad("a damaged image in a class folder",
            d -> {
              Path images = folder(d, Map.of(3, "three", 8, "eight"));
              byte[] png = Files.readAllBytes(ImageCorpus.SOURCE_DIR.resolve("plain/00-7.png"));
              Files.write(images.resolve("eight").resolve("scan.png"), Arrays.copyOf(png, 100));
              return train(d, "--dataset", images.toString());
            },
            "cannot decode the PNG image %s/images/eight/scan.png"),
        bad("early stopping without validation images",
            d -> train(d, "--early-stop", "3"),
            "invalid value for --early-stop: needs validation images to decide on: set a"
                + " validation split above 0"),
        bad("a learning-rate decay of zero", d -> train(d, "--learning-rate-decay", "0"),
            "invalid value for --learning-rate-decay: must be a number greater than 0 and at most"
                + " 1.0, got 0.0"),
        bad("an unknown model variant", d -> train(d, "--variant", "resnet"),
            "invalid value for --variant: 'resnet' is not a model variant; choose one of reference,"
                + " no-batchnorm, classic"),
        bad("an unknown named recipe", d -> train(d, "--recipe", "fast"),
            "invalid value for --recipe: 'fast' is not a recipe; choose one of reference,"
                + " augmented"),
        bad("an unknown choice of weights", d -> train(d, "--keep", "x"),
            "invalid value for --keep: 'x' is not a choice of weights; choose last or best"),
        bad("a benchmark without measured epochs",
            d -> new String[] {"bench", "--epochs", "0", "--json", d.resolve("b.json").toString()},
            "--warmup-epochs and --epochs must be at least 1, got 1 and 0"),
        bad("an unknown device", d -> train(d, "--device", "tpu"),
            "invalid value for --device: must be auto, cpu, gpu or gpu:N"),
        bad("an export TensorFlow Serving would not take as it is",
            d -> {
              Path version = SavedModelExporter.publishCopy(Path.of(quickModel()),
                  d.resolve("models"));
              Files.delete(version.resolve(SavedModelExporter.LABELS));
              return new String[] {"check-serving", "--model", version.toString()};
            },
            "%s/models/1 has no assets.extra/labels.txt: TensorFlow Serving would serve it, but"
                + " clients could not name the classes; export it again"));
  }

  private static Arguments bad(String name, BadInput input, String message) {
    return Arguments.of(name, input, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalogue")
  void getsOneClearLineAndExitCodeTwo(String name, BadInput input, String message)
      throws IOException {
    String[] args = input.prepare(dir);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Lenet5Command.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));

    int exitCode = commandLine.execute(args);

    assertThat(exitCode).as(err.toString()).isEqualTo(2);
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(err.toString()).startsWith("lenet5").contains(String.format(message, dir));
    assertThat(out.toString()).doesNotContain("Accuracy");
    try (Stream<Path> written = Files.walk(dir)) {
      assertThat(written.map(Path::toString))
          .noneMatch(path -> path.contains("checkpoint") || path.endsWith("saved_model.pb")
              && !path.contains("models/1"));
    }
  }

  /** A real exported model, so that predict's errors are about the images. */
  private static String quickModel() {
    return TrainedModels.quick().savedModel().orElseThrow().toString();
  }

  private static String[] train(Path dir, String... options) {
    String[] base = {"train", "--limit-train", "640",
        "--output", dir.resolve("run").toString(), "--export-dir", dir.resolve("out").toString()};
    String[] args = Arrays.copyOf(base, base.length + options.length);
    System.arraycopy(options, 0, args, base.length, options.length);
    return args;
  }

  /** An image folder of real MNIST test digits, ten per class, in {@code dir/images}. */
  private static Path folder(Path dir, Map<Integer, String> classes) {
    Path images = dir.resolve("images");
    ImageFolders.write(images, TestData.mnist().test(), classes, 10, "png");
    return images;
  }

  /** A data directory of links to the real files, except {@code replaced}, given content. */
  private static String[] dataWith(Path dir, String replaced, byte[] content) throws IOException {
    Path data = dataDir(dir);
    Files.delete(data.resolve(replaced));
    Files.write(data.resolve(replaced), content);
    return train(dir, "--data-dir", data.toString());
  }

  /** A data directory of links to the real MNIST files. */
  private static Path dataDir(Path dir) throws IOException {
    Path data = Files.createDirectories(dir.resolve("data"));
    DatasetFiles files = TestData.mnistFiles();
    for (Dataset.DatasetFile file : Dataset.MNIST.files()) {
      Files.createSymbolicLink(data.resolve(file.name()), files.path(file).toAbsolutePath());
    }
    return data;
  }

  private static byte[] real(Dataset.DatasetFile file) {
    return IdxReader.readContent(TestData.mnistFiles().path(file));
  }
}
