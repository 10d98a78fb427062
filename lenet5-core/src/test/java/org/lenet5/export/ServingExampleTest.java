package org.lenet5.export;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The REST example of docs/serving.md is a real MNIST test image and gets the documented class. */
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
