package org.lenet5.data;

import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import org.lenet5.Lenet5Exception;
import org.lenet5.images.ImageConversion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data source's images, converted to 28x28 grey levels and labelled, with what a model trained
 * on them records ({@link DataDescription}; its normalization is the training images').
 *
 * @param description the classes, normalization and conversion
 * @param train the images to train (and validate) on
 * @param test the test images: the source's own test set, or those held out of its images
 * @param validation the source's own validation images, if it has some (else validation images
 *     are held out of {@code train} by the recipe's validation split)
 */
public record SourceImages(
    DataDescription description, LabeledImages train, LabeledImages test,
    Optional<LabeledImages> validation) {

  /** A source's images without validation images of their own. */
  public SourceImages(DataDescription description, LabeledImages train, LabeledImages test) {
    this(description, train, test, Optional.empty());
  }

  /** The share of one's own training images held out for validation unless the recipe says. */
  public static final double OWN_IMAGES_VALIDATION_SPLIT = 0.1;

  private static final Logger LOG = LoggerFactory.getLogger(SourceImages.class);

  /**
   * One's own images (a folder's, a program's), converted plainly: their own test set (repeated
   * and leaked images reported), or else a tenth of each class held out by content; the
   * normalization is the training images'.
   */
  static SourceImages ofOwnImages(
      String source, List<String> classNames, LabeledImages train, Optional<LabeledImages> test) {
    return ofOwnImages(source, classNames, train, test, Optional.empty());
  }

  /** As {@link #ofOwnImages(String, List, LabeledImages, Optional)}, with validation images. */
  static SourceImages ofOwnImages(
      String source, List<String> classNames, LabeledImages train, Optional<LabeledImages> test,
      Optional<LabeledImages> validation) {
    int[] counts = new int[classNames.size()];
    for (int label : train.classes()) {
      counts[label]++;
    }
    for (int label = 0; label < counts.length; label++) {
      if (counts[label] < 2) {
        throw new Lenet5Exception(
            "class '" + classNames.get(label) + "' of " + source + " has " + counts[label]
                + " training image" + (counts[label] == 1 ? "" : "s") + "; a class needs two"
                + " images or more: add images, or remove the class");
      }
    }
    // A test set held out by content never shares an image with training: repeats fall together.
    reportRepeats(train, test.orElse(train.select(new int[0])), validation);
    LabeledImages trainImages = train;
    LabeledImages testImages;
    if (test.isPresent()) {
      testImages = test.get();
    } else {
      ContentSplit.Sides sides = ContentSplit.heldOutTest(train);
      trainImages = sides.kept();
      testImages = sides.heldOut();
    }
    return new SourceImages(
        DataDescription.measured(source, classNames, trainImages, ImageConversion.PLAIN),
        trainImages, testImages, validation);
  }

  /**
   * Warns of training images that repeat another's 28x28 content (they weigh twice), and of test
   * or validation images that are also training images (their accuracy would overstate the
   * model's). A test set held out by content has no such images: repeats fall on the same side.
   */
  private static void reportRepeats(
      LabeledImages train, LabeledImages test, Optional<LabeledImages> validation) {
    int size = train.images().imageSize();
    Map<String, Integer> seen = new HashMap<>();
    int[] labels = train.classes();
    int repeats = 0;
    int conflicts = 0;
    for (int i = 0; i < train.count(); i++) {
      Integer label = seen.putIfAbsent(hash(train.images().pixels(), i * size, size), labels[i]);
      if (label != null) {
        repeats++;
        if (label != labels[i]) {
          conflicts++;
        }
      }
    }
    if (conflicts > 0) {
      LOG.warn("{} training images are also, with the same 28x28 content, images of another"
          + " class: their labels contradict each other; keep each in one class", conflicts);
    }
    if (repeats > conflicts) {
      LOG.warn("{} of the {} training images repeat another of their class (the same 28x28"
          + " image)", repeats - conflicts, train.count());
    }
    reportLeaks(seen.keySet(), test, "test");
    validation.ifPresent(images -> reportLeaks(seen.keySet(), images, "validation"));
  }

  /** Warns of {@code side} images (test, validation) that are also training images. */
  private static void reportLeaks(Set<String> trained, LabeledImages other, String side) {
    int size = other.images().imageSize();
    int leaks = 0;
    for (int i = 0; i < other.count(); i++) {
      if (trained.contains(hash(other.images().pixels(), i * size, size))) {
        leaks++;
      }
    }
    if (leaks > 0) {
      LOG.warn(
          "{} of the {} {} images are also training images (the same 28x28 content): the {}"
              + " accuracy overstates how the model does on new images; remove them from one"
              + " of the two",
          leaks, other.count(), side, side);
    }
  }

  private static String hash(byte[] pixels, int offset, int length) {
    MessageDigest digest = DatasetDownloader.newSha256();
    digest.update(pixels, offset, length);
    return HexFormat.of().formatHex(digest.digest());
  }

}
