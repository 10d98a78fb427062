package org.lenet5.maven;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.lenet5.export.ModelCache;
import org.lenet5.export.SavedModelExporter;
import org.lenet5.model.ModelDescription;
import org.lenet5.train.ModelFingerprint;
import org.lenet5.train.Recipe;

/**
 * Gets the model a recipe trains as cheaply as it can: from the model base when a version there
 * has the recipe's fingerprint and a build finished it intact (up to date, see {@link
 * ExportRecords}), else from the local model cache (copied into the model base as its next
 * version), else by training (in the forked JVM), storing the export in the cache. Each version
 * it settles on is recorded as finished by this build. Training is deterministic — same recipe and seed, same weights — so a model with the
 * same fingerprint is the model training would produce.
 */
final class ModelTraining {

  private final Log log;
  private final Fork fork;
  private final Optional<ModelCache> cache;

  ModelTraining(Log log, Fork fork, Optional<ModelCache> cache) {
    this.log = log;
    this.fork = fork;
    this.cache = cache;
  }

  /**
   * The SavedModel version directory of {@code recipe}'s model under the model base {@code base}.
   *
   * @param force train even when the model base or the cache holds the model
   * @param request the training request, ready for the forked JVM
   */
  Path model(Recipe recipe, Path base, boolean force, Properties request)
      throws MojoFailureException, MojoExecutionException {
    ModelFingerprint fingerprint = ModelFingerprint.of(recipe);
    if (!force) {
      Optional<Path> current = SavedModelExporter.versionWithFingerprint(base, fingerprint.value());
      Optional<String> problem = current.flatMap(ExportRecords::problemWith);
      if (current.isPresent() && problem.isEmpty()) {
        log.info(
            "LeNet5 model up to date: version " + current.get().getFileName() + " in " + base
                + " has fingerprint " + fingerprint.shortValue() + "; not training (-D"
                + PropertyNames.FORCE + "=true trains anyway)");
        return current.get();
      }
      if (problem.isPresent()) {
        log.warn(
            "Version " + current.get().getFileName() + " in " + base + " has fingerprint "
                + fingerprint.shortValue() + ", but " + problem.get()
                + "; not taking it as up to date");
      }
      Optional<Path> cached = cache.flatMap(c -> c.find(fingerprint.value(), log::warn));
      if (cached.isPresent()) {
        Path version = SavedModelExporter.publishCopy(cached.get(), base);
        ExportRecords.record(version);
        log.info(
            "LeNet5 model " + fingerprint.shortValue() + " taken from the model cache "
                + cached.get().getParent() + " as " + version + "; not training (-D"
                + PropertyNames.FORCE + "=true trains anyway)");
        return version;
      }
    }
    return train(request);
  }

  /**
   * Trains (or resumes, whose recipe only the checkpoint knows), and stores the export in the
   * cache under the fingerprint it records.
   */
  Path train(Properties request) throws MojoFailureException, MojoExecutionException {
    Properties result = fork.run(request);
    Path savedModel = Path.of(result.getProperty("savedModel"));
    ExportRecords.record(savedModel);
    log.debug("Run directory: " + result.getProperty("outputDir"));
    Optional<String> fingerprint =
        ModelDescription.read(savedModel.resolve(SavedModelExporter.DESCRIPTION)).fingerprint();
    if (cache.isPresent() && fingerprint.isPresent()) {
      Path entry = cache.get().store(fingerprint.get(), savedModel);
      log.debug("Stored in the model cache: " + entry);
    }
    return savedModel;
  }
}
