package org.lenet5.train;

/**
 * The defaults of the training options, written once: {@link Recipe.Builder} and {@link
 * RunSettings.Builder} start from them, and the front ends' annotations, which need
 * compile-time constants, name them — the
 * plugin's {@code @Parameter(defaultValue = Defaults.EPOCHS)}, picocli's {@code defaultValue} —
 * so that the command line, the plugin and the library cannot drift apart. Each is the string a
 * user would write.
 */
public final class Defaults {

  /** The named recipe a run starts from. */
  public static final String RECIPE = "reference";

  /** The dataset: MNIST's digits. */
  public static final String DATASET = "mnist";

  /** The architecture: the tutorial's, with BatchNorm. */
  public static final String VARIANT = "reference";

  /** Train on the images as they are. */
  public static final String AUGMENT = "false";

  /** Evaluate the test set after every epoch, for the learning curves. */
  public static final String EVALUATE_EACH_EPOCH = "true";

  /** Passes over the training set. */
  public static final String EPOCHS = "10";

  /** Images per training step. */
  public static final String BATCH_SIZE = "64";

  /** Adam's learning rate. */
  public static final String LEARNING_RATE = "0.001";

  /** The learning rate's factor after every epoch: constant. */
  public static final String LEARNING_RATE_DECAY = "1";

  /** Adam's β1. */
  public static final String BETA1 = "0.9";

  /** Adam's β2. */
  public static final String BETA2 = "0.999";

  /** Adam's ε. */
  public static final String EPSILON = "1e-8";

  /** Seeds the initial weights and the shuffling. */
  public static final String SEED = "1";

  /** Train on all training images. */
  public static final String LIMIT_TRAIN = "0";

  /** Train every epoch: no early stopping. */
  public static final String EARLY_STOP = "0";

  /** Keep the last epoch's weights. */
  public static final String KEEP = "last";

  /** Steps between two loss lines. */
  public static final String LOG_EVERY = "400";

  /** Where to run: a GPU if TensorFlow sees one, else the CPU. */
  public static final String DEVICE = "auto";

  /** No cap on TensorFlow's share of GPU memory. */
  public static final String GPU_MEMORY_FRACTION = "0";

  /** Epochs between two resumable checkpoints. */
  public static final String CHECKPOINT_EVERY = "1";

  /** Epoch checkpoints kept. */
  public static final String KEEP_CHECKPOINTS = "3";

  private Defaults() {}
}
