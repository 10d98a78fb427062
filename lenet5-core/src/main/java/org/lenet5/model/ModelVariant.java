package org.lenet5.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The architectures {@link Lenet5Graph} can build: the reference tutorial's network and two
 * variations on it (the tutorial's "add or remove layers").
 */
public enum ModelVariant {

  /**
   * The reference: conv 5x5x6 → BatchNorm → ReLU → maxpool → conv 5x5x16 → BatchNorm → ReLU →
   * maxpool → dense 120 → ReLU → dense 84 → ReLU → dense 10; 61,750 parameters.
   */
  REFERENCE("reference", true, false),

  /** The reference without its two BatchNorm layers; 61,706 parameters. */
  NO_BATCHNORM("no-batchnorm", false, false),

  /**
   * In the manner of LeCun et al. (1998): tanh activations, 2x2 average pooling and C5 as a 5x5
   * convolution with 120 maps (on the 5x5 maps left after S4, so 1x1 outputs), then F6 with 84
   * units and a dense output layer instead of the paper's RBF units; 61,706 parameters.
   */
  CLASSIC("classic", false, true);

  private final String id;
  private final boolean batchNorm;
  private final boolean classic;

  ModelVariant(String id, boolean batchNorm, boolean classic) {
    this.id = id;
    this.batchNorm = batchNorm;
    this.classic = classic;
  }

  /** The name used on the command line, in properties and in the export's description. */
  public String id() {
    return id;
  }

  /** Whether the convolutions are followed by BatchNorm. */
  public boolean batchNorm() {
    return batchNorm;
  }

  /** Whether the layers are the 1998 paper's: tanh, average pooling, C5 convolution. */
  boolean classic() {
    return classic;
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
