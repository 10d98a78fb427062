package org.lenet5.train;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.lenet5.DirectoryTrees;
import org.lenet5.Lenet5Exception;
import org.lenet5.data.DataDescription;
import org.lenet5.model.Lenet5Checkpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Session;

/**
 * The epoch checkpoints of a run, under {@code <run>/checkpoints/epoch-NNNN/}: every variable of
 * the training graph (weights, BatchNorm statistics, Adam's moments and step counters) plus {@value
 * #STATE_FILE}, which records the recipe and the finished epochs. The shuffling needs no saved
 * state: each epoch's order derives from the seed and the epoch number.
 *
 * <p>Each checkpoint is written as {@code Lenet5Checkpoint.save} writes: into a
 * hidden temporary directory, forced to disk, renamed into place. A process killed at any moment
 * leaves complete checkpoints and hidden leftovers, which {@link #latest()} ignores and {@link
 * #removeLeftovers()} removes. Only the newest {@code keep} checkpoints are kept.
 */
final class Checkpoints {

  private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

  /** The directory of the epoch checkpoints inside a run directory. */
  static final String DIR = "checkpoints";

  /** The state file inside each checkpoint. */
  static final String STATE_FILE = "state.properties";

  private static final String PREFIX = "epoch-";

  private final Path dir;
  private final int keep;

  Checkpoints(Path runDir, int keep) {
    this.dir = runDir.resolve(DIR);
    this.keep = keep;
  }

  /** A complete checkpoint: its directory and the state it records. */
  record Saved(Path directory, TrainingState state) {}

  /**
   * Saves the session's variables with the state after {@code state.epochsDone()} epochs and the
   * model's {@code identity} ({@link ModelFingerprint#identity()}).
   */
  Path save(
      Session session, TrainingState state, DataDescription data, Map<String, String> identity) {
    Path target = dir.resolve(String.format("%s%04d", PREFIX, state.epochsDone()));
    Lenet5Checkpoint.save(
        session,
        state.recipe().variant(),
        data,
        identity,
        target,
        Map.of(STATE_FILE, serialize(state.toProperties())));
    try {
      List<Path> all = epochDirectories();
      for (Path old : all.subList(Math.min(keep, all.size()), all.size())) {
        DirectoryTrees.delete(old);
      }
    } catch (IOException e) {
      LOG.warn("Cannot delete an old checkpoint in {}: {}", dir, e.getMessage());
    }
    return target;
  }

  /**
   * The newest complete and intact checkpoint, if any. A newer one that is damaged in any of its
   * files (the variables, their index, the model's description, the state) or incomplete is
   * passed over with a warning, so that a run resumes from the one before.
   */
  Optional<Saved> latest() {
    List<Path> candidates = epochDirectories();
    for (int i = 0; i < candidates.size(); i++) {
      Path candidate = candidates.get(i);
      Optional<String> problem = Lenet5Checkpoint.problemWith(candidate);
      Optional<TrainingState> state = Optional.empty();
      if (problem.isEmpty()) {
        try {
          state = Optional.of(readState(candidate));
        } catch (NoSuchFileException e) {
          problem = Optional.of(STATE_FILE + " is missing");
        } catch (IOException | RuntimeException e) {
          problem = Optional.of(STATE_FILE + " is unreadable: " + e.getMessage());
        }
      }
      if (state.isPresent()) {
        return Optional.of(new Saved(candidate, state.get()));
      }
      LOG.warn(
          "The checkpoint {} is damaged or incomplete ({}); {}", candidate, problem.get(),
          i + 1 < candidates.size()
              ? "falling back to the one before, " + candidates.get(i + 1).getFileName()
              : "there is none before it");
    }
    return Optional.empty();
  }

  /** Removes what saves killed half-way left in the checkpoints directory. */
  void removeLeftovers() {
    Lenet5Checkpoint.removeAllLeftovers(dir);
  }

  /** Epoch checkpoint directories, newest first; hidden staging directories are not among them. */
  private List<Path> epochDirectories() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children
          .filter(path -> path.getFileName().toString().matches(PREFIX + "[0-9]{4,}"))
          .sorted((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new Lenet5Exception("cannot list the checkpoints in " + dir + ": " + e, e);
    }
  }

  private static TrainingState readState(Path checkpoint) throws IOException {
    try (InputStream in = Files.newInputStream(checkpoint.resolve(STATE_FILE))) {
      Properties properties = new Properties();
      properties.load(in);
      return TrainingState.fromProperties(properties);
    }
  }

  private static byte[] serialize(Properties properties) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      properties.store(bytes, "lenet5 training state");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
