package org.lenet5.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.lenet5.Lenet5Exception;
import org.lenet5.inference.Lenet5Model;
import org.lenet5.inference.Prediction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lenet5 predict}: classifies image files with an exported model. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Classify PNG, JPEG, GIF or BMP images of handwritten digits with an exported model.",
      "",
      "Each image is converted to a 28x28 MNIST image: grayscale; inverted when its border is"
          + " light, so a dark digit on light paper works as well as MNIST's light digit on black;"
          + " a 28x28 image is then used as it is, any other size is cropped to the digit, scaled"
          + " to fit 20x20 and centered by its center of mass, as MNIST's digits were."
    })
final class PredictCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = {"-m", "--model"},
      required = true,
      paramLabel = "DIR",
      description = "A SavedModel version directory, or a model base directory (highest version).")
  Path model;

  @Option(names = "--json", description = "Print one JSON array with every file's result.")
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Images to classify.")
  List<Path> files;

  @Override
  public Integer call() throws IOException {
    List<BufferedImage> images = new ArrayList<>();
    for (Path file : files) {
      images.add(read(file));
    }
    List<Map<String, Object>> results = new ArrayList<>();
    PrintWriter out = spec.commandLine().getOut();
    try (Lenet5Model loaded = Lenet5Model.load(model)) {
      for (int i = 0; i < files.size(); i++) {
        Prediction prediction = loaded.predict(images.get(i));
        if (json) {
          results.add(asMap(files.get(i), prediction));
        } else {
          String label = String.valueOf(prediction.label());
          out.printf(
              Locale.ROOT,
              "%s: %s (%.1f %%)%n",
              files.get(i),
              label.equals(prediction.name()) ? label : label + " " + prediction.name(),
              100 * prediction.confidence());
        }
      }
    }
    if (json) {
      out.println(JSON.std.asString(results));
    }
    out.flush();
    return 0;
  }

  private static BufferedImage read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new Lenet5Exception(
          file + (Files.isDirectory(file) ? " is a directory" : " does not exist")
              + "; pass image files (PNG, JPEG, GIF, BMP)");
    }
    BufferedImage image;
    try {
      image = ImageIO.read(file.toFile());
    } catch (IOException e) {
      throw new Lenet5Exception("cannot read the image " + file + ": " + e.getMessage(), e);
    }
    if (image == null) {
      throw new Lenet5Exception(
          file + " is not an image this tool can read; use PNG, JPEG, GIF or BMP");
    }
    return image;
  }

  private static Map<String, Object> asMap(Path file, Prediction prediction) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("file", file.toString());
    result.put("class", prediction.label());
    result.put("name", prediction.name());
    result.put("probability", prediction.confidence());
    List<Float> probabilities = new ArrayList<>();
    for (float p : prediction.probabilities()) {
      probabilities.add(p);
    }
    result.put("probabilities", probabilities);
    return result;
  }
}
