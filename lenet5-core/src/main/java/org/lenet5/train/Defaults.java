package org.lenet5.train;

/**
 * The defaults that front ends' annotations name, which need compile-time constants — the
 * plugin's {@code @Parameter(defaultValue = Defaults.LOG_EVERY)}, picocli's {@code defaultValue}
 * — written once: the {@link RecipeParameter} or {@link RunSetting} of each takes it as its
 * default, from which {@link Recipe.Builder} and {@link RunSettings.Builder} start. Each is the
 * string a user would write. The other parameters' defaults are their descriptors' alone.
 */
public final class Defaults {

  /** The named recipe a run starts from. */
  public static final String RECIPE = "reference";

  /** The dataset: MNIST's digits. */
  public static final String DATASET = "mnist";

  /** Evaluate the test set after every epoch, for the learning curves. */
  public static final String EVALUATE_EACH_EPOCH = "true";

  /** Images per training step. */
  public static final String BATCH_SIZE = "64";

  /** Train on all training images. */
  public static final String LIMIT_TRAIN = "0";

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
