import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What a training step pays for calling TensorFlow from Java, apart from the graph's work: a
 * {@code Session.run} that feeds a batch of 64 images and labels the way TrainingStep does and
 * runs two tiny ops, and one that feeds nothing. The difference to a real step bounds what
 * feeding from inside the graph, or several steps per call, could save (docs/performance.md).
 *
 * <pre>
 * CP="lenet5-core/target/classes:$(cat lenet5-core/target/runtime-classpath-cpu.txt)"
 * javac -d /tmp/call -cp "$CP" docs/tools/CallOverhead.java
 * TF_ENABLE_ONEDNN_OPTS=1 TF_CPP_MIN_LOG_LEVEL=2 java -cp "/tmp/call:$CP" CallOverhead
 * </pre>
 */
public class CallOverhead {
  public static void main(String[] args) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> images =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 32, 32, 1)));
      Placeholder<TInt32> labels = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      Operand<TFloat32> firstPixel =
          tf.reshape(
              tf.slice(
                  images, tf.constant(new int[] {0, 0, 0, 0}), tf.constant(new int[] {1, 1, 1, 1})),
              tf.constant(new int[0]));
      Operand<TInt32> firstLabel =
          tf.reshape(
              tf.slice(labels, tf.constant(new int[] {0}), tf.constant(new int[] {1})),
              tf.constant(new int[0]));
      Operand<TFloat32> constant = tf.constant(1f);
      float[] pixels = new float[64 * 1024];
      int[] classes = new int[64];
      try (Session session = new Session(graph)) {
        for (int round = 0; round < 3; round++) {
          int calls = 5000;
          long start = 0;
          for (int i = 0; i < calls + 500; i++) {
            if (i == 500) {
              start = System.nanoTime();
            }
            try (TFloat32 x =
                    TFloat32.tensorOf(
                        Shape.of(64, 32, 32, 1), DataBuffers.of(pixels, true, false));
                TInt32 y = TInt32.tensorOf(Shape.of(64), DataBuffers.of(classes, true, false));
                Result result =
                    session.runner().feed(images, x).feed(labels, y).fetch(firstPixel)
                        .fetch(firstLabel).run()) {
              // only the call is timed
            }
          }
          System.out.printf("feeding 64 images and labels, two tiny ops: %.1f us per call%n",
              (System.nanoTime() - start) / 1e3 / calls);
          for (int i = 0; i < calls + 500; i++) {
            if (i == 500) {
              start = System.nanoTime();
            }
            try (Result result = session.runner().fetch(constant).run()) {
              // only the call is timed
            }
          }
          System.out.printf("feeding nothing, fetching a constant:         %.1f us per call%n",
              (System.nanoTime() - start) / 1e3 / calls);
        }
      }
    }
  }
}
