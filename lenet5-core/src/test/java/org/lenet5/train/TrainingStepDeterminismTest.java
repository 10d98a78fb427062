package org.lenet5.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lenet5.TestData;
import org.lenet5.data.Dataset;
import org.lenet5.data.ModelInput;
import org.lenet5.data.Preprocessing;
import org.lenet5.model.Lenet5Graph;
import org.lenet5.model.ModelVariant;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.ByteDataBuffer;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Identical training steps give identical weights, however the executor happens to schedule the
 * step's ops. The structural test proves the absence of the race that made identical runs diverge
 * on a busy machine; the load test shows identical weights from many runs racing for two cores.
 */
class TrainingStepDeterminismTest {

  private static final int STEPS = 1600;

  @ParameterizedTest(name = "{0}")
  @EnumSource(ModelVariant.class)
  void everyVariableIsRewrittenOnlyAfterEveryOpOfTheStepThatReadsIt(ModelVariant variant) {
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forTraining(graph, variant, 1);
      TrainingStep step = new TrainingStep(graph, model, Recipe.reference());
      StepRaces races =
          StepRaces.of(graph.toGraphDef(), List.of(step.target().op().name(), "loss"));

      assertThat(races.unorderedAccesses()).isEmpty();
      assertThat(races.writtenVariables()).isNotEmpty();
    }
  }

  /**
   * Eight runs at once, each with eight inter-op threads of its own and two busy threads beside
   * them on a two-core machine, 1,600 one-image steps each: every run must end with the same
   * bytes. Before the fix, one or two of the eight runs ended with other bytes in each of three
   * tries (batches of 8 never showed it: the longer the step, the rarer the race).
   */
  @Test
  void identicalRunsRacingForTheCpuEndWithIdenticalWeights() throws Exception {
    ModelInput train =
        Preprocessing.forDataset(Dataset.MNIST).apply(TestData.mnist().train().first(STEPS));
    int runs = 8;
    AtomicBoolean busy = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(runs + 2);
    try {
      for (int i = 0; i < 2; i++) {
        pool.submit(() -> spin(busy));
      }
      List<Future<String>> digests = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        digests.add(pool.submit(() -> trainAndDigest(train)));
      }
      List<String> results = new ArrayList<>();
      for (Future<String> digest : digests) {
        results.add(digest.get());
      }
      assertThat(results).hasSize(runs).containsOnly(results.get(0));
    } finally {
      busy.set(false);
      pool.shutdown();
    }
  }

  private static void spin(AtomicBoolean busy) {
    double sink = 0;
    while (busy.get()) {
      sink += Math.sqrt(sink + 1);
    }
  }

  /** One-image steps over {@code train}, then a digest of every variable the session holds. */
  private static String trainAndDigest(ModelInput train) throws NoSuchAlgorithmException {
    ConfigProto threads =
        ConfigProto.newBuilder()
            .setUsePerSessionThreads(true)
            .setInterOpParallelismThreads(8)
            .setIntraOpParallelismThreads(2)
            .putDeviceCount("GPU", 0)
            .build();
    int batch = 1;
    float[] pixels = new float[batch * Preprocessing.MODEL_PIXELS];
    int[] labels = new int[batch];
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forTraining(graph, ModelVariant.REFERENCE, 1);
      TrainingStep step = new TrainingStep(graph, model, Recipe.reference());
      try (Session session = new Session(graph, threads)) {
        for (int first = 0; first < train.count(); first += batch) {
          train.copyImages(first, batch, pixels, 0);
          System.arraycopy(train.labels(), first, labels, 0, batch);
          step.run(session, pixels, labels, batch);
        }
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (String name : StepRaces.variableNames(graph.toGraphDef())) {
          try (Result result = session.runner().fetch(name).run()) {
            TFloat32 value = (TFloat32) result.get(0);
            ByteDataBuffer bytes = value.asRawTensor().data();
            byte[] copy = new byte[(int) bytes.size()];
            bytes.read(copy);
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update(copy);
          }
        }
        return HexFormat.of().formatHex(digest.digest());
      }
    }
  }
}
