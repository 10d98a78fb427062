package org.lenet5.export;

import org.lenet5.data.Dataset;
import org.lenet5.data.MnistDataset;
import org.lenet5.data.PilBilinearResize;
import org.lenet5.data.Preprocessing;
import org.lenet5.model.Lenet5Graph;
import org.lenet5.model.ModelVariant;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;

/**
 * The inference graph that a SavedModel holds: no gradients, no optimizer, only the model with
 * BatchNorm in inference mode, fronted by the preprocessing, so that clients send plain pixels.
 *
 * <p>Signatures (method {@code tensorflow/serving/predict}):
 *
 * <ul>
 *   <li>{@value #SERVING_KEY}: input {@code images}, float32 {@code [-1, 28, 28, 1]}, raw pixel
 *       values 0–255 as in the MNIST files; outputs {@code probabilities} float32 {@code [-1,
 *       10]}, {@code classes} int64 {@code [-1]}, {@code logits} float32 {@code [-1, 10]}.
 *   <li>{@value #PREPROCESSED_KEY}: the same outputs for input {@code images} already resized to
 *       32x32 and normalized, float32 {@code [-1, 32, 32, 1]}.
 * </ul>
 *
 * <p>The in-graph preprocessing repeats the training preprocessing exactly: Pillow's bilinear
 * resize as two matrix products with its fixed-point weights in float64 (exact for these integers)
 * and its rounding after each pass, then scaling and normalization rounded step by step as
 * training's float32 expression is.
 */
public final class ServingGraph {

  /** The default signature's key, the one TensorFlow Serving uses unless told otherwise. */
  public static final String SERVING_KEY = Signature.DEFAULT_KEY;

  /** The key of the signature for preprocessed 32x32 input. */
  public static final String PREPROCESSED_KEY = "preprocessed";

  /** The method name TensorFlow Serving's predict API expects. */
  public static final String PREDICT_METHOD = "tensorflow/serving/predict";

  /** Input and output keys of both signatures. */
  public static final String IMAGES = "images";

  public static final String PROBABILITIES = "probabilities";
  public static final String CLASSES = "classes";
  public static final String LOGITS = "logits";

  private static final int RAW = MnistDataset.IMAGE_SIZE;
  private static final int SIZE = Preprocessing.MODEL_SIZE;

  private final Lenet5Graph model;
  private final Signature serving;
  private final Signature preprocessed;

