package org.lenet5.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.jr.ob.JSON;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.lenet5.TestData;
import org.lenet5.TrainedModels;
import org.lenet5.images.MnistImages;
import org.lenet5.inference.Lenet5Model;
import org.tensorflow.proto.TensorProto;
import tensorflow.serving.PredictionLogOuterClass.PredictionLog;

/**
 * The REST example of docs/serving.md is a real MNIST test image, an export's first warmup
 * request, and its response has the outputs, class and class name an export gives.
 */
class ServingExampleTest {

  private static final Path EXAMPLES = Path.of("..", "docs", "examples");

  private final byte[] firstTestImage =
      Arrays.copyOf(TestData.mnist().test().images().pixels(), 784);

  @Test
  void theRequestBodyIsTheFirstMnistTestImage() throws IOException {
    Map<String, Object> request = JSON.std.mapFrom(read("predict-request.json"));

    assertThat(request.get("signature_name")).isEqualTo("serving_default");
    List<?> instances = (List<?>) request.get("instances");
    assertThat(instances).hasSize(1);
    assertThat(pixels((List<?>) instances.get(0))).containsExactly(firstTestImage);
  }

  @Test
  void theExamplePngIsTheSameImage() throws IOException {
    BufferedImage png = ImageIO.read(EXAMPLES.resolve("mnist-test-0.png").toFile());

    assertThat(MnistImages.fromImage(png)).containsExactly(firstTestImage);
  }

  @Test
  void aTrainedModelAnswersWithTheDocumentedClass() throws IOException {
    Map<String, Object> response = JSON.std.mapFrom(read("predict-response.json"));
    Map<?, ?> prediction = (Map<?, ?>) ((List<?>) response.get("predictions")).get(0);
    int documentedClass = ((Number) prediction.get("classes")).intValue();

    try (Lenet5Model model = Lenet5Model.load(TrainedModels.quick().savedModel().orElseThrow())) {
      assertThat(model.predict(firstTestImage).label()).isEqualTo(documentedClass).isEqualTo(7);
    }
    assertThat((List<?>) prediction.get("probabilities")).hasSize(10);
    assertThat((List<?>) prediction.get("logits")).hasSize(10);
  }

  /**
   * The documented response has what TensorFlow Serving's REST API answers to the request with an
   * export's {@code serving_default}: an object per instance with the three outputs, the class
   * the export's own warmup record holds for the same image. Its numbers are the reference
   * recipe's model's (ten epochs, too long to train here): they are held to each other
   * (probabilities the softmax of the logits, the class their largest), not to this model's.
   */
  @Test
  void theResponseHasTheOutputsAnExportGivesForTheRequest() throws IOException {
    Path version = TrainedModels.quick().savedModel().orElseThrow();
    Map<?, ?> documented = prediction();
    PredictionLog first = WarmupRecords.read(version).get(0);
    TensorProto input = first.getPredictLog().getRequest().getInputsOrThrow("images");
    Map<String, TensorProto> outputs = first.getPredictLog().getResponse().getOutputsMap();

    List<?> instances = (List<?>) JSON.std.mapFrom(read("predict-request.json")).get("instances");
    byte[] requested = pixels((List<?>) instances.get(0));
    assertThat(input.getTensorShape().getDimList()).extracting(d -> d.getSize())
        .containsExactly(1L, 28L, 28L, 1L);
    for (int p = 0; p < requested.length; p++) {
      assertThat(input.getFloatVal(p)).isEqualTo((float) (requested[p] & 0xff));
    }
    assertThat(documented.keySet().stream().map(String::valueOf).sorted().toList())
        .isEqualTo(outputs.keySet().stream().sorted().toList());
    assertThat(((Number) documented.get("classes")).longValue())
        .isEqualTo(outputs.get("classes").getInt64Val(0)).isEqualTo(7);
    double[] probabilities = numbers(documented.get("probabilities"));
    double[] logits = numbers(documented.get("logits"));
    assertThat(probabilities).hasSize(outputs.get("probabilities").getFloatValCount());
    assertThat(logits).hasSize(outputs.get("logits").getFloatValCount());
    double largest = Arrays.stream(logits).max().orElseThrow();
    double sum = Arrays.stream(logits).map(logit -> Math.exp(logit - largest)).sum();
    for (int c = 0; c < logits.length; c++) {
      double softmax = Math.exp(logits[c] - largest) / sum;
      assertThat(probabilities[c]).as("probability %d", c)
          .isCloseTo(softmax, within(1e-5 * softmax));
    }
    assertThat(logits[7]).isEqualTo(largest);
  }

  /** A REST client names the class by the line of the export's labels.txt that it numbers. */
  @Test
  void theClassIsNamedByTheExportsLabels() throws IOException {
    Path version = TrainedModels.quick().savedModel().orElseThrow();
    int documentedClass = ((Number) prediction().get("classes")).intValue();

    List<String> labels = Files.readAllLines(version.resolve(SavedModelExporter.LABELS));

    assertThat(labels).hasSize(10);
    assertThat(labels.get(documentedClass)).isEqualTo("7");
  }

  private static Map<?, ?> prediction() throws IOException {
    Map<String, Object> response = JSON.std.mapFrom(read("predict-response.json"));
    List<?> predictions = (List<?>) response.get("predictions");
    assertThat(predictions).hasSize(1);
    return (Map<?, ?>) predictions.get(0);
  }

  private static double[] numbers(Object list) {
    return ((List<?>) list).stream().mapToDouble(value -> ((Number) value).doubleValue())
        .toArray();
  }

  private static String read(String name) throws IOException {
    return Files.readString(EXAMPLES.resolve(name));
  }

  /** A [28][28][1] nested list as 784 grey levels. */
  private static byte[] pixels(List<?> rows) {
    assertThat(rows).hasSize(28);
    byte[] pixels = new byte[784];
    for (int y = 0; y < 28; y++) {
      List<?> row = (List<?>) rows.get(y);
      assertThat(row).hasSize(28);
      for (int x = 0; x < 28; x++) {
        List<?> channel = (List<?>) row.get(x);
        assertThat(channel).hasSize(1);
        pixels[y * 28 + x] = (byte) ((Number) channel.get(0)).intValue();
      }
    }
    return pixels;
  }
}
