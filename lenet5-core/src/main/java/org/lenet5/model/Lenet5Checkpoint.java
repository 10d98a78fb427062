package org.lenet5.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.lenet5.Lenet5Exception;
import org.tensorflow.Session;

/**
 * Saves and restores the model's variables as a TensorFlow checkpoint directory ({@code
 * model.index} and {@code model.data-*}). A checkpoint saved from a training graph restores into
 * an inference graph: variables are matched by name.
 */
public final class Lenet5Checkpoint {

  /** The file name prefix of the checkpoint files inside the directory. */
  public static final String PREFIX = "model";

  private Lenet5Checkpoint() {}

  /**
   * Saves every variable of the session's graph into {@code dir}, replacing a previous checkpoint
   * there. The files are written into a temporary sibling directory first and then moved into
   * place, so {@code dir} never holds a partial checkpoint.
   *
   * @return the checkpoint prefix ({@code dir/model})
   */
  public static Path save(Session session, Path dir) {
    Path parent = dir.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
      Path staging = Files.createTempDirectory(parent, "." + dir.getFileName() + ".tmp-");
      try {
        session.save(staging.resolve(PREFIX).toString());
        if (Files.exists(dir)) {
          deleteRecursively(dir);
        }
        Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        if (Files.exists(staging)) {
          deleteRecursively(staging);
        }
      }
    } catch (IOException e) {
      throw new Lenet5Exception(
          "cannot write the checkpoint to " + dir + " (" + e.getMessage()
              + "); choose a writable output directory", e);
    }
    return dir.resolve(PREFIX);
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


  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
