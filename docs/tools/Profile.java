package org.lenet5.train;

import java.util.*;
import org.lenet5.data.*;
import org.lenet5.model.Lenet5Graph;
import org.tensorflow.*;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.*;
import org.tensorflow.types.*;

/**
 * Times each op type of a training step with TensorFlow's step statistics (FULL_TRACE), for
 * docs/performance.md; with {@code --by-node}, each node of the graph with the kernel it ran.
 * Lives in org.lenet5.train to reach the package-private TrainingStep.
 */
public class Profile {
  public static void main(String[] a) throws Exception {
    boolean byNode = a.length > 0 && a[0].equals("--by-node");
    MnistDataset data = MnistDataset.load(DatasetLocator.of(null, null).locate(Dataset.MNIST));
    ModelInput in = Preprocessing.forDataset(Dataset.MNIST).apply(data.train().first(6400));
    Recipe recipe = Recipe.reference();
    try (Graph g = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forTraining(g, 1);
      TrainingStep step = new TrainingStep(g, model, recipe);
      try (Session s = new Session(g)) {
        float[] px = Arrays.copyOf(in.pixels(), 64 * 1024);
        int[] lb = Arrays.copyOf(in.labels(), 64);
        for (int i = 0; i < 50; i++) step.run(s, px, lb, 64);
        long t0 = System.nanoTime();
        for (int i = 0; i < 200; i++) step.run(s, px, lb, 64);
        System.out.printf("plain step: %.2f ms%n", (System.nanoTime() - t0) / 1e6 / 200);
        Map<String, Long> byType = new TreeMap<>();
        RunOptions opts = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
        Map<String,String> typeOf = new HashMap<>();
        for (Iterator<GraphOperation> it = g.operations(); it.hasNext();) { GraphOperation op = it.next(); typeOf.put(op.name(), op.type()); }
        long total = 0;
        for (int r = 0; r < 20; r++) {
          try (TFloat32 x = TFloat32.tensorOf(Shape.of(64,32,32,1), DataBuffers.of(px));
               TInt32 y = TInt32.tensorOf(Shape.of(64), DataBuffers.of(lb));
               Result res = s.runner().feed(model.images(), x).feed(model.labels(), y)
                   .addTarget("train_step").fetch(model.loss()).setOptions(opts).runAndFetchMetadata()) {
            RunMetadata md = res.getMetadata().get();
            for (DeviceStepStats dev : md.getStepStats().getDevStatsList()) {
              for (NodeExecStats n : dev.getNodeStatsList()) {
                // The kernel that ran: oneDNN's graph rewrites rename ops (_MklNative..., _Fused...),
                // and the timeline label "name = Kernel(inputs)" shows the name that ran.
                String label = n.getTimelineLabel();
                int eq = label.indexOf(" = ");
                int paren = label.indexOf('(', Math.max(eq, 0));
                String type = eq >= 0 && paren > eq ? label.substring(eq + 3, paren)
                    : typeOf.getOrDefault(n.getNodeName(), n.getNodeName());
                if (byNode) type = n.getNodeName() + " " + type;
                long us = n.getAllEndRelMicros();
                byType.merge(type, us, Long::sum); total += us;
              }
            }
          }
        }
        List<Map.Entry<String, Long>> e = new ArrayList<>(byType.entrySet());
        e.sort((p, q) -> Long.compare(q.getValue(), p.getValue()));
        System.out.printf("sum of op times per step: %.2f ms%n", total / 20.0 / 1000);
        for (int i = 0; i < 25 && i < e.size(); i++) System.out.printf("%-32s %7.2f ms/step%n", e.get(i).getKey(), e.get(i).getValue() / 20.0 / 1000);
      }
    }
  }
}
