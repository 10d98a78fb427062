package org.lenet5.maven;

import org.lenet5.frontend.ParameterNames.Maven;

/**
 * The user properties of the plugin's own parameters, under {@link Maven#PREFIX}; those it shares
 * with the command line are {@link Maven}'s.
 */
final class PropertyNames {

  static final String SKIP = Maven.PREFIX + "skip";
  static final String TRAIN_SKIP = Maven.PREFIX + "train.skip";
  static final String VERIFY_SKIP = Maven.PREFIX + "verify.skip";
  static final String FORK = Maven.PREFIX + "fork";
  static final String JVM_ARGS = Maven.PREFIX + "jvmArgs";
  static final String FORCE = Maven.PREFIX + "force";
  static final String MODEL_CACHE = Maven.PREFIX + "modelCache";
  static final String ATTACH = Maven.PREFIX + "attach";
  static final String CLASSIFIER = Maven.PREFIX + "classifier";
  static final String MODEL_ARTIFACT = Maven.PREFIX + "modelArtifact";
  static final String MAX_ACCURACY_DROP = Maven.PREFIX + "maxAccuracyDrop";
  static final String BASELINE = Maven.PREFIX + "baseline";
  static final String REPORTS_DIR = Maven.PREFIX + "reportsDir";
  static final String EVALUATE_EACH_EPOCH = Maven.PREFIX + "evaluateEachEpoch";
  static final String RUNS_DIR = Maven.PREFIX + "runsDir";
  static final String MIN_ACCURACY = Maven.PREFIX + "minAccuracy";
  static final String HALT_ON_FAILURE = Maven.PREFIX + "haltOnFailure";

  /** The classifier of the zipped SavedModel that {@code train} attaches to the project. */
  static final String DEFAULT_CLASSIFIER = "savedmodel";

  /** Where {@code verify} writes its JSON and JUnit XML reports. */
  static final String DEFAULT_REPORTS = "${project.build.directory}/lenet5/verify";

  /** Where {@code train} exports and {@code verify} looks by default. */
  static final String DEFAULT_MODELS = "${project.build.directory}/lenet5/models";

  private PropertyNames() {}
}
