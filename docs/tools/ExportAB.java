import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.lenet5.inference.Lenet5Model;

/**
 * Two exported models timed in one JVM through {@link Lenet5Model}, as {@code ./lenet5 bench}
 * times one, on the 10,000 raw test images at one batch size: the two take turns, a pass over
 * the test set each, twelve times (the first two not counted), so that the machine's drift falls
 * on both alike. For comparing the exports of two versions of the code (docs/performance.md),
 * where two bench runs minutes apart differ by more than the change.
 *
 * <pre>
 * CP="lenet5-core/target/classes:$(cat lenet5-core/target/runtime-classpath-cpu.txt)"
 * javac -d /tmp/export-ab -cp "$CP" docs/tools/ExportAB.java
 * TF_ENABLE_ONEDNN_OPTS=1 TF_CPP_MIN_LOG_LEVEL=2 java -cp "/tmp/export-ab:$CP" ExportAB OLD_EXPORT NEW_EXPORT 1000
 * </pre>
 */
public class ExportAB {
  public static void main(String[] args) throws Exception {
    int batch = Integer.parseInt(args[2]);
    int images = 10_000;
    byte[] idx =
        Files.readAllBytes(
            Path.of(System.getProperty("user.home"),
                ".lenet5/datasets/mnist/t10k-images-idx3-ubyte"));
    byte[] pixels = Arrays.copyOfRange(idx, 16, 16 + images * 784);
    try (Lenet5Model first = Lenet5Model.load(Path.of(args[0]));
        Lenet5Model second = Lenet5Model.load(Path.of(args[1]))) {
      Lenet5Model[] models = {first, second};
      List<List<Double>> throughputs = List.of(new ArrayList<>(), new ArrayList<>());
      for (int pass = 0; pass < 12; pass++) {
        for (int which = 0; which < 2; which++) {
          long start = System.nanoTime();
          for (int offset = 0; offset + batch <= images; offset += batch) {
            models[which].predictBytes(
                Arrays.copyOfRange(pixels, offset * 784, (offset + batch) * 784), batch);
          }
          if (pass >= 2) {
            double seconds = (System.nanoTime() - start) / 1e9;
            throughputs.get(which).add(images / batch * batch / seconds);
          }
        }
      }
      for (int which = 0; which < 2; which++) {
        List<Double> sorted = throughputs.get(which);
        Collections.sort(sorted);
        System.out.printf("%s: median %.0f images/s at batch %d (quartiles %.0f, %.0f)%n",
            args[which], sorted.get(sorted.size() / 2), batch, sorted.get(sorted.size() / 4),
            sorted.get(3 * sorted.size() / 4));
      }
    }
  }
}
