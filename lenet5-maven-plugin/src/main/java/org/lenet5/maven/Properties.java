package org.lenet5.maven;

/** The user properties of the plugin's parameters, all under {@value #PREFIX}. */
final class Properties {

  static final String PREFIX = "lenet5.";

  static final String DATASET = "lenet5.dataset";
  static final String DATA_DIR = "lenet5.dataDir";
  static final String CACHE_DIR = "lenet5.cacheDir";
  static final String SKIP = "lenet5.skip";
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

  /** Where {@code train} exports and {@code verify} looks by default. */
  static final String DEFAULT_MODELS = "${project.build.directory}/lenet5/models";

  private Properties() {}
}
