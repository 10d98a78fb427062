package org.lenet5.model;

import java.util.List;
import org.tensorflow.ndarray.Shape;

/**
 * One row of a network's layer table: what the layer computes, not how TensorFlow runs it
 * ({@link Lowering} decides that). Each layer knows its output shape and its parameters, so that
 * the summary and the parameter counts follow from the declaration alone.
 *
 * <p>Shapes are NHWC with {@code -1} for the batch. Convolutions and pooling are unpadded
 * ("VALID"); pooling windows do not overlap.
 */
public sealed interface Layer {

  /** The layer's name: the prefix of its variables' names and its row in the summary. */
  String name();

  /** The kind of layer as the summary prints it, e.g. {@code Conv2D 5x5, 6 maps}. */
  String type();

  /** The shape of the layer's output for an input of the given shape. */
  Shape outputShape(Shape input);

  /** The layer's variables for an input of the given shape, in the order they are created. */
  default List<Parameter> parameters(Shape input) {
    return List.of();
  }

  /** A square convolution with bias: {@code size}x{@code size} kernels, {@code maps} outputs. */
  static Layer conv(String name, int size, int maps) {
    return new Conv(name, size, maps);
  }

  /** BatchNorm over the channels, with a learned scale and offset and running averages. */
  static Layer batchNorm(String name) {
    return new BatchNorm(name);
  }

  /** max(x, 0). */
  static Layer relu(String name) {
    return new Relu(name);
  }

  /** tanh(x). */
  static Layer tanh(String name) {
    return new Tanh(name);
  }

  /** Max pooling over {@code size}x{@code size} windows at stride {@code size}. */
  static Layer maxPool(String name, int size) {
    return new MaxPool(name, size);
  }

  /** Average pooling over {@code size}x{@code size} windows at stride {@code size}. */
  static Layer avgPool(String name, int size) {
    return new AvgPool(name, size);
  }

  /** The maps of each image as one row of features. */
  static Layer flatten(String name) {
    return new Flatten(name);
  }

  /** A fully connected layer with bias and {@code units} outputs. */
  static Layer dense(String name, int units) {
    return new Dense(name, units);
  }

  /** See {@link Layer#conv}. */
  record Conv(String name, int size, int maps) implements Layer {

    /** The name of the kernel variable's suffix: {@code <name>_kernel}. */
    public static final String KERNEL = "kernel";

    /** The name of the bias variable's suffix: {@code <name>_bias}. */
    public static final String BIAS = "bias";

    @Override
    public String type() {
      return "Conv2D " + size + "x" + size + ", " + maps + " maps";
    }

    @Override
    public Shape outputShape(Shape input) {
      return Shape.of(-1, input.size(1) - size + 1, input.size(2) - size + 1, maps);
    }

    @Override
    public List<Parameter> parameters(Shape input) {
      long channels = input.size(3);
      int fanIn = (int) (size * size * channels);
      return List.of(
          Parameter.uniform(name + "_" + KERNEL, Shape.of(size, size, channels, maps), fanIn),
          Parameter.uniform(name + "_" + BIAS, Shape.of(maps), fanIn));
    }
  }

  /**
   * See {@link Layer#batchNorm}. PyTorch's semantics: training normalizes with the batch's
   * biased variance and moves the running averages towards the batch's mean and unbiased
   * variance with momentum 0.1; inference normalizes with the running averages.
   */
  record BatchNorm(String name) implements Layer {

    /** ε added to the variance before its square root. */
    public static final float EPSILON = 1e-5f;

    /** How far the running averages move towards each batch's statistics. */
    public static final float MOMENTUM = 0.1f;

    /** The variables' name suffixes: scale, offset and the running averages. */
    public static final String GAMMA = "gamma";

    public static final String BETA = "beta";
    public static final String MOVING_MEAN = "moving_mean";
    public static final String MOVING_VARIANCE = "moving_variance";

    @Override
    public String type() {
      return "BatchNorm";
    }

    @Override
    public Shape outputShape(Shape input) {
      return input;
    }

    @Override
    public List<Parameter> parameters(Shape input) {
      Shape channels = Shape.of(input.size(input.numDimensions() - 1));
      return List.of(
          Parameter.filled(name + "_" + GAMMA, channels, 1f, true),
          Parameter.filled(name + "_" + BETA, channels, 0f, true),
          Parameter.filled(name + "_" + MOVING_MEAN, channels, 0f, false),
          Parameter.filled(name + "_" + MOVING_VARIANCE, channels, 1f, false));
    }
  }

  /** See {@link Layer#relu}. */
  record Relu(String name) implements Layer {
    @Override
    public String type() {
      return "ReLU";
    }

    @Override
    public Shape outputShape(Shape input) {
      return input;
    }
  }

  /** See {@link Layer#tanh}. */
  record Tanh(String name) implements Layer {
    @Override
    public String type() {
      return "Tanh";
    }

    @Override
    public Shape outputShape(Shape input) {
      return input;
    }
  }

  /** See {@link Layer#maxPool}. */
  record MaxPool(String name, int size) implements Layer {
    @Override
    public String type() {
      return "MaxPool " + size + "x" + size + "/" + size;
    }

    @Override
    public Shape outputShape(Shape input) {
      return Shape.of(-1, input.size(1) / size, input.size(2) / size, input.size(3));
    }
  }

  /** See {@link Layer#avgPool}. */
  record AvgPool(String name, int size) implements Layer {
    @Override
    public String type() {
      return "AvgPool " + size + "x" + size + "/" + size;
    }

    @Override
    public Shape outputShape(Shape input) {
      return Shape.of(-1, input.size(1) / size, input.size(2) / size, input.size(3));
    }
  }

  /** See {@link Layer#flatten}. */
  record Flatten(String name) implements Layer {
    @Override
    public String type() {
      return "Flatten";
    }

    @Override
    public Shape outputShape(Shape input) {
      return Shape.of(-1, input.size(1) * input.size(2) * input.size(3));
    }
  }

  /** See {@link Layer#dense}. */
  record Dense(String name, int units) implements Layer {

    /** The name of the weight matrix variable's suffix: {@code <name>_weights}. */
    public static final String WEIGHTS = "weights";

    @Override
    public String type() {
      return "Dense " + units;
    }

    @Override
    public Shape outputShape(Shape input) {
      return Shape.of(-1, units);
    }

    @Override
    public List<Parameter> parameters(Shape input) {
      int fanIn = (int) input.size(1);
      return List.of(
          Parameter.uniform(name + "_" + WEIGHTS, Shape.of(fanIn, units), fanIn),
          Parameter.uniform(name + "_" + Conv.BIAS, Shape.of(units), fanIn));
    }
  }

  /**
   * One variable of a layer: its name, shape, whether training changes it through the
   * optimizer, and its initial value.
   *
   * @param fanIn for weights and biases, the inputs per output: they start uniform in
   *     ±1/√fanIn, PyTorch's default; 0 for the variables that start as {@code value}
   * @param value every entry's initial value when {@code fanIn} is 0
   */
  record Parameter(String name, Shape shape, boolean trainable, int fanIn, float value) {

    static Parameter uniform(String name, Shape shape, int fanIn) {
      return new Parameter(name, shape, true, fanIn, 0f);
    }

    static Parameter filled(String name, Shape shape, float value, boolean trainable) {
      return new Parameter(name, shape, trainable, 0, value);
    }

    /** Whether the variable starts at random (uniform in ±1/√fanIn). */
    public boolean random() {
      return fanIn > 0;
    }
  }
}
