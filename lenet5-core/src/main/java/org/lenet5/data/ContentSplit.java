package org.lenet5.data;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits labelled images by their content: each image's side follows from the SHA-256 of its 28x28
 * grey levels alone, so that a split needs no seed, is the same on every machine and in every
 * order, puts identical images on the same side, and moves no image when others are added or
 * removed. Each class is split by the same rule, so the sides keep the classes' proportions up to
 * chance; a class that would leave one side empty keeps its image of lowest hash there.
 */
public final class ContentSplit {

  /** Which part of an image's hash decides a split, so that two splits are independent. */
  public enum Purpose {
    /** The test images held out of a source that has no test set of its own. */
    TEST(0),
    /** The validation images held out of the training images. */
    VALIDATION(8);

    private final int offset;

    Purpose(int offset) {
      this.offset = offset;
    }
  }

  /** The two sides of a split. */
  public record Sides(LabeledImages kept, LabeledImages heldOut) {}

  /** The share of each class held out as the test set of data that has none of its own. */
  public static final double HELD_OUT_TEST = 0.1;

  private ContentSplit() {}

  /** Holds out {@value #HELD_OUT_TEST} of every class as the test set. */
  public static Sides heldOutTest(LabeledImages images) {
    return split(images, HELD_OUT_TEST, Purpose.TEST);
  }

  /**
   * Holds out about {@code fraction} of the images of every class.
   *
   * @param fraction 0 (nothing held out) to below 1
   */
  public static Sides split(LabeledImages images, double fraction, Purpose purpose) {
    if (fraction <= 0) {
      return new Sides(images, images.select(new int[0]));
    }
    int size = images.images().imageSize();
    int[] labels = images.classes();
    double[] position = new double[labels.length];
    for (int i = 0; i < labels.length; i++) {
      position[i] = position(images.images().pixels(), i * size, size, purpose);
    }
    List<Integer> kept = new ArrayList<>();
    List<Integer> heldOut = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      (position[i] < fraction ? heldOut : kept).add(i);
    }
    balance(labels, position, kept, heldOut);
    return new Sides(images.select(toArray(kept)), images.select(toArray(heldOut)));
  }

  /**
   * The image's place in [0, 1) for {@code purpose}: eight bytes of its content's SHA-256.
   */
  static double position(byte[] pixels, int offset, int length, Purpose purpose) {
    MessageDigest sha256 = DatasetDownloader.newSha256();
    sha256.update(pixels, offset, length);
    byte[] hash = sha256.digest();
    long bits = 0;
    for (int b = 0; b < 8; b++) {
      bits = (bits << 8) | (hash[purpose.offset + b] & 0xff);
    }
    return (bits >>> 11) * 0x1.0p-53;
  }

  /**
   * A class of two or more images with all of them on one side gives the other side its image
   * of lowest (held-out side) or highest (kept side) position, so both sides see every class.
   */
  private static void balance(
      int[] labels, double[] position, List<Integer> kept, List<Integer> heldOut) {
    int classes = 0;
    for (int label : labels) {
      classes = Math.max(classes, label + 1);
    }
    for (int label = 0; label < classes; label++) {
      int inKept = count(kept, labels, label);
      int inHeldOut = count(heldOut, labels, label);
      if (inKept + inHeldOut < 2) {
        continue;
      }
      if (inHeldOut == 0) {
        move(kept, heldOut, labels, label, position, true);
      } else if (inKept == 0) {
        move(heldOut, kept, labels, label, position, false);
      }
    }
    kept.sort(Integer::compare);
    heldOut.sort(Integer::compare);
  }

  private static int count(List<Integer> side, int[] labels, int label) {
    int count = 0;
    for (int i : side) {
      if (labels[i] == label) {
        count++;
      }
    }
    return count;
  }

  private static void move(
      List<Integer> from, List<Integer> to, int[] labels, int label, double[] position,
      boolean lowest) {
    Integer chosen = null;
    for (Integer i : from) {
      if (labels[i] == label
          && (chosen == null
              || (lowest ? position[i] < position[chosen] : position[i] > position[chosen]))) {
        chosen = i;
      }
    }
    from.remove(chosen);
    to.add(chosen);
  }

  private static int[] toArray(List<Integer> indices) {
    return indices.stream().mapToInt(Integer::intValue).toArray();
  }
}
