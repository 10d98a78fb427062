package org.lenet5.images;

import org.lenet5.Lenet5Exception;

/**
 * A picture in which no digit stands out from the background: blank, uniform, fully transparent,
 * a single pixel. Classifying it would be a guess, so no class is given.
 */
public final class NoDigitException extends Lenet5Exception {

  private static final long serialVersionUID = 1L;

  private final String reason;

  NoDigitException(String reason) {
    super("no digit found: " + reason);
    this.reason = reason;
  }

  /** Why no digit was found, e.g. {@code the image is uniform}. */
  public String reason() {
    return reason;
  }
}
