package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Loads the SavedModel that lenet5:train exported with nothing but TensorFlow Java, as any
 * consumer would: tag "serve", signature "serving_default", raw 0-255 pixels in.
 */
class PlainTensorFlowTest {

  @Test
  void classifiesTheRawTestImages() throws IOException {
    byte[] images = idx(mnistFile("t10k-images-idx3-ubyte"), 16);
    byte[] labels = idx(mnistFile("t10k-labels-idx1-ubyte"), 8);
    int count = labels.length;
    float[] pixels = new float[images.length];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = images[i] & 0xff;
    }
    try (SavedModelBundle bundle = SavedModelBundle.load("target/lenet5/models/1", "serve")) {
      SignatureDef signature = bundle.metaGraphDef().getSignatureDefOrThrow("serving_default");
      assertEquals("tensorflow/serving/predict", signature.getMethodName());
      SessionFunction serving = bundle.function("serving_default");
      int correct = 0;
      for (int start = 0; start < count; start += 1000) {
        try (TFloat32 batch = TFloat32.tensorOf(Shape.of(1000, 28, 28, 1),
                DataBuffers.of(pixels, true, false).slice(start * 784L, 1000 * 784L));
            Result result = serving.call(Map.of("images", batch))) {
          TInt64 classes = (TInt64) result.get("classes").orElseThrow();
          for (int i = 0; i < 1000; i++) {
            if (classes.getLong(i) == labels[start + i]) {
              correct++;
            }
          }
        }
      }
      System.out.printf("Plain TensorFlow Java accuracy: %.2f %%%n", 100.0 * correct / count);
    }
  }

  /** The MNIST file from the lenet5 dataset cache, raw or gzipped. */
  private static Path mnistFile(String name) {
    String cache = System.getenv("LENET5_CACHE_DIR");
    Path dir = cache != null && !cache.isBlank()
        ? Path.of(cache, "mnist")
        : Path.of(System.getProperty("user.home"), ".lenet5", "datasets", "mnist");
    Path raw = dir.resolve(name);
    return Files.exists(raw) ? raw : dir.resolve(name + ".gz");
  }

  private static byte[] idx(Path file, int header) throws IOException {
    byte[] content = Files.readAllBytes(file);
    if (content[0] == (byte) 0x1f && content[1] == (byte) 0x8b) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
        content = in.readAllBytes();
      }
    }
    ByteBuffer buffer = ByteBuffer.wrap(content, header, content.length - header);
    byte[] body = new byte[buffer.remaining()];
    buffer.get(body);
    return body;
  }
}
