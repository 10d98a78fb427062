package org.lenet5.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.lenet5.data.DatasetDownloader;
import org.lenet5.export.SavedModelExporter;

/**
 * Which versions of a model base a build finished. The forked JVM exports; Maven's JVM records
 * the version once the fork has returned it, as {@code <base>/.lenet5-builds/<version>} holding
 * the SHA-256 of the version's manifest (TensorFlow Serving takes numbered directories only, and
 * ignores it). A version without a record was exported by a fork whose build had gone (a killed
 * {@code mvn}), or by something other than the plugin: no build checked it, and it is never
 * taken as up to date, nor is a version whose files differ from its manifest.
 */
final class ExportRecords {

  /** The directory of records under a model base. */
  static final String DIRECTORY = ".lenet5-builds";

  private ExportRecords() {}

  /** Records that this build finished {@code version}, a version directory of a model base. */
  static void record(Path version) throws MojoExecutionException {
    Path record = recordOf(version);
    try {
      Files.createDirectories(record.getParent());
      Files.writeString(record, manifestHash(version) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MojoExecutionException("cannot record the model " + version + " in " + record
          + ": " + e, e);
    }
  }

  /**
   * Why {@code version} is not a model a build finished, intact, if it is not: no build recorded
   * it, or its files differ from its manifest.
   */
  static Optional<String> problemWith(Path version) {
    Optional<String> damage = SavedModelExporter.problemWith(version);
    if (damage.isPresent()) {
      return Optional.of("it is damaged (" + damage.get() + ")");
    }
    Path record = recordOf(version);
    try {
      if (!Files.isRegularFile(record)
          || !Files.readString(record, StandardCharsets.UTF_8).strip()
              .equals(manifestHash(version))) {
        return Optional.of("no build finished it (a build stopped while it trained leaves such"
            + " an export)");
      }
    } catch (IOException e) {
      return Optional.of("its record " + record + " is unreadable: " + e.getMessage());
    }
    return Optional.empty();
  }

  private static Path recordOf(Path version) {
    return version.resolveSibling(DIRECTORY).resolve(version.getFileName());
  }

  private static String manifestHash(Path version) throws IOException {
    return DatasetDownloader.sha256(
        Files.readAllBytes(version.resolve(SavedModelExporter.MANIFEST)));
  }
}
