import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Two exports' serving signatures timed in one JVM, their batches interleaved (five batches of
 * one, then five of the other, over and over), so that the machine's drift falls on both alike:
 * for comparing the exports of two versions of the code (docs/performance.md). The images are
 * the first N raw test images.
 *
 * <pre>
 * CP="$(cat lenet5-core/target/runtime-classpath-cpu.txt)"
 * javac -d /tmp/serving-ab -cp "$CP" docs/tools/ServingAB.java
 * TF_ENABLE_ONEDNN_OPTS=1 TF_CPP_MIN_LOG_LEVEL=2 java -cp "/tmp/serving-ab:$CP" ServingAB OLD_EXPORT NEW_EXPORT 1000 40
 * </pre>
 */
public class ServingAB {
  public static void main(String[] args) throws Exception {
    int batch = Integer.parseInt(args[2]);
    int rounds = Integer.parseInt(args[3]);
    byte[] idx =
        Files.readAllBytes(
            Path.of(System.getProperty("user.home"), ".lenet5/datasets/mnist/t10k-images-idx3-ubyte"));
    float[] pixels = new float[batch * 784];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = idx[16 + i] & 0xff;
    }
    try (SavedModelBundle first = SavedModelBundle.load(args[0], "serve");
        SavedModelBundle second = SavedModelBundle.load(args[1], "serve");
        TFloat32 raw = TFloat32.tensorOf(Shape.of(batch, 28, 28, 1), DataBuffers.of(pixels))) {
      Session[] sessions = {first.session(), second.session()};
      List<List<Double>> times = List.of(new ArrayList<>(), new ArrayList<>());
      int warmUp = 5;
      for (int round = 0; round < rounds + warmUp; round++) {
        for (int which = 0; which < 2; which++) {
          long start = System.nanoTime();
          for (int i = 0; i < 5; i++) {
            sessions[which].runner().feed("pixels", raw).fetch("serving/probabilities")
                .fetch("serving/classes").run().close();
          }
          if (round >= warmUp) {
            times.get(which).add((System.nanoTime() - start) / 1e6 / 5);
          }
        }
      }
      for (int which = 0; which < 2; which++) {
        List<Double> sorted = times.get(which);
        Collections.sort(sorted);
        int size = sorted.size();
        System.out.printf("%s: median %.3f ms per batch of %d (quartiles %.3f, %.3f)%n",
            args[which], sorted.get(size / 2), batch, sorted.get(size / 4),
            sorted.get(3 * size / 4));
      }
    }
  }
}
