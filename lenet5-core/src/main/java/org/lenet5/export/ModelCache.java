package org.lenet5.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Consumer;
import org.lenet5.DirectoryTrees;
import org.lenet5.Lenet5Exception;
import org.lenet5.model.FileManifest;
import org.lenet5.model.ModelDescription;

/**
 * A local cache of exported models keyed by their fingerprint, in the spirit of Maven's local
 * repository: {@code <root>/<fingerprint>/savedmodel/} holds a SavedModel version directory and
 * {@code <root>/<fingerprint>/manifest.sha256} the SHA-256 of each of its files.
 *
 * <p>An entry is assembled in a hidden temporary directory under the root and renamed into place,
 * so readers never see half an entry, and two builds storing the same model at once keep one
 * entry. Every {@link #find} checks the entry against its manifest and its recorded fingerprint;
 * an entry that fails is removed, never served, so the caller trains again and stores it anew.
 * Serving a cached model in place of training stands on training being deterministic: the same
 * fingerprint trains the same weights.
 */
public final class ModelCache {

  /** The SavedModel inside an entry. */
  static final String SAVED_MODEL = "savedmodel";

  /** The manifest inside an entry: {@code <sha256>  <path>} per file, sorted by path. */
  static final String MANIFEST = "manifest.sha256";

  private final Path root;

  /** A cache under {@code root}, created when the first entry is stored. */
  public ModelCache(Path root) {
    this.root = root;
  }

  /** The default root: {@code ~/.lenet5/models}. */
  public static Path defaultRoot() {
    return Path.of(System.getProperty("user.home"), ".lenet5", "models");
  }

  /** The cache's root directory. */
  public Path root() {
    return root;
  }

  /** Where the entry of {@code fingerprint} lives (whether or not it exists). */
  public Path entry(String fingerprint) {
    return root.resolve(requireFingerprint(fingerprint));
  }

  /**
   * The cached SavedModel of {@code fingerprint}, if the cache holds an intact one. A damaged
   * entry (a file missing, added or changed since it was stored, or a different fingerprint
   * inside) is deleted, and {@code damaged} is told why.
   *
   * @param damaged receives one line per damaged entry removed
   */
  public Optional<Path> find(String fingerprint, Consumer<String> damaged) {
    Path entry = entry(fingerprint);
    if (!Files.isDirectory(entry)) {
      return Optional.empty();
    }
    Optional<String> problem = check(entry, fingerprint);
    if (problem.isEmpty()) {
      return Optional.of(entry.resolve(SAVED_MODEL));
    }
    damaged.accept(
        "The cached model " + entry + " is damaged (" + problem.get()
            + "); removing it and training again");
    remove(entry);
    return Optional.empty();
  }

  /**
   * Stores a SavedModel version directory as the entry of its fingerprint, unless the cache
   * already holds one.
   *
   * @param savedModel an exported version directory whose description records {@code
   *     fingerprint}
   * @return the entry's SavedModel directory
   * @throws Lenet5Exception if the cache directory cannot be written
   */
  public Path store(String fingerprint, Path savedModel) {
    Path entry = entry(fingerprint);
    Path staging = null;
    try {
      Files.createDirectories(root);
      staging = Files.createTempDirectory(root, ".store-");
      DirectoryTrees.copy(savedModel, staging.resolve(SAVED_MODEL));
      Files.writeString(
          staging.resolve(MANIFEST), FileManifest.of(staging.resolve(SAVED_MODEL), null),
          StandardCharsets.UTF_8);
      try {
        Files.move(staging, entry, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        // rename(2) refuses an existing, non-empty target: another build stored this model first.
        if (!Files.isDirectory(entry)) {
          throw e;
        }
      }
      return entry.resolve(SAVED_MODEL);
    } catch (IOException e) {
      throw new Lenet5Exception(
          "cannot store the model in the model cache " + root + " (" + e
              + "); free some disk space or choose a writable model cache directory", e);
    } finally {
      if (staging != null) {
        removeQuietly(staging);
      }
    }
  }

  private static Optional<String> check(Path entry, String fingerprint) {
    Path manifest = entry.resolve(MANIFEST);
    Path savedModel = entry.resolve(SAVED_MODEL);
    try {
      if (!Files.isRegularFile(manifest)) {
        return Optional.of("no " + MANIFEST);
      }
      if (!Files.isDirectory(savedModel)) {
        return Optional.of("no " + SAVED_MODEL + " directory");
      }
      String expected = Files.readString(manifest, StandardCharsets.UTF_8);
      String actual = FileManifest.of(savedModel, null);
      if (!expected.equals(actual)) {
        return Optional.of("its files differ from " + MANIFEST);
      }
      Optional<String> recorded =
          ModelDescription.read(savedModel.resolve(SavedModelExporter.DESCRIPTION)).fingerprint();
      if (!recorded.equals(Optional.of(fingerprint))) {
        return Optional.of("it records the fingerprint " + recorded.orElse("(none)"));
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.of("unreadable: " + e.getMessage());
    }
  }

  /** Moves a damaged entry aside first, so a reader never finds it half deleted. */
  private void remove(Path entry) {
    try {
      Path aside = Files.createTempDirectory(root, ".damaged-");
      Files.move(entry, aside.resolve("entry"), StandardCopyOption.ATOMIC_MOVE);
      removeQuietly(aside);
    } catch (IOException e) {
      removeQuietly(entry);
    }
  }

  private static void removeQuietly(Path dir) {
    try {
      DirectoryTrees.delete(dir);
    } catch (IOException e) {
      // A leftover is hidden (".store-*", ".damaged-*") and never taken for an entry.
    }
  }

  private static String requireFingerprint(String fingerprint) {
    if (!fingerprint.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a fingerprint: " + fingerprint);
    }
    return fingerprint;
  }
}
