package org.lenet5.maven;

import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.project.MavenProject;

/**
 * What {@code train} tells {@code verify} within one build: which version of a model base is the
 * model of the current recipe. When training was up to date, that is not necessarily the highest
 * version, which is what {@code verify} takes otherwise.
 */
final class TrainedModels {

  private static final String KEY = "org.lenet5.maven.model:";

  private TrainedModels() {}

  static void record(MavenProject project, Path base, Path version) {
    project.setContextValue(KEY + base.toAbsolutePath().normalize(), version.toString());
  }

  /** The version {@code train} settled on for {@code base} in this build, if it ran. */
  static Optional<Path> recorded(MavenProject project, Path base) {
    Object version = project.getContextValue(KEY + base.toAbsolutePath().normalize());
    return Optional.ofNullable(version).map(value -> Path.of(value.toString()));
  }

  /** Whether the project already has a zipped model attached with {@code classifier}. */
  static boolean attached(MavenProject project, String classifier) {
    for (Artifact artifact : project.getAttachedArtifacts()) {
      if (classifier.equals(artifact.getClassifier())
          && ModelArtifacts.TYPE.equals(artifact.getType())) {
        return true;
      }
    }
    return false;
  }
}
