package org.lenet5.export;

import org.lenet5.data.DataDescription;
import org.lenet5.data.MnistDataset;
import org.lenet5.data.Preprocessing;
import org.lenet5.images.PilBilinearResize;
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
 *       N]}, {@code classes} int64 {@code [-1]}, {@code logits} float32 {@code [-1, N]}, N the
 *       number of classes.
 *   <li>{@value #PREPROCESSED_KEY}: the same outputs for input {@code images} already resized to
 *       32x32 and normalized, float32 {@code [-1, 32, 32, 1]}.
 * </ul>
 *
 * <p>The in-graph preprocessing repeats the training preprocessing exactly: Pillow's bilinear
 * resize as matrix products with its fixed-point weights, split so that float32 holds every sum
 * exactly, and its rounding after each pass, then scaling and normalization rounded step by step as
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

  /** Fractional bits of Pillow's fixed-point weights (22), and half of them. */
  private static final int PRECISION = PilBilinearResize.precisionBits();

  private static final int HALF = PRECISION / 2;

  private final Lenet5Graph model;
  private final Signature serving;
  private final Signature preprocessed;

  private ServingGraph(Graph graph, DataDescription data, ModelVariant variant) {
    this.model = Lenet5Graph.forInference(graph, variant, data.classes());
    Ops tf = model.ops();
    Placeholder<TFloat32> pixels =
        tf.withName("pixels").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, RAW, RAW,
            1)));
    Operand<TFloat32> normalized = preprocess(tf.withSubScope("preprocessing"), pixels, data);
    this.serving = signature(SERVING_KEY, tf.withSubScope("serving"), pixels,
        model.inference(normalized));
    this.preprocessed =
        signature(PREPROCESSED_KEY, tf.withSubScope("preprocessed"), model.images(),
            model.inferenceLogits());
  }

  /**
   * Builds the serving graph of {@code variant} into {@code graph}, for the data's classes,
   * normalizing with its training images' statistics. Its variables are to be restored from a
   * training checkpoint of the same variant and data.
   */
  public static ServingGraph build(Graph graph, DataDescription data, ModelVariant variant) {
    return new ServingGraph(graph, data, variant);
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

  private static Operand<TFloat32> preprocess(
      Ops tf, Operand<TFloat32> pixels, DataDescription dataset) {
    PilBilinearResize resize = new PilBilinearResize(RAW, RAW, SIZE, SIZE);
    Operand<TFloat32> levels =
        tf.clipByValue(
            tf.math.round(tf.reshape(pixels, tf.constant(new int[] {-1, RAW, RAW}))),
            tf.constant(0f),
            tf.constant(255f));
    // Rows first: [28 (y), N, 28 (x)], so that both passes are plain matrix products.
    Operand<TFloat32> rowsByY =
        tf.reshape(
            tf.linalg.transpose(levels, tf.constant(new int[] {1, 0, 2})),
            tf.constant(new int[] {-1, RAW}));
    // Horizontal pass: each of the 28*N rows becomes 32 wide.
    Operand<TFloat32> rows =
        resizePass(tf, rowsByY, resize.horizontalWeights(), false);
    // Vertical pass: [32, 28] weights times the [28 (y), N*32] columns.
    Operand<TFloat32> columns =
        resizePass(
            tf,
            tf.reshape(rows, tf.constant(new int[] {RAW, -1})),
            resize.verticalWeights(),
            true);
    // [32 (y), N, 32 (x)] -> [N, 32, 32]
    Operand<TFloat32> resized =
        tf.linalg.transpose(
            tf.reshape(columns, tf.constant(new int[] {SIZE, -1, SIZE})),
            tf.constant(new int[] {1, 0, 2}));
    // Scaling and normalization give each grey level the very float training fed: training's
    // float32 expression (level / 255f - mean) / std, one correctly rounded step at a time.
    // TensorFlow's float32 division is not correctly rounded (it differed on half the levels), so
    // each division runs in float64 and is rounded to float32 after it; a table lookup took
    // twice as long.
    Preprocessing normalization = dataset.preprocessing();
    Operand<TFloat32> scaled =
        tf.dtypes.cast(
            tf.math.div(tf.dtypes.cast(resized, TFloat64.class), tf.constant(255.0)),
            TFloat32.class);
    Operand<TFloat32> centred = tf.math.sub(scaled, tf.constant(normalization.mean()));
    Operand<TFloat32> normalized =
        tf.dtypes.cast(
            tf.math.div(
                tf.dtypes.cast(centred, TFloat64.class), tf.constant((double) normalization.std())),
            TFloat32.class);
    return tf.withName("normalized")
        .reshape(normalized, tf.constant(new int[] {-1, SIZE, SIZE, 1}));
  }

  /**
   * One of Pillow's passes, {@code clip8((sum of level * weight + 2^(p-1)) >> p)} with p = 22
   * fractional bits, exactly, in float32 products. Each weight is split into a high and a low half
   * of 11 bits, w = 2^11 hi + lo, so that every product and partial sum
   * of levels (0–255) with either half is an integer below 2^24, which float32 holds exactly. With
   * the two sums H and L, Pillow's value is floor((H + k) / 2^11) for k = floor((L + 2^(p-1)) /
   * 2^11): the low sum's bits below 2^11 cannot carry into the result. Every step is exact, so the
   * pass is bit-identical to Pillow's integer arithmetic; float64 products, which hold the sums
   * whole, took twice as long.
   *
   * @param weights {@code [out][in]} fixed-point weights
   * @param fromLeft whether the weights multiply {@code input} from the left ({@code [out, in] x
   *     [in, m]}) rather than from the right ({@code [m, in] x [in, out]})
   */
  private static Operand<TFloat32> resizePass(
      Ops tf, Operand<TFloat32> input, int[][] weights, boolean fromLeft) {
    requireExactInFloat32(weights);
    Operand<TFloat32> high = tf.constant(weightHalf(weights, true, !fromLeft));
    Operand<TFloat32> low = tf.constant(weightHalf(weights, false, !fromLeft));
    Operand<TFloat32> highSum =
        fromLeft ? tf.linalg.matMul(high, input) : tf.linalg.matMul(input, high);
    Operand<TFloat32> lowSum = fromLeft ? tf.linalg.matMul(low, input) : tf.linalg.matMul(input, low);
    float unit = 1f / (1 << HALF);
    Operand<TFloat32> carry =
        tf.math.floor(
            tf.math.add(
                tf.math.mul(lowSum, tf.constant(unit)),
                tf.constant((float) (1 << (PRECISION - 1 - HALF)))));
    return tf.clipByValue(
        tf.math.floor(tf.math.mul(tf.math.add(highSum, carry), tf.constant(unit))),
        tf.constant(0f),
        tf.constant(255f));
  }

  /**
   * Checks the bounds that make {@link #resizePass} exact: for levels up to 255, each output's
   * low sum below 2^21 (so L / 2^11 + 2^10 keeps 11 fractional bits within float32's 24) and its
   * high sum below 2^23. Pillow's bilinear weights for 28 → 32 use at most three inputs per
   * output, far inside both.
   */
  private static void requireExactInFloat32(int[][] weights) {
    for (int[] row : weights) {
      long high = 0;
      long low = 0;
      for (int weight : row) {
        if (weight < 0) {
          throw new IllegalStateException("negative resize weight " + weight);
        }
        high += 255L * (weight >> HALF);
        low += 255L * (weight & ((1 << HALF) - 1));
      }
      if (low >= 1L << 21 || high >= 1L << 23) {
        throw new IllegalStateException(
            "resize weights too large for exact float32 sums: " + low + ", " + high);
      }
    }
  }

  /** The high or low halves of fixed-point weights, as {@code [out][in]} or transposed. */
  private static float[][] weightHalf(int[][] weights, boolean high, boolean transpose) {
    int outputs = weights.length;
    int inputs = weights[0].length;
    float[][] half = transpose ? new float[inputs][outputs] : new float[outputs][inputs];
    for (int out = 0; out < outputs; out++) {
      for (int in = 0; in < inputs; in++) {
        int value = high ? weights[out][in] >> HALF : weights[out][in] & ((1 << HALF) - 1);
        if (transpose) {
          half[in][out] = value;
        } else {
          half[out][in] = value;
        }
      }
    }
    return half;
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
