package org.lenet5.frontend;

/**
 * How the command line and the Maven plugin name a parameter they share: by the library's name
 * (the builder method's, {@code batchSize}), as the command line's option ({@link Cli#of}: {@code
 * --batch-size}) and the plugin's user property ({@link Maven#of}: {@code lenet5.batchSize}; the
 * POM element is the library's name). The options of the recipe parameters and run settings are
 * derived from their descriptors ({@code org.lenet5.train.ParameterDescriptor}); the constants
 * here are the names that annotations need as compile-time constants, and {@code
 * ParameterNamesTest} checks that each is its name's.
 */
public final class ParameterNames {

  public static final String DATASET = "dataset";
  public static final String DATA_DIR = "dataDir";
  public static final String CACHE_DIR = "cacheDir";
  public static final String RECIPE = "recipe";
  public static final String EPOCHS = "epochs";
  public static final String BATCH_SIZE = "batchSize";
  public static final String LIMIT_TRAIN = "limitTrain";
  public static final String EXPORT_DIR = "exportDir";
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
    public static final String EPOCHS = "--epochs";
    public static final String BATCH_SIZE = "--batch-size";
    public static final String LIMIT_TRAIN = "--limit-train";
    public static final String EXPORT_DIR = "--export-dir";
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
    public static final String EXPORT_DIR = PREFIX + ParameterNames.EXPORT_DIR;
    public static final String RESUME = PREFIX + ParameterNames.RESUME;
    public static final String MODEL = PREFIX + ParameterNames.MODEL;
    public static final String VERBOSE = PREFIX + ParameterNames.VERBOSE;

    private Maven() {}

    /** The property of a name: {@code batchSize} becomes {@code lenet5.batchSize}. */
    public static String of(String name) {
      return PREFIX + name;
    }
  }
}
