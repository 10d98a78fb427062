package org.lenet5.maven;

import java.io.File;
import java.util.Locale;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.lenet5.inference.Lenet5Model;
import org.lenet5.model.Evaluation;
import org.lenet5.train.Evaluator;

/**
 * Evaluates an exported model on the 10,000 test images and fails the build when its accuracy is
 * below {@code minAccuracy}.
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>org.lenet5</groupId>
 *   <artifactId>lenet5-maven-plugin</artifactId>
 *   <version>0.1.0-SNAPSHOT</version>
 *   <executions>
 *     <execution>
 *       <goals>
 *         <goal>verify</goal>
 *       </goals>
 *       <configuration>
 *         <minAccuracy>99.0</minAccuracy>
 *       </configuration>
 *     </execution>
 *   </executions>
 * </plugin>
 * }</pre>
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class VerifyMojo extends AbstractLenet5Mojo {

  /**
   * The model to evaluate: a SavedModel version directory, or a model base directory whose
   * highest version is taken. By default, what {@code train} exported.
   */
  @Parameter(property = Properties.MODEL, defaultValue = Properties.DEFAULT_MODELS)
  File model;

  /** The lowest acceptable test accuracy, in percent. */
  @Parameter(property = Properties.MIN_ACCURACY, defaultValue = "99.0")
  double minAccuracy;

  /** Fail the build when the accuracy is too low; {@code false} only warns. */
  @Parameter(property = Properties.HALT_ON_FAILURE, defaultValue = "true")
  boolean haltOnFailure;

  @Override
  String goal() {
    return "verification";
  }

  @Override
  void run() throws MojoFailureException {
    if (!(minAccuracy >= 0 && minAccuracy <= 100)) {
      throw new MojoFailureException(
          "Invalid <minAccuracy> (" + Properties.MIN_ACCURACY + "): must be a percentage from 0"
              + " to 100, got " + minAccuracy);
    }
    if (!model.exists()) {
      throw new MojoFailureException(
          "No LeNet5 model at " + model + ": run lenet5:train first, or set <model> ("
              + Properties.MODEL + ") to an exported model directory");
    }
    Evaluation evaluation;
    try (Lenet5Model loaded = Lenet5Model.load(model.toPath())) {
      getLog().info("Evaluating " + loaded.directory());
      evaluation = loaded.evaluate(Evaluator.testSet(configBuilder().build()));
    }
    double accuracy = 100 * evaluation.accuracy();
    if (accuracy >= minAccuracy) {
      getLog().info(
          String.format(
              Locale.ROOT,
              "LeNet5 test accuracy %.2f %% meets the required %.2f %% (%s)",
              accuracy, minAccuracy, Properties.MIN_ACCURACY));
      return;
    }
    String message =
        String.format(
            Locale.ROOT,
            "LeNet5 test accuracy %.2f %% is below the required %.2f %% (%s)",
            accuracy, minAccuracy, Properties.MIN_ACCURACY);
    if (haltOnFailure) {
      throw new MojoFailureException(message);
    }
    getLog().warn(message + "; not failing the build because " + Properties.HALT_ON_FAILURE
        + " is false");
  }
}
