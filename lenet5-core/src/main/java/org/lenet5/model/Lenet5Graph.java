package org.lenet5.model;

import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * LeNet5 as a TensorFlow graph: a {@link ModelVariant}'s declared layers, their variables ({@link
 * ModelVariables}) and the ops that {@link Lowering#fast()} lowers them to.
 *
 * <p>A training graph holds two forward paths over the same variables: a training path whose
 * BatchNorm layers normalize with batch statistics and update the running averages (PyTorch
 * semantics: momentum 0.1, epsilon 1e-5, unbiased running variance), and an inference path that
 * normalizes with the running averages. An inference graph holds only the inference path.
 */
public final class Lenet5Graph {

  /** Name of the input placeholder: float32 {@code [batch, 32, 32, 1]}, normalized pixels. */
  public static final String IMAGES = "images";

  /** Name of the labels placeholder: int32 {@code [batch]}, class indices. */
  public static final String LABELS = "labels";

  /** Height and width of the input images. */
  public static final int INPUT_SIZE = 32;

  private static final Lowering LOWERING = Lowering.fast();

  private final Ops tf;
  private final ModelVariant variant;
  private final Architecture architecture;
  private final ModelVariables variables;
  private final Placeholder<TFloat32> images;
  private final Lowered inferencePath;
  private final Operand<TFloat32> inferenceLogits;
  private Operand<TInt64> predictedClasses;
  private Placeholder<TInt32> labels;
  private Lowered trainingPath;
  private Operand<TFloat32> loss;

  private Lenet5Graph(
      Graph graph, ModelVariant variant, int classes, long seed, boolean training) {
    this.tf = Ops.create(graph);
    this.variant = variant;
    this.architecture = variant.architecture(classes);
    this.images =
        tf.withName(IMAGES)
            .placeholder(TFloat32.class, Placeholder.shape(Architecture.INPUT));
    this.variables = new ModelVariables(tf, architecture, seed);
    this.inferencePath = LOWERING.inference(tf, architecture, variables, images);
    this.inferenceLogits = tf.withName("logits").identity(inferencePath.logits());
    if (training) {
      this.labels = tf.withName(LABELS).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      this.trainingPath = LOWERING.training(tf, architecture, variables, images);
      Operand<TFloat32> oneHot =
          tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
      this.loss =
          tf.withName("loss")
              .math
              .mean(
                  tf.nn.softmaxCrossEntropyWithLogits(trainingPath.logits(), oneHot).loss(),
                  tf.constant(0));
    }
  }

  /**
   * Builds both forward paths of the reference variant and the loss into {@code graph}.
   *
   * @param seed seeds the random initial weights, so that a seed always gives the same model
   */
  public static Lenet5Graph forTraining(Graph graph, long seed) {
    return forTraining(graph, ModelVariant.REFERENCE, seed);
  }

  /**
   * Builds both forward paths of the given variant and the loss into {@code graph}.
   *
   * @param seed seeds the random initial weights, so that a seed always gives the same model
   */
  public static Lenet5Graph forTraining(Graph graph, ModelVariant variant, long seed) {
    return forTraining(graph, variant, ModelVariant.TEN_CLASSES, seed);
  }

  /**
   * Builds both forward paths of the given variant for {@code classes} classes, and the loss,
   * into {@code graph}.
   *
   * @param seed seeds the random initial weights, so that a seed always gives the same model
   */
  public static Lenet5Graph forTraining(
      Graph graph, ModelVariant variant, int classes, long seed) {
    return new Lenet5Graph(graph, variant, classes, seed, true);
  }

  /**
   * Builds only the inference path of the reference variant into {@code graph}; its variables
   * are meant to be restored from a checkpoint of a training graph.
   */
  public static Lenet5Graph forInference(Graph graph) {
    return forInference(graph, ModelVariant.REFERENCE);
  }

  /**
   * Builds only the inference path of the given variant into {@code graph}; its variables are
   * meant to be restored from a checkpoint of a training graph of the same variant.
   */
  public static Lenet5Graph forInference(Graph graph, ModelVariant variant) {
    return forInference(graph, variant, ModelVariant.TEN_CLASSES);
  }

  /**
   * Builds only the inference path of the given variant for {@code classes} classes into {@code
   * graph}; its variables are meant to be restored from a checkpoint of a training graph of the
   * same variant and classes.
   */
  public static Lenet5Graph forInference(Graph graph, ModelVariant variant, int classes) {
    return new Lenet5Graph(graph, variant, classes, 0, false);
  }

  /**
   * Builds one more inference path over the same variables, from another input: float32 {@code
   * [batch, 32, 32, 1]}, preprocessed like {@link #images()}.
   *
   * @return the logits, {@code [batch, classes]}
   */
  public Operand<TFloat32> inference(Operand<TFloat32> input) {
    return LOWERING.inference(tf, architecture, variables, input).logits();
  }

  /** The architecture this graph was built as. */
  public ModelVariant variant() {
    return variant;
  }

  /** The number of classes: the width of the logits. */
  public int classes() {
    return architecture.classes();
  }

  /** The {@code Ops} that built this graph, for adding training ops to it. */
  public Ops ops() {
    return tf;
  }

  /** The input placeholder (see {@link #IMAGES}). */
  public Placeholder<TFloat32> images() {
    return images;
  }

  /** The labels placeholder (see {@link #LABELS}); null in an inference graph. */
  public Placeholder<TInt32> labels() {
    return labels;
  }

  /** Logits of the inference path: BatchNorm with running averages. */
  public Operand<TFloat32> inferenceLogits() {
    return inferenceLogits;
  }

  /**
   * The most likely class of each image, by the inference path. The op is added to the graph on
   * the first call, so that graphs that never ask (exports, which have their own) do not carry it.
   */
  public Operand<TInt64> predictedClasses() {
    if (predictedClasses == null) {
      predictedClasses = tf.withName("classes").math.argMax(inferenceLogits, tf.constant(1));
    }
    return predictedClasses;
  }

  /** Logits of the training path: BatchNorm with batch statistics; null in an inference graph. */
  public Operand<TFloat32> trainingLogits() {
    return trainingPath == null ? null : trainingPath.logits();
  }

  /** Mean softmax cross-entropy of the training path; null in an inference graph. */
  public Operand<TFloat32> loss() {
    return loss;
  }

  /** The weights, biases and BatchNorm scales and offsets, in layer order. */
  public List<Variable<TFloat32>> trainableVariables() {
    return variables.trainable();
  }

  /** Every variable of the model by name, trainable or not. */
  public Map<String, Variable<TFloat32>> variables() {
    return variables.all();
  }

  /**
   * Ops that move the BatchNorm running averages towards the current batch's statistics; run them
   * with every training step. None in an inference graph.
   */
  public List<Op> statisticUpdates() {
    return trainingPath == null ? List.of() : trainingPath.statisticUpdates();
  }

  /** Layers, output shapes and parameter counts, as the variant declares them. */
  public ModelSummary summary() {
    return ModelSummary.of(variant, architecture);
  }

  /** The variables, for building another lowering over them (tests). */
  ModelVariables modelVariables() {
    return variables;
  }

  /** The inference path on {@link #images()}, for inspecting its layers (tests). */
  Lowered inferencePath() {
    return inferencePath;
  }

  /** The training path on {@link #images()}, for inspecting its layers (tests); null in inference. */
  Lowered trainingPath() {
    return trainingPath;
  }
}
