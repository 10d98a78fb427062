/*
 * Per-kernel profile of an exported model's serving signature at batch 1000 on the first 1,000
 * raw test images, from TensorFlow's step statistics (FULL_TRACE) in the SavedModel's own session,
 * for docs/performance.md. Prints the plain time per batch, then the kernels that ran.
 *
 *   CP="$(cat lenet5-core/target/runtime-classpath-cpu.txt)"
 *   javac -d /tmp/serving-profile -cp "$CP" docs/tools/ServingProfile.java
 *   TF_ENABLE_ONEDNN_OPTS=1 TF_CPP_MIN_LOG_LEVEL=2 java -cp "/tmp/serving-profile:$CP" ServingProfile models/lenet5/1
 */
import java.util.*;
import org.tensorflow.*;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.*;
import org.tensorflow.types.TFloat32;
public class ServingProfile {
  public static void main(String[] a) throws Exception {
    byte[] idx = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(System.getProperty("user.home"), ".lenet5/datasets/mnist/t10k-images-idx3-ubyte"));
    int n = 1000;
    float[] px = new float[n * 784];
    for (int i = 0; i < px.length; i++) px[i] = idx[16 + i] & 0xff;
    try (SavedModelBundle b = SavedModelBundle.load(a[0], "serve");
         TFloat32 raw = TFloat32.tensorOf(Shape.of(n, 28, 28, 1), DataBuffers.of(px))) {
      Session s = b.session();
      for (int i = 0; i < 10; i++) s.runner().feed("pixels", raw).fetch("serving/probabilities").fetch("serving/classes").run().close();
      long t0 = System.nanoTime();
      for (int i = 0; i < 30; i++) s.runner().feed("pixels", raw).fetch("serving/probabilities").fetch("serving/classes").run().close();
      System.out.printf("plain: %.2f ms per 1000%n", (System.nanoTime() - t0) / 1e6 / 30);
      RunOptions opts = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
      Map<String, Long> by = new TreeMap<>();
      for (int r = 0; r < 10; r++) {
        try (Result res = s.runner().feed("pixels", raw).fetch("serving/probabilities").fetch("serving/classes").setOptions(opts).runAndFetchMetadata()) {
          for (DeviceStepStats d : res.getMetadata().get().getStepStats().getDevStatsList())
            for (NodeExecStats ns : d.getNodeStatsList()) {
              String l = ns.getTimelineLabel(); int eq = l.indexOf(" = "); int p = l.indexOf('(', Math.max(eq, 0));
              by.merge(ns.getNodeName() + " " + (eq >= 0 && p > eq ? l.substring(eq + 3, p) : ""), ns.getAllEndRelMicros(), Long::sum);
            }
        }
      }
      List<Map.Entry<String, Long>> e = new ArrayList<>(by.entrySet());
      e.sort((x, y) -> Long.compare(y.getValue(), x.getValue()));
      long tot = 0; for (var x : e) tot += x.getValue();
      System.out.printf("sum %.2f ms%n", tot / 10.0 / 1000);
      for (int i = 0; i < 25 && i < e.size(); i++) System.out.printf("%-60s %6.2f ms%n", e.get(i).getKey(), e.get(i).getValue() / 10.0 / 1000);
    }
  }
}
