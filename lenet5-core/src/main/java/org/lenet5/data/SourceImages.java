package org.lenet5.data;

/**
 * A data source's images, converted to 28x28 grey levels and labelled, with what a model trained
 * on them records ({@link DataDescription}; its normalization is the training images').
 *
 * @param description the classes, normalization and conversion
 * @param train the images to train (and validate) on
 * @param test the test images: the source's own test set, or those held out of its images
 */
public record SourceImages(DataDescription description, LabeledImages train, LabeledImages test) {}
