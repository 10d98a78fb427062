package org.lenet5.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lenet5.Lenet5Exception;
import org.lenet5.frontend.ParameterNames.Cli;
import org.lenet5.images.ImageConversion;
import org.lenet5.images.NoDigitException;
import org.lenet5.inference.Lenet5Model;
import org.lenet5.inference.Prediction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lenet5 predict}: classifies image files with an exported model. Each file gets its own
 * answer or its own one-line error; the good files are classified whatever happens to the others.
 */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Classify PNG, JPEG, GIF, BMP, TIFF or WebP images with an exported model, naming the"
          + " model's classes.",
      "",
      "Each image is read through its colour model (palette, 1-bit, 16-bit, grey + alpha) and"
          + " turned upright by its EXIF orientation. A model trained on a folder of your own"
          + " images takes its grey levels resized to 28x28, as its training images were. A model"
          + " trained on MNIST or Fashion-MNIST takes it converted to a 28x28 MNIST image: the"
          + " paper is estimated and removed, so a dark digit on light paper (white, grey or"
          + " shadowed) works as well as MNIST's light digit on black; strokes on a transparent"
          + " background count by their opacity; the digit is cropped, scaled to fit 20x20 and"
          + " centered by its center of mass, as MNIST's digits were. A 28x28 image with a black"
          + " (or white) background is used as it is.",
      "",
      "For those, an image in which nothing stands out (blank, uniform, one pixel) gets 'no"
          + " digit found'."
          + " A file that cannot be read gets its own error line; the others are still"
          + " classified, and the exit code is " + PredictCommand.SOME_FAILED + "."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every file was classified (or has no digit)",
      "2:bad usage, an unusable model, or no file could be read",
      PredictCommand.SOME_FAILED + ":some files could not be read (one line each); the others"
          + " were classified"
    })
final class PredictCommand implements Callable<Integer> {

  /** Exit code when some files could not be read and the others were classified. */
  static final int SOME_FAILED = 3;

  @Spec private CommandSpec spec;

  @Option(
      names = {"-m", Cli.MODEL},
      required = true,
      paramLabel = "DIR",
      description = "A SavedModel version directory, or a model base directory (highest version).")
  Path model;

  @Option(
      names = "--json",
      description = "Print one JSON array with every file's result: its class and probabilities,"
          + " \"digitFound\": false with a reason, or an \"error\".")
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Images to classify.")
  List<Path> files;

  @Override
  public Integer call() throws IOException {
    List<Map<String, Object>> results = new ArrayList<>();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int failed = 0;
    try (Lenet5Model loaded = Lenet5Model.load(model)) {
      for (Path file : files) {
        try {
          Prediction prediction = loaded.predict(file);
          if (json) {
            results.add(asMap(file, prediction));
          } else {
            // A built-in dataset's classes have numbers of their own (9 Ankle boot); one's own
            // are named by their folders, and their label is only an index.
            String label = String.valueOf(prediction.label());
            boolean ownClasses = loaded.data().conversion() == ImageConversion.PLAIN;
            out.printf(
                Locale.ROOT,
                "%s: %s (%.1f %%)%n",
                file,
                ownClasses || label.equals(prediction.name())
                    ? prediction.name() : label + " " + prediction.name(),
                100 * prediction.confidence());
          }
        } catch (NoDigitException e) {
          if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("file", file.toString());
            result.put("digitFound", false);
            result.put("reason", e.reason());
            results.add(result);
          } else {
            out.println(file + ": no digit found (" + e.reason() + ")");
          }
        } catch (Lenet5Exception e) {
          failed++;
          if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("file", file.toString());
            result.put("error", CliMessages.of(e));
            results.add(result);
          } else {
            err.println("lenet5: " + CliMessages.of(e));
          }
        }
        out.flush();
        err.flush();
      }
    }
    if (json) {
      out.println(JSON.std.asString(results));
    }
    out.flush();
    if (failed == 0) {
      return 0;
    }
    return failed == files.size() ? Lenet5Command.USAGE : SOME_FAILED;
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
