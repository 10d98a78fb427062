package org.lenet5.frontend;

/**
 * The names of the parameters that the command line and the Maven plugin share, written once:
 * the library's name (the builder method's, {@code batchSize}), the command line's option ({@link
 * Cli}: {@code --batch-size}) and the plugin's user property ({@link Maven}: {@code
 * lenet5.batchSize}; the POM element is the library's name). Annotations need compile-time
 * constants, hence constants rather than a conversion; {@code ParameterNamesTest} checks that
 * every option and property is its name's.
 */
public final class ParameterNames {

  public static final String DATASET = "dataset";
  public static final String DATA_DIR = "dataDir";
  public static final String CACHE_DIR = "cacheDir";
  public static final String RECIPE = "recipe";
  public static final String VARIANT = "variant";
  public static final String AUGMENT = "augment";
  public static final String EPOCHS = "epochs";
  public static final String BATCH_SIZE = "batchSize";
  public static final String LEARNING_RATE = "learningRate";
  public static final String LEARNING_RATE_DECAY = "learningRateDecay";
  public static final String SEED = "seed";
  public static final String LIMIT_TRAIN = "limitTrain";
  public static final String VALIDATION_SPLIT = "validationSplit";
  public static final String EARLY_STOP = "earlyStop";
  public static final String KEEP = "keep";
  public static final String LOG_EVERY = "logEvery";
  public static final String EXPORT_DIR = "exportDir";
  public static final String DEVICE = "device";
  public static final String GPU_MEMORY_FRACTION = "gpuMemoryFraction";
  public static final String CHECKPOINT_EVERY = "checkpointEvery";
  public static final String KEEP_CHECKPOINTS = "keepCheckpoints";
  public static final String RESUME = "resume";
  public static final String MODEL = "model";
  public static final String VERBOSE = "verbose";

  private ParameterNames() {}

  /** The command line's options: {@code --} and the name with its words joined by hyphens. */
  public static final class Cli {
    public static final String DATASET = "--dataset";
    public static final String DATA_DIR = "--data-dir";
    public static final String CACHE_DIR = "--cache-dir";
    public static final String RECIPE = "--recipe";
    public static final String VARIANT = "--variant";
    public static final String AUGMENT = "--augment";
    public static final String EPOCHS = "--epochs";
    public static final String BATCH_SIZE = "--batch-size";
    public static final String LEARNING_RATE = "--learning-rate";
    public static final String LEARNING_RATE_DECAY = "--learning-rate-decay";
    public static final String SEED = "--seed";
    public static final String LIMIT_TRAIN = "--limit-train";
    public static final String VALIDATION_SPLIT = "--validation-split";
    public static final String EARLY_STOP = "--early-stop";
    public static final String KEEP = "--keep";
    public static final String LOG_EVERY = "--log-every";
    public static final String EXPORT_DIR = "--export-dir";
    public static final String DEVICE = "--device";
    public static final String GPU_MEMORY_FRACTION = "--gpu-memory-fraction";
    public static final String CHECKPOINT_EVERY = "--checkpoint-every";
    public static final String KEEP_CHECKPOINTS = "--keep-checkpoints";
    public static final String RESUME = "--resume";
    public static final String MODEL = "--model";
    public static final String VERBOSE = "--verbose";

    private Cli() {}

    /** The option of a name: {@code batchSize} becomes {@code --batch-size}. */
    public static String of(String name) {
      StringBuilder option = new StringBuilder("--");
      for (char c : name.toCharArray()) {
        if (Character.isUpperCase(c)) {
          option.append('-').append(Character.toLowerCase(c));
        } else {
          option.append(c);
        }
      }
      return option.toString();
    }
  }

  /** The plugin's user properties: {@value #PREFIX} and the name. */
  public static final class Maven {
    /** What every property of the plugin starts with. */
    public static final String PREFIX = "lenet5.";

    public static final String DATASET = PREFIX + ParameterNames.DATASET;
    public static final String DATA_DIR = PREFIX + ParameterNames.DATA_DIR;
    public static final String CACHE_DIR = PREFIX + ParameterNames.CACHE_DIR;
    public static final String RECIPE = PREFIX + ParameterNames.RECIPE;
    public static final String VARIANT = PREFIX + ParameterNames.VARIANT;
    public static final String AUGMENT = PREFIX + ParameterNames.AUGMENT;
    public static final String EPOCHS = PREFIX + ParameterNames.EPOCHS;
    public static final String BATCH_SIZE = PREFIX + ParameterNames.BATCH_SIZE;
    public static final String LEARNING_RATE = PREFIX + ParameterNames.LEARNING_RATE;
    public static final String LEARNING_RATE_DECAY = PREFIX + ParameterNames.LEARNING_RATE_DECAY;
    public static final String SEED = PREFIX + ParameterNames.SEED;
    public static final String LIMIT_TRAIN = PREFIX + ParameterNames.LIMIT_TRAIN;
    public static final String VALIDATION_SPLIT = PREFIX + ParameterNames.VALIDATION_SPLIT;
    public static final String EARLY_STOP = PREFIX + ParameterNames.EARLY_STOP;
    public static final String KEEP = PREFIX + ParameterNames.KEEP;
    public static final String LOG_EVERY = PREFIX + ParameterNames.LOG_EVERY;
    public static final String EXPORT_DIR = PREFIX + ParameterNames.EXPORT_DIR;
    public static final String DEVICE = PREFIX + ParameterNames.DEVICE;
    public static final String GPU_MEMORY_FRACTION = PREFIX + ParameterNames.GPU_MEMORY_FRACTION;
    public static final String CHECKPOINT_EVERY = PREFIX + ParameterNames.CHECKPOINT_EVERY;
    public static final String KEEP_CHECKPOINTS = PREFIX + ParameterNames.KEEP_CHECKPOINTS;
    public static final String RESUME = PREFIX + ParameterNames.RESUME;
    public static final String MODEL = PREFIX + ParameterNames.MODEL;
    public static final String VERBOSE = PREFIX + ParameterNames.VERBOSE;

    private Maven() {}
  }
}
