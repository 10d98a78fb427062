package org.lenet5.model;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.lenet5.DirectoryTrees;
import org.lenet5.Lenet5Exception;
import org.lenet5.data.DataDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * Saves and restores the model's variables as a TensorFlow checkpoint directory ({@code
 * model.index} and {@code model.data-*}, and {@code model.properties}, the {@link
 * ModelDescription} naming the variant, the dataset and the model's identity). A checkpoint saved from a training graph restores into an inference graph of the
 * same variant: variables are matched by name. {@value #MANIFEST} records the SHA-256 of every
 * other file, so that a damaged file is found before it is restored.
 */
public final class Lenet5Checkpoint {

  private static final Logger LOG = LoggerFactory.getLogger(Lenet5Checkpoint.class);

  /** The file name prefix of the checkpoint files inside the directory. */
  public static final String PREFIX = "model";

  /** The checkpoint's {@link ModelDescription}: {@code variant=<id>}, {@code dataset=<id>}, .... */
  public static final String DESCRIPTION = PREFIX + ".properties";

  /** The file that lists {@code <sha256>  <name>} for every other file, sorted by name. */
  public static final String MANIFEST = "manifest.sha256";

  /** What a staging directory's name adds to the checkpoint's: {@code .<name>.tmp-<random>}. */
  private static final String STAGING_SUFFIX = ".tmp-";

  private Lenet5Checkpoint() {}

  /**
   * Saves every variable of the session's graph into {@code dir}, replacing a previous checkpoint
   * there, with {@code extraFiles} (name to content) beside them. The files are written into a
   * temporary sibling directory, forced to disk and then moved into place, so {@code dir} never
   * holds a partial checkpoint.
   *
   * @param variant the architecture of the session's graph, recorded beside the variables
   * @param data what the variables were trained on (classes, normalization), recorded beside them
   * @param identity what identifies the model (its fingerprint and recipe), recorded beside them
   *     under the keys an export's description uses
   * @return the checkpoint prefix ({@code dir/model})
   */
  public static Path save(
      Session session, ModelVariant variant, DataDescription data, Map<String, String> identity,
      Path dir, Map<String, byte[]> extraFiles) {
    Path parent = dir.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
      Path staging =
          Files.createTempDirectory(parent, "." + dir.getFileName() + STAGING_SUFFIX);
      try {
        saveVariables(session, staging, dir);
        ModelDescription.write(staging.resolve(DESCRIPTION), variant, data, identity);
        for (Map.Entry<String, byte[]> file : extraFiles.entrySet()) {
          Files.write(staging.resolve(file.getKey()), file.getValue());
        }
        FileManifest.write(staging, MANIFEST);
        forceToDisk(staging);
        DirectoryTrees.delete(dir);
        Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        DirectoryTrees.delete(staging);
      }
    } catch (IOException e) {
      throw unwritable(dir, e.toString(), e);
    }
    return dir.resolve(PREFIX);
  }

  /**
   * TensorFlow reports a failed write (a full disk: {@code TFResourceExhaustedException}, a
   * vanished or unwritable directory: {@code TFFailedPreconditionException}, ...) as its own
   * exception with a multi-line native message; the user gets its first line.
   */
  private static void saveVariables(Session session, Path staging, Path dir) {
    try {
      session.save(staging.resolve(PREFIX).toString());
    } catch (TensorFlowException e) {
      throw unwritable(dir, Lenet5Exception.firstLineOf(e), e);
    }
  }

  private static Lenet5Exception unwritable(Path dir, String reason, Exception e) {
    return new Lenet5Exception(
        "cannot write the checkpoint to " + dir + " (" + reason
            + "); free some disk space or choose a writable output directory", e);
  }

  /**
   * What is wrong with the checkpoint in {@code dir}, if anything: no {@code model.index}, or a
   * file missing, added or changed since it was saved (checked against {@value #MANIFEST}; a
   * checkpoint saved before manifests existed is checked for {@code model.index} only). Reads
   * every file, a few MB: far less than restoring a damaged checkpoint and failing half-way.
   */
  public static Optional<String> problemWith(Path dir) {
    if (!Files.isRegularFile(dir.resolve(PREFIX + ".index"))) {
      return Optional.of(PREFIX + ".index is missing");
    }
    if (!Files.exists(dir.resolve(MANIFEST))) {
      return Optional.empty();
    }
    return FileManifest.problemWith(dir, MANIFEST);
  }

  /**
   * Removes the staging directories ({@code .<name>.tmp-*} beside {@code dir}) that a process
   * killed while saving left behind. A run directory has one writer, so none is still in use.
   */
  public static void removeLeftovers(Path dir) {
    Path parent = dir.toAbsolutePath().getParent();
    String prefix = "." + dir.getFileName() + STAGING_SUFFIX;
    removeStaging(parent, name -> name.startsWith(prefix));
  }

  /**
   * Removes every checkpoint staging directory ({@code .*.tmp-*}) directly under {@code parent},
   * whichever checkpoint it was to become.
   */
  public static void removeAllLeftovers(Path parent) {
    removeStaging(parent, name -> name.startsWith(".") && name.contains(STAGING_SUFFIX));
  }

  private static void removeStaging(Path parent, Predicate<String> staging) {
    if (!Files.isDirectory(parent)) {
      return;
    }
    try (Stream<Path> children = Files.list(parent)) {
      for (Path child : children.toList()) {
        if (Files.isDirectory(child) && staging.test(child.getFileName().toString())) {
          LOG.info("Removing {}, left by a checkpoint save that did not finish", child);
          DirectoryTrees.delete(child);
        }
      }
    } catch (IOException e) {
      LOG.warn("Cannot remove the leftovers of an unfinished checkpoint in {}: {}", parent,
          e.getMessage());
    }
  }

  private static void forceToDisk(Path staging) throws IOException {
    try (Stream<Path> files = Files.list(staging)) {
      for (Path file : files.toList()) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
          channel.force(true);
        }
      }
    }
  }

  /**
   * Restores the variables of the session's graph from the checkpoint in {@code dir}.
   *
   * @throws Lenet5Exception if {@code dir} holds no checkpoint
   */
  public static void restore(Session session, Path dir) {
    requirePresent(dir);
    try {
      session.restore(dir.resolve(PREFIX).toString());
    } catch (RuntimeException e) {
      throw new Lenet5Exception(
          "cannot restore the model from " + dir + ": " + Lenet5Exception.firstLineOf(e), e);
    }
  }

  /**
   * The variant of the checkpoint in {@code dir}: the one its graph must be built as to restore
   * it. Checkpoints written before variants existed are the reference's.
   *
   * @throws Lenet5Exception if the description cannot be read or names no known variant
   */
  public static ModelVariant variantOf(Path dir) {
    requirePresent(dir);
    return ModelDescription.read(dir.resolve(DESCRIPTION)).variant();
  }

  /**
   * What the checkpoint in {@code dir} was trained on: its data source, classes and
   * normalization. Checkpoints written before they recorded it are MNIST's, as all were then.
   *
   * @throws Lenet5Exception if the description cannot be read or is malformed
   */
  public static DataDescription dataOf(Path dir) {
    return descriptionOf(dir).data();
  }

  /**
   * The description recorded beside the checkpoint in {@code dir}: variant, data, identity.
   *
   * @throws Lenet5Exception if there is no checkpoint or its description cannot be read
   */
  public static ModelDescription descriptionOf(Path dir) {
    requirePresent(dir);
    return ModelDescription.read(dir.resolve(DESCRIPTION));
  }

  /**
   * Checks that {@code dir} holds a checkpoint, before any costly work that would need it.
   *
   * @throws Lenet5Exception if it does not
   */
  public static void requirePresent(Path dir) {
    if (!Files.isRegularFile(dir.resolve(PREFIX + ".index"))) {
      throw new Lenet5Exception(
          "no trained model in " + dir + " (" + PREFIX + ".index is missing); pass the"
              + " checkpoint directory that training printed");
    }
  }
}