  private ServingGraph(Graph graph, Dataset dataset, ModelVariant variant) {
    this.model = Lenet5Graph.forInference(graph, variant);
    Ops tf = model.ops();
    Placeholder<TFloat32> pixels =
        tf.withName("pixels").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, RAW, RAW,
            1)));
    Operand<TFloat32> normalized = preprocess(tf.withSubScope("preprocessing"), pixels, dataset);
    this.serving = signature(SERVING_KEY, tf.withSubScope("serving"), pixels,
        model.inference(normalized));
    this.preprocessed =
        signature(PREPROCESSED_KEY, tf.withSubScope("preprocessed"), model.images(),
            model.inferenceLogits());
  }

  /**
   * Builds the serving graph of the reference variant into {@code graph}, normalizing with the
   * dataset's training-set statistics. Its variables are to be restored from a training
   * checkpoint.
   */
  public static ServingGraph build(Graph graph, Dataset dataset) {
    return build(graph, dataset, ModelVariant.REFERENCE);
  }

  /**
   * Builds the serving graph of {@code variant} into {@code graph}, normalizing with the dataset's
   * training-set statistics. Its variables are to be restored from a training checkpoint of the
   * same variant.
   */
  public static ServingGraph build(Graph graph, Dataset dataset, ModelVariant variant) {
    return new ServingGraph(graph, dataset, variant);
  }

  private static Signature signature(
      String key, Ops tf, Operand<TFloat32> input, Operand<TFloat32> logits) {
    return Signature.builder()
        .key(key)
        .methodName(PREDICT_METHOD)
        .input(IMAGES, input)
        .output(PROBABILITIES, tf.withName(PROBABILITIES).nn.softmax(logits))
        .output(CLASSES, tf.withName(CLASSES).math.argMax(logits, tf.constant(1), TInt64.class))
        .output(LOGITS, tf.withName(LOGITS).identity(logits))
        .build();
  }

  private static Operand<TFloat32> preprocess(Ops tf, Operand<TFloat32> pixels, Dataset dataset) {
    PilBilinearResize resize = new PilBilinearResize(RAW, RAW, SIZE, SIZE);
    Operand<TFloat64> levels =
        tf.clipByValue(
            tf.math.round(tf.dtypes.cast(tf.reshape(pixels, tf.constant(new int[] {-1, RAW})),
                TFloat64.class)),
            tf.constant(0.0),
            tf.constant(255.0));
    // Horizontal pass: each of the N*28 rows becomes 32 wide.
    Operand<TFloat64> rows =
        roundFixedPoint(tf, tf.linalg.matMul(levels, transposed(tf, resize.horizontalWeights())));
    // Vertical pass: each image's [28, 32] rows multiplied from the left by the [32, 28] weights.
    Operand<TFloat64> resized =
        roundFixedPoint(
            tf,
            tf.train.batchMatMul(
                tf.constant(new double[][][] {asDoubles(resize.verticalWeights())}),
                tf.reshape(rows, tf.constant(new int[] {-1, RAW, SIZE})),
                TFloat64.class));
    // Scaling and normalization give each grey level the very float training fed: training's
    // float32 expression (level / 255f - mean) / std, one correctly rounded step at a time.
    // TensorFlow's float32 division is not correctly rounded (it differed on half the levels), so
    // each division runs in float64 and is rounded to float32 after it; a table lookup took
    // twice as long.
    Preprocessing normalization = Preprocessing.forDataset(dataset);
    Operand<TFloat32> scaled =
        tf.dtypes.cast(tf.math.div(resized, tf.constant(255.0)), TFloat32.class);
    Operand<TFloat32> centred = tf.math.sub(scaled, tf.constant(normalization.mean()));
    Operand<TFloat32> normalized =
        tf.dtypes.cast(
            tf.math.div(
                tf.dtypes.cast(centred, TFloat64.class), tf.constant((double) normalization.std())),
            TFloat32.class);
    return tf.withName("normalized")
        .reshape(normalized, tf.constant(new int[] {-1, SIZE, SIZE, 1}));
  }

  /** Pillow's {@code clip8((sum + 2^(bits-1)) >> bits)} on exact float64 integers. */
  private static Operand<TFloat64> roundFixedPoint(Ops tf, Operand<TFloat64> sums) {
    double scale = 1L << PilBilinearResize.precisionBits();
    Operand<TFloat64> shifted =
        tf.math.floor(tf.math.div(tf.math.add(sums, tf.constant(scale / 2)), tf.constant(scale)));
    return tf.clipByValue(shifted, tf.constant(0.0), tf.constant(255.0));
  }

  private static Operand<TFloat64> transposed(Ops tf, int[][] weights) {
    double[][] matrix = new double[weights[0].length][weights.length];
    for (int out = 0; out < weights.length; out++) {
      for (int in = 0; in < weights[out].length; in++) {
        matrix[in][out] = weights[out][in];
      }
    }
    return tf.constant(matrix);
  }

  private static double[][] asDoubles(int[][] weights) {
    double[][] matrix = new double[weights.length][];
    for (int out = 0; out < weights.length; out++) {
      matrix[out] = new double[weights[out].length];
      for (int in = 0; in < weights[out].length; in++) {
        matrix[out][in] = weights[out][in];
      }
    }
    return matrix;
  }

  /** The model inside, for restoring its variables. */
  public Lenet5Graph model() {
    return model;
  }

  /** The default signature, for raw 28x28 pixels. */
  public Signature serving() {
    return serving;
  }

  /** The signature for preprocessed 32x32 input. */
  public Signature preprocessed() {
    return preprocessed;
  }
}
