package org.lenet5.maven;

/** The user properties of the plugin's parameters, all under {@value #PREFIX}. */
final class PropertyNames {

  static final String PREFIX = "lenet5.";

  static final String DATASET = "lenet5.dataset";
  static final String DATA_DIR = "lenet5.dataDir";
  static final String CACHE_DIR = "lenet5.cacheDir";
  static final String SKIP = "lenet5.skip";
  static final String TRAIN_SKIP = "lenet5.train.skip";
  static final String VERIFY_SKIP = "lenet5.verify.skip";
  static final String FORK = "lenet5.fork";
  static final String JVM_ARGS = "lenet5.jvmArgs";
  static final String VERBOSE = "lenet5.verbose";
  static final String FORCE = "lenet5.force";
  static final String MODEL_CACHE = "lenet5.modelCache";
  static final String ATTACH = "lenet5.attach";
  static final String CLASSIFIER = "lenet5.classifier";
  static final String MODEL_ARTIFACT = "lenet5.modelArtifact";
  static final String MAX_ACCURACY_DROP = "lenet5.maxAccuracyDrop";
  static final String BASELINE = "lenet5.baseline";
  static final String REPORTS_DIR = "lenet5.reportsDir";
  static final String RECIPE = "lenet5.recipe";
  static final String VARIANT = "lenet5.variant";
  static final String AUGMENT = "lenet5.augment";
  static final String EVALUATE_EACH_EPOCH = "lenet5.evaluateEachEpoch";
  static final String EPOCHS = "lenet5.epochs";
  static final String BATCH_SIZE = "lenet5.batchSize";
  static final String LEARNING_RATE = "lenet5.learningRate";
  static final String LEARNING_RATE_DECAY = "lenet5.learningRateDecay";
  static final String SEED = "lenet5.seed";
  static final String LIMIT_TRAIN = "lenet5.limitTrain";
  static final String LOG_EVERY = "lenet5.logEvery";
  static final String RUNS_DIR = "lenet5.runsDir";
  static final String EXPORT_DIR = "lenet5.exportDir";
  static final String DEVICE = "lenet5.device";
  static final String GPU_MEMORY_FRACTION = "lenet5.gpuMemoryFraction";
  static final String CHECKPOINT_EVERY = "lenet5.checkpointEvery";
  static final String KEEP_CHECKPOINTS = "lenet5.keepCheckpoints";
  static final String RESUME = "lenet5.resume";
  static final String MODEL = "lenet5.model";
  static final String MIN_ACCURACY = "lenet5.minAccuracy";
  static final String HALT_ON_FAILURE = "lenet5.haltOnFailure";

  /** The classifier of the zipped SavedModel that {@code train} attaches to the project. */
  static final String DEFAULT_CLASSIFIER = "savedmodel";

  /** Where {@code verify} writes its JSON and JUnit XML reports. */
  static final String DEFAULT_REPORTS = "${project.build.directory}/lenet5/verify";

  /** Where {@code train} exports and {@code verify} looks by default. */
  static final String DEFAULT_MODELS = "${project.build.directory}/lenet5/models";

  private PropertyNames() {}
}
