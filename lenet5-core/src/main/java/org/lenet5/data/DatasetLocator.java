package org.lenet5.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lenet5.Lenet5Exception;
import org.lenet5.data.Dataset.DatasetFile;

/**
 * Finds a dataset's files: in the data directory the user named, else in the cache directory,
 * downloading whatever the cache lacks.
 *
 * <p>Order: an explicit data directory; else the {@value #DATA_DIR_ENV} environment variable;
 * else a directory where a system package installed the files (Fashion-MNIST's Debian package),
 * if every file there has its pinned checksum; else the cache directory (default {@code
 * ~/.lenet5/datasets}, or {@value #CACHE_DIR_ENV}), where missing files are downloaded and
 * verified against pinned checksums.
 */
public final class DatasetLocator {

  /** Environment variable naming a directory that holds the IDX files. */
  public static final String DATA_DIR_ENV = "LENET5_DATA_DIR";

  /** Environment variable overriding the download cache directory. */
  public static final String CACHE_DIR_ENV = "LENET5_CACHE_DIR";

  private final Optional<Path> dataDir;
  private final Path cacheDir;
  private final DatasetDownloader downloader;

  /**
   * @param dataDir a directory that must already hold the files, or empty to use the cache
   * @param cacheDir the download cache; a sub-directory per dataset is used
   * @param downloader fetches files missing from the cache
   */
  public DatasetLocator(Optional<Path> dataDir, Path cacheDir, DatasetDownloader downloader) {
    this.dataDir = dataDir;
    this.cacheDir = cacheDir;
    this.downloader = downloader;
  }

  /**
   * A locator for the given choices, falling back to the environment variables and defaults.
   *
   * @param dataDir an explicit data directory, or null
   * @param cacheDir an explicit cache directory, or null
   */
  public static DatasetLocator of(Path dataDir, Path cacheDir) {
    Optional<Path> data = Optional.ofNullable(dataDir).or(() -> environmentPath(DATA_DIR_ENV));
    Path cache = cacheDir != null ? cacheDir : defaultCacheDir();
    return new DatasetLocator(data, cache, new DatasetDownloader());
  }

  /** {@value #CACHE_DIR_ENV} if set, else {@code ~/.lenet5/datasets}. */
  public static Path defaultCacheDir() {
    return environmentPath(CACHE_DIR_ENV)
        .orElseGet(() -> Path.of(System.getProperty("user.home"), ".lenet5", "datasets"));
  }

  private static Optional<Path> environmentPath(String variable) {
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
  }

  /**
   * Returns the dataset's files, downloading into the cache what is missing there.
   *
   * @throws Lenet5Exception if the data directory lacks a file, or no download source works
   */
  public DatasetFiles locate(Dataset dataset) {
    if (dataDir.isPresent()) {
      return inDataDir(dataset, dataDir.get());
    }
    for (Path system : dataset.systemDirectories()) {
      if (holdsGenuineFiles(dataset, system)) {
        return collect(dataset, system);
      }
    }
    Path dir = cacheDir.resolve(dataset.id());
    List<DatasetFile> missing = new ArrayList<>();
    for (DatasetFile file : dataset.files()) {
      if (find(dir, file).isEmpty()) {
        missing.add(file);
      }
    }
    if (!missing.isEmpty()) {
      downloader.download(dataset, missing, dir);
    }
    return collect(dataset, dir);
  }

  /**
   * Whether {@link #locate} would have to download: no data directory is set, no system package
   * holds the files, and the cache lacks at least one of them. Lets a front end that must not go
   * online (Maven's {@code -o}) say how to get the files before it starts.
   */
  public boolean needsDownload(Dataset dataset) {
    if (dataDir.isPresent()) {
      return false;
    }
    for (Path system : dataset.systemDirectories()) {
      if (holdsGenuineFiles(dataset, system)) {
        return false;
      }
    }
    Path dir = cacheDir.resolve(dataset.id());
    return dataset.files().stream().anyMatch(file -> find(dir, file).isEmpty());
  }

  /** The directory the dataset's files are downloaded into. */
  public Path cacheDirectory(Dataset dataset) {
    return cacheDir.resolve(dataset.id());
  }

  private static DatasetFiles inDataDir(Dataset dataset, Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new Lenet5Exception(
          "data directory " + dir + (Files.exists(dir) ? " is not a directory" : " does not exist")
              + "; pass the directory that holds the " + dataset.id()
              + " IDX files, or leave the data directory out to download them into the cache");
    }
    for (DatasetFile file : dataset.files()) {
      if (find(dir, file).isEmpty()) {
        throw new Lenet5Exception(
            "data directory " + dir + " has no " + file.name() + " (or " + file.name()
                + ".gz); put the four " + dataset.id()
                + " IDX files there, or leave the data directory out to download them");
      }
    }
    return collect(dataset, dir);
  }

  /** Whether a system directory holds all of the dataset's files with their pinned checksums. */
  private static boolean holdsGenuineFiles(Dataset dataset, Path dir) {
    for (DatasetFile file : dataset.files()) {
      Optional<Path> path = find(dir, file);
      if (path.isEmpty()
          || !DatasetDownloader.sha256(IdxReader.readContent(path.get())).equals(file.sha256())) {
        return false;
      }
    }
    return true;
  }

  private static DatasetFiles collect(Dataset dataset, Path dir) {
    Map<DatasetFile, Path> paths = new HashMap<>();
    for (DatasetFile file : dataset.files()) {
      paths.put(file, find(dir, file).orElseThrow());
    }
    return new DatasetFiles(dataset, paths);
  }

  private static Optional<Path> find(Path dir, DatasetFile file) {
    for (String candidate : List.of(file.name(), file.name() + ".gz")) {
      Path path = dir.resolve(candidate);
      if (Files.exists(path)) {
        return Optional.of(path);
      }
    }
    return Optional.empty();
  }
}
