package org.lenet5.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lenet5.TestData;
import org.lenet5.TrainedModels;
import org.lenet5.data.Dataset;
import org.lenet5.data.ModelInput;
import org.lenet5.data.Preprocessing;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The fast lowering (first block by pooling phase, BatchNorm as matrix products in training and
 * folded into the convolution in inference) against the plain one (Conv2D, FusedBatchNormV3,
 * MaxPool, MatMul), built over the same variables in one graph, at a trained model's weights and
 * running averages, on a batch of real images: every layer's output, the logits, the gradient of
 * the loss to every trainable variable, and both BatchNorm layers' running-average updates.
 *
 * <p>Each comparison is relative to the largest magnitude of the plain value (per layer, per
 * variable), so one tolerance, {@value #TOLERANCE}, covers quantities of any scale; the
 * formulations round differently, nothing more (measured: outputs and logits within 1.2e-5 in
 * training and 6e-7 in inference, gradients within 4e-5, running averages within 2.5e-6). The
 * gradient of a convolution's bias before BatchNorm is zero but for rounding (BatchNorm subtracts
 * the bias again), so it is compared relative to the kernel's gradient.
 *
 * <p>ReLU and max pooling have kinks: where a value lies within rounding of zero, or of another
 * value in its pooling window, the two formulations may take different sides, and one element's
 * gradient then goes elsewhere (on 64 images of the trained model, one of 100,000 ReLU outputs
 * of the second block did, and moved bn2_beta's gradient by 4 %). The gradients are therefore
 * compared on a batch where both lowerings make every ReLU and pooling decision alike, which the
 * test checks; it takes the first such batch of {@value #BATCH} images.
 */
class LoweringTest {

  private static final int BATCH = 16;

  /** How many batches to try for one where both lowerings decide every ReLU and pooling alike. */
  private static final int CANDIDATE_BATCHES = 8;

  /** The largest difference allowed, as a fraction of the largest plain value compared. */
  private static final float TOLERANCE = 1e-4f;

  private final ModelVariant variant = ModelVariant.REFERENCE;

  @Test
  void trainingPathsAgreeLayerByLayerInLogitsAndInEveryGradient() {
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forTraining(graph, variant, 3);
      Ops tf = model.ops();
      Lowered fast = model.trainingPath();
      Lowered plain =
          Lowering.plain()
              .training(tf, variant.architecture(), model.modelVariables(), model.images());
      List<Variable<TFloat32>> variables = model.trainableVariables();
      Output<?>[] inputs = new Output<?>[variables.size()];
      for (int i = 0; i < inputs.length; i++) {
        inputs[i] = variables.get(i).asOutput();
      }
      Output<?>[] fastGradients = graph.addGradients(model.loss().asOutput(), inputs);
      Output<?>[] plainGradients =
          graph.addGradients(loss(tf, plain.logits(), model).asOutput(), inputs);
      Batch input = batchWithTheSameDecisions(graph, model, fast, plain);

      List<String> names = new ArrayList<>();
      List<Operand<?>> fastValues = new ArrayList<>();
      List<Operand<?>> plainValues = new ArrayList<>();
      for (Layer layer : variant.architecture().layers()) {
        names.add("output of " + layer.name());
        fastValues.add(fast.output(layer.name()));
        plainValues.add(plain.output(layer.name()));
      }
      for (int i = 0; i < inputs.length; i++) {
        names.add("gradient to " + variables.get(i).op().name());
        fastValues.add(fastGradients[i]);
        plainValues.add(plainGradients[i]);
      }
      compare(graph, model, input, names, fastValues, plainValues, biasesBeforeBatchNorm());
    }
  }

  @Test
  void inferencePathsAgreeLayerByLayer() {
    Batch input = batch(0);
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forInference(graph, variant);
      Lowered fast = model.inferencePath();
      Lowered plain =
          Lowering.plain()
              .inference(model.ops(), variant.architecture(), model.modelVariables(),
                  model.images());
      List<String> names = new ArrayList<>();
      List<Operand<?>> fastValues = new ArrayList<>();
      List<Operand<?>> plainValues = new ArrayList<>();
      for (Layer layer : variant.architecture().layers()) {
        names.add("output of " + layer.name());
        fastValues.add(fast.output(layer.name()));
        plainValues.add(plain.output(layer.name()));
      }
      compare(graph, model, input, names, fastValues, plainValues, Map.of());
    }
  }

  @Test
  void aLayerThatNoRuleLowersFailsNamingIt() {
    // The first block by pooling phase and nothing else: conv2 is left with no rule.
    Lowering firstBlockOnly =
        new Lowering(List.of(PhaseBlock.TRAINING), List.of(PhaseBlock.INFERENCE));
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forInference(graph, variant);
      assertThatThrownBy(
              () ->
                  firstBlockOnly.inference(model.ops(), variant.architecture(),
                      model.modelVariables(), model.images()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("no rule lowers layer 4, conv2 (Conv[name=conv2, size=5, maps=16])");
    }
  }

  /**
   * Both lowerings move both BatchNorm layers' running averages to the same values: the fast
   * ones by PyTorch's rule on their own batch statistics, the plain ones by FusedBatchNormV3's
   * {@code exponential_avg_factor}. Each starts from the trained model's averages.
   */
  @Test
  void runningAverageUpdatesAgree() {
    Batch input = batch(0);
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forTraining(graph, variant, 3);
      Lowered plain =
          Lowering.plain()
              .training(model.ops(), variant.architecture(), model.modelVariables(),
                  model.images());
      assertThat(model.statisticUpdates()).hasSize(4);
      float[][] fast = updated(graph, model, input, model.statisticUpdates());
      float[][] reference = updated(graph, model, input, plain.statisticUpdates());
      String[] names = {"bn1 mean", "bn1 variance", "bn2 mean", "bn2 variance"};
      for (int i = 0; i < names.length; i++) {
        assertWithin(names[i], fast[i], reference[i], largest(reference[i]));
      }
    }
  }

  /** Preprocessed training images and their labels. */
  private record Batch(float[] pixels, int[] labels) {}

  /** Training images {@code index·BATCH} to {@code (index + 1)·BATCH − 1}. */
  private static Batch batch(int index) {
    ModelInput all =
        Preprocessing.forDataset(Dataset.MNIST)
            .apply(TestData.mnist().train().first((index + 1) * BATCH));
    float[] pixels = new float[BATCH * Preprocessing.MODEL_PIXELS];
    all.copyImages(index * BATCH, BATCH, pixels, 0);
    return new Batch(
        pixels, Arrays.copyOfRange(all.labels(), index * BATCH, (index + 1) * BATCH));
  }

  /**
   * The first candidate batch on which the two training paths' ReLUs pass and block the same
   * values and their max poolings pick the same element of every window.
   */
  private Batch batchWithTheSameDecisions(
      Graph graph, Lenet5Graph model, Lowered fast, Lowered plain) {
    List<Layer> layers = variant.architecture().layers();
    List<Integer> relus = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i) instanceof Layer.Relu) {
        relus.add(i);
      }
    }
    try (Session session = new Session(graph)) {
      Lenet5Checkpoint.restore(session, TrainedModels.quick().checkpoint());
      for (int candidate = 0; candidate < CANDIDATE_BATCHES; candidate++) {
        Batch input = batch(candidate);
        try (TFloat32 images = images(input)) {
          Session.Runner runner = session.runner().feed(model.images(), images);
          for (int relu : relus) {
            runner.fetch(fast.output(layers.get(relu).name()));
            runner.fetch(plain.output(layers.get(relu).name()));
          }
          try (Result result = runner.run()) {
            boolean same = true;
            for (int i = 0; i < relus.size(); i++) {
              boolean pooled =
                  relus.get(i) + 1 < layers.size()
                      && layers.get(relus.get(i) + 1) instanceof Layer.MaxPool;
              same &=
                  sameDecisions(
                      (TFloat32) result.get(2 * i), (TFloat32) result.get(2 * i + 1), pooled);
            }
            if (same) {
              return input;
            }
          }
        }
      }
    }
    throw new AssertionError(
        "no batch of " + CANDIDATE_BATCHES + " where both lowerings make the same ReLU and"
            + " pooling decisions");
  }

  /**
   * Whether two ReLU outputs are positive at the same places and, if a 2x2 max pooling follows,
   * have their first maximum at the same place in every window.
   */
  private static boolean sameDecisions(TFloat32 fast, TFloat32 plain, boolean pooled) {
    float[] a = floats(fast);
    float[] b = floats(plain);
    for (int i = 0; i < a.length; i++) {
      if ((a[i] > 0) != (b[i] > 0)) {
        return false;
      }
    }
    if (!pooled) {
      return true;
    }
    Shape shape = plain.shape();
    int height = (int) shape.size(1);
    int width = (int) shape.size(2);
    int channels = (int) shape.size(3);
    for (int image = 0; image < shape.size(0); image++) {
      for (int y = 0; y < height; y += 2) {
        for (int x = 0; x < width; x += 2) {
          for (int c = 0; c < channels; c++) {
            int first = ((image * height + y) * width + x) * channels + c;
            int[] window = {first, first + channels, first + width * channels,
                first + (width + 1) * channels};
            if (firstMaximum(a, window) != firstMaximum(b, window)) {
              return false;
            }
          }
        }
      }
    }
    return true;
  }

  private static int firstMaximum(float[] values, int[] window) {
    int best = 0;
    for (int i = 1; i < window.length; i++) {
      if (values[window[i]] > values[window[best]]) {
        best = i;
      }
    }
    return best;
  }

  /** The gradients to compare with another's scale: each conv bias before BatchNorm, its kernel. */
  private Map<String, String> biasesBeforeBatchNorm() {
    Map<String, String> scales = new HashMap<>();
    List<Layer> layers = variant.architecture().layers();
    for (int i = 0; i + 1 < layers.size(); i++) {
      if (layers.get(i) instanceof Layer.Conv && layers.get(i + 1) instanceof Layer.BatchNorm) {
        String name = layers.get(i).name();
        scales.put("gradient to " + name + "_bias", "gradient to " + name + "_kernel");
      }
    }
    return scales;
  }

  private static Operand<TFloat32> loss(Ops tf, Operand<TFloat32> logits, Lenet5Graph model) {
    Operand<TFloat32> oneHot =
        tf.oneHot(model.labels(), tf.constant(model.classes()), tf.constant(1f),
            tf.constant(0f));
    return tf.math.mean(
        tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss(), tf.constant(0));
  }

  /** Runs the updates from the trained model's variables; the running averages after them. */
  private static float[][] updated(
      Graph graph, Lenet5Graph model, Batch input, List<Op> updates) {
    try (Session session = new Session(graph);
        TFloat32 images = images(input)) {
      Lenet5Checkpoint.restore(session, TrainedModels.quick().checkpoint());
      Session.Runner runner = session.runner().feed(model.images(), images);
      updates.forEach(update -> runner.fetch(update.op().output(0)));
      try (Result result = runner.run()) {
        float[][] values = new float[updates.size()][];
        for (int i = 0; i < values.length; i++) {
          values[i] = floats((TFloat32) result.get(i));
        }
        return values;
      }
    }
  }

  private static void compare(
      Graph graph,
      Lenet5Graph model,
      Batch input,
      List<String> names,
      List<Operand<?>> fast,
      List<Operand<?>> plain,
      Map<String, String> scaleOf) {
    try (Session session = new Session(graph);
        TFloat32 images = images(input);
        TInt32 labels = TInt32.vectorOf(input.labels())) {
      Lenet5Checkpoint.restore(session, TrainedModels.quick().checkpoint());
      Session.Runner runner = session.runner().feed(model.images(), images);
      if (model.labels() != null) {
        runner.feed(model.labels(), labels);
      }
      for (int i = 0; i < names.size(); i++) {
        runner.fetch(fast.get(i)).fetch(plain.get(i));
      }
      try (Result result = runner.run()) {
        Map<String, Float> largest = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
          largest.put(names.get(i), largest(floats((TFloat32) result.get(2 * i + 1))));
        }
        for (int i = 0; i < names.size(); i++) {
          String name = names.get(i);
          assertWithin(
              name,
              floats((TFloat32) result.get(2 * i)),
              floats((TFloat32) result.get(2 * i + 1)),
              largest.get(scaleOf.getOrDefault(name, name)));
        }
      }
    }
  }

  private static TFloat32 images(Batch input) {
    return TFloat32.tensorOf(
        Shape.of(BATCH, Lenet5Graph.INPUT_SIZE, Lenet5Graph.INPUT_SIZE, 1),
        DataBuffers.of(input.pixels()));
  }

  private static void assertWithin(String name, float[] fast, float[] plain, float largest) {
    assertThat(fast).as(name).hasSameSizeAs(plain);
    float worst = 0;
    for (int i = 0; i < plain.length; i++) {
      worst = Math.max(worst, Math.abs(fast[i] - plain[i]));
    }
    assertThat(worst).as("%s: worst difference of largest %s", name, largest)
        .isLessThanOrEqualTo(TOLERANCE * largest);
  }

  private static float largest(float[] values) {
    float largest = 0;
    for (float value : values) {
      largest = Math.max(largest, Math.abs(value));
    }
    return largest;
  }

  private static float[] floats(TFloat32 tensor) {
    float[] values = new float[(int) tensor.size()];
    tensor.copyTo(DataBuffers.of(values, false, false));
    return values;
  }
}
