package org.lenet5.train;

import java.nio.file.Path;
import org.lenet5.data.DatasetLocator;
import org.lenet5.data.LabeledImages;
import org.lenet5.data.MnistDataset;
import org.lenet5.data.ModelInput;
import org.lenet5.data.Preprocessing;
import org.lenet5.device.TensorFlowPlatform;
import org.lenet5.model.Evaluation;
import org.lenet5.model.Lenet5Checkpoint;
import org.lenet5.model.Lenet5Graph;
import org.lenet5.model.ModelVariant;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** Measures a model's accuracy on the test set, BatchNorm in inference mode. */
public final class Evaluator {

  /** Images per evaluation step. */
  public static final int BATCH_SIZE = 1000;

  private Evaluator() {}

  /**
   * Evaluates a trained checkpoint on the test split of the configured dataset.
   *
   * @param checkpointDir a checkpoint directory written by training
   * @param config supplies the dataset and where its files are
   */
  public static Evaluation evaluate(Path checkpointDir, TrainingConfig config) {
    TensorFlowPlatform.requireSupported();
    ModelVariant variant = Lenet5Checkpoint.variantOf(checkpointDir);
    LabeledImages test = testSet(config);
    ModelInput input = Preprocessing.forDataset(config.dataset()).apply(test);
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forInference(graph, variant);
      try (Session session = new Session(graph)) {
        Lenet5Checkpoint.restore(session, checkpointDir);
        return evaluate(session, model, input);
      }
    }
  }

  /** The raw test split of the configured dataset. */
  public static LabeledImages testSet(TrainingConfig config) {
    return MnistDataset.loadTest(locate(config));
  }

  static org.lenet5.data.DatasetFiles locate(TrainingConfig config) {
    return DatasetLocator.of(config.dataDir().orElse(null), config.cacheDir().orElse(null))
        .locate(config.dataset());
  }

  /** Evaluates the inference path of a model in a live session. */
  public static Evaluation evaluate(Session session, Lenet5Graph model, ModelInput input) {
    int total = input.count();
    int[] predictions = new int[total];
    int correct = 0;
    float[] pixels = new float[Math.min(BATCH_SIZE, total) * Preprocessing.MODEL_PIXELS];
    for (int start = 0; start < total; start += BATCH_SIZE) {
      int count = Math.min(BATCH_SIZE, total - start);
      input.copyImages(start, count, pixels, 0);
      try (TFloat32 images =
              TFloat32.tensorOf(
                  Shape.of(count, Lenet5Graph.INPUT_SIZE, Lenet5Graph.INPUT_SIZE, 1),
                  DataBuffers.of(pixels, true, false)
                      .narrow((long) count * Preprocessing.MODEL_PIXELS));
          Result result =
              session
                  .runner()
                  .feed(model.images(), images)
                  .fetch(model.predictedClasses())
                  .run()) {
        TInt64 predicted = (TInt64) result.get(0);
        for (int i = 0; i < count; i++) {
          int label = (int) predicted.getLong(i);
          predictions[start + i] = label;
          if (label == input.labels()[start + i]) {
            correct++;
          }
        }
      }
    }
    return new Evaluation(correct, total, predictions);
  }
}
