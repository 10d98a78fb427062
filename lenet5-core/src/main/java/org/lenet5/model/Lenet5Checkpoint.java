package org.lenet5.model;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.stream.Stream;
import org.lenet5.DirectoryTrees;
import org.lenet5.Lenet5Exception;
import org.lenet5.data.Dataset;
import org.tensorflow.Session;

/**
 * Saves and restores the model's variables as a TensorFlow checkpoint directory ({@code
 * model.index} and {@code model.data-*}, and {@code model.properties} naming the {@link
 * ModelVariant}). A checkpoint saved from a training graph restores into an inference graph of the
 * same variant: variables are matched by name.
 */
public final class Lenet5Checkpoint {

  /** The file name prefix of the checkpoint files inside the directory. */
  public static final String PREFIX = "model";

  /** The file that names the checkpoint's variant: {@code variant=<id>}. */
  public static final String DESCRIPTION = PREFIX + ".properties";

  private Lenet5Checkpoint() {}

  /**
   * Saves every variable of the session's graph into {@code dir}, replacing a previous checkpoint
   * there. The files are written into a temporary sibling directory, forced to disk and then
   * moved into place, so {@code dir} never holds a partial checkpoint.
   *
   * @param variant the architecture of the session's graph, recorded beside the variables
   * @param dataset the dataset the variables were trained on, recorded beside them
   * @return the checkpoint prefix ({@code dir/model})
   */
  public static Path save(Session session, ModelVariant variant, Dataset dataset, Path dir) {
    return save(session, variant, dataset, dir, Map.of());
  }

  /**
   * Saves like {@link #save(Session, ModelVariant, Dataset, Path)}, with more files (name to
   * content) written into the same directory, as atomically.
   */
  public static Path save(
      Session session, ModelVariant variant, Dataset dataset, Path dir,
      Map<String, byte[]> extraFiles) {
    Path parent = dir.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
      Path staging = Files.createTempDirectory(parent, "." + dir.getFileName() + ".tmp-");
      try {
        session.save(staging.resolve(PREFIX).toString());
        ModelDescription.write(staging.resolve(DESCRIPTION), variant, dataset);
        for (Map.Entry<String, byte[]> file : extraFiles.entrySet()) {
          Files.write(staging.resolve(file.getKey()), file.getValue());
        }
        forceToDisk(staging);
        DirectoryTrees.delete(dir);
        Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        DirectoryTrees.delete(staging);
      }
    } catch (IOException e) {
      throw new Lenet5Exception(
          "cannot write the checkpoint to " + dir + " (" + e.getMessage()
              + "); free some disk space or choose a writable output directory", e);
    }
    return dir.resolve(PREFIX);
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
   * The dataset the checkpoint in {@code dir} was trained on. Checkpoints written before they
   * recorded it are MNIST's, as all were then.
   *
   * @throws Lenet5Exception if the description cannot be read or names no known dataset
   */
  public static Dataset datasetOf(Path dir) {
    requirePresent(dir);
    return ModelDescription.read(dir.resolve(DESCRIPTION)).dataset();
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
