package org.lenet5.model;

import static org.lenet5.model.Layer.avgPool;
import static org.lenet5.model.Layer.batchNorm;
import static org.lenet5.model.Layer.conv;
import static org.lenet5.model.Layer.dense;
import static org.lenet5.model.Layer.flatten;
import static org.lenet5.model.Layer.maxPool;
import static org.lenet5.model.Layer.relu;
import static org.lenet5.model.Layer.tanh;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * The architectures {@link Lenet5Graph} can build, each declared as its layer table (the output
 * layer as wide as the data has classes): the
 * reference tutorial's network and two variations on it (the tutorial's "add or remove layers").
 * Layer names are the tutorial's ({@code fc}, {@code fc1}, {@code fc2}) and name the variables,
 * which checkpoints restore by name.
 */
public enum ModelVariant {

  /** The reference tutorial's LeNet5; 61,750 parameters. */
  REFERENCE(
      "reference",
      classes -> Architecture.of(
          conv("conv1", 5, 6), batchNorm("bn1"), relu("relu1"), maxPool("pool1", 2),
          conv("conv2", 5, 16), batchNorm("bn2"), relu("relu2"), maxPool("pool2", 2),
          flatten("flatten"),
          dense("fc", 120), relu("relu3"),
          dense("fc1", 84), relu("relu4"),
          dense("fc2", classes))),

  /** The reference without its two BatchNorm layers; 61,706 parameters. */
  NO_BATCHNORM(
      "no-batchnorm",
      classes -> Architecture.of(
          conv("conv1", 5, 6), relu("relu1"), maxPool("pool1", 2),
          conv("conv2", 5, 16), relu("relu2"), maxPool("pool2", 2),
          flatten("flatten"),
          dense("fc", 120), relu("relu3"),
          dense("fc1", 84), relu("relu4"),
          dense("fc2", classes))),

  /**
   * In the manner of LeCun et al. (1998): C1, S2, C3, S4 with tanh and 2x2 average pooling, C5 as
   * a 5x5 convolution with 120 maps (on the 5x5 maps left after S4, so 1x1 outputs), then F6 with
   * 84 units and a dense output layer instead of the paper's RBF units; 61,706 parameters.
   */
  CLASSIC(
      "classic",
      classes -> Architecture.of(
          conv("conv1", 5, 6), tanh("tanh1"), avgPool("pool1", 2),
          conv("conv2", 5, 16), tanh("tanh2"), avgPool("pool2", 2),
          conv("conv3", 5, 120), tanh("tanh3"),
          flatten("flatten"),
          dense("fc1", 84), tanh("tanh4"),
          dense("fc2", classes)));

  /** The number of classes of MNIST and Fashion-MNIST, for which the parameter counts are given. */
  public static final int TEN_CLASSES = 10;

  private final String id;
  private final IntFunction<Architecture> architecture;

  ModelVariant(String id, IntFunction<Architecture> architecture) {
    this.id = id;
    this.architecture = architecture;
  }

  /** The name used on the command line, in properties and in the export's description. */
  public String id() {
    return id;
  }

  /** The variant's layers for ten classes, as MNIST has. */
  public Architecture architecture() {
    return architecture(TEN_CLASSES);
  }

  /**
   * The variant's layers for {@code classes} classes: the last layer gives one logit per class.
   *
   * @throws IllegalArgumentException if there are fewer than two classes
   */
  public Architecture architecture(int classes) {
    if (classes < 2) {
      throw new IllegalArgumentException("a classifier needs two classes or more, got " + classes);
    }
    return architecture.apply(classes);
  }

  /**
   * The variant named {@code id}.
   *
   * @throws org.lenet5.Lenet5Exception naming the known variants if there is none by that name
   */
  public static ModelVariant fromId(String id) {
    for (ModelVariant variant : values()) {
      if (variant.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
        return variant;
      }
    }
    throw new org.lenet5.Lenet5Exception(
        "unknown model variant '" + id + "'; choose one of: " + idList());
  }

  /** The variants' ids, comma separated, for help texts and messages. */
  public static String idList() {
    return Arrays.stream(values()).map(ModelVariant::id).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return id;
  }
}
