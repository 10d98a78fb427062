/*
 * Splits the exported model's inference time: the serving signature (raw 28x28 pixels, in-graph
 * Pillow-exact resize and normalization, then the network) against the "preprocessed" signature
 * (the network alone), both at batch 1000, for docs/performance.md.
 *
 *   CP="$(cat lenet5-core/target/runtime-classpath-cpu.txt)"
 *   javac -d /tmp/split -cp "$CP" docs/tools/InferenceSplit.java
 *   TF_ENABLE_ONEDNN_OPTS=1 TF_CPP_MIN_LOG_LEVEL=2 java -cp "/tmp/split:$CP" InferenceSplit models/lenet5/1
 */
import java.util.Map;
import org.tensorflow.*;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
public class InferenceSplit {
  public static void main(String[] a) {
    try (SavedModelBundle b = SavedModelBundle.load(a[0], "serve")) {
      SessionFunction serving = b.function("serving_default");
      SessionFunction pre = b.function("preprocessed");
      int n = 1000;
      for (int round = 0; round < 2; round++) {
        try (TFloat32 raw = TFloat32.tensorOf(Shape.of(n, 28, 28, 1));
             TFloat32 norm = TFloat32.tensorOf(Shape.of(n, 32, 32, 1))) {
          for (int w = 0; w < 5; w++) { try (Result r = serving.call(Map.of("images", raw))) {} try (Result r = pre.call(Map.of("images", norm))) {} }
          long t0 = System.nanoTime();
          for (int i = 0; i < 20; i++) try (Result r = serving.call(Map.of("images", raw))) {}
          long t1 = System.nanoTime();
          for (int i = 0; i < 20; i++) try (Result r = pre.call(Map.of("images", norm))) {}
          long t2 = System.nanoTime();
          System.out.printf("serving_default: %.0f img/s; preprocessed (model only): %.0f img/s%n",
              20.0 * n / ((t1 - t0) / 1e9), 20.0 * n / ((t2 - t1) / 1e9));
        }
      }
    }
  }
}
