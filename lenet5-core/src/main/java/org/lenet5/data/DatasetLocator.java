package org.lenet5.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.lenet5.Lenet5Exception;
import org.lenet5.data.Dataset.DatasetFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a dataset's files: in the data directory the user named, else in the cache directory,
 * downloading whatever the cache lacks.
 *
 * <p>Order: an explicit data directory; else the {@value #DATA_DIR_ENV} environment variable;
 * else a directory where a system package installed the files (Fashion-MNIST's Debian package),
 * if every file there has its pinned checksum; else the cache directory (default {@code
 * ~/.lenet5/datasets}, or {@value #CACHE_DIR_ENV}), where missing files are downloaded and
 * verified against pinned checksums.
 *
 * <p>Cached files are verified against their pinned SHA-256 each time they are used, so a file
 * damaged on disk is never trained on: a damaged one is removed and downloaded again. A file
 * found genuine is remembered by its size and modification time ({@link VerificationStamps}) and
 * not hashed again until either changes; {@link #verifyAndRepair} hashes every file regardless.
 * A data directory is the user's own and is checked for format only, except by {@link
 * #verifyAndRepair}, which reports a file there that is not the genuine one.
 */
public final class DatasetLocator {

  /** Environment variable naming a directory that holds the IDX files. */
  public static final String DATA_DIR_ENV = "LENET5_DATA_DIR";

  /** Environment variable overriding the download cache directory. */
  public static final String CACHE_DIR_ENV = "LENET5_CACHE_DIR";

  private static final Logger LOG = LoggerFactory.getLogger(DatasetLocator.class);

  private final Optional<Path> dataDir;
  private final Path cacheDir;
  private final DatasetDownloader downloader;
  private final Function<Dataset, DatasetDownloader.Sources> sources;

  /**
   * @param dataDir a directory that must already hold the files, or empty to use the cache
   * @param cacheDir the download cache; a sub-directory per dataset is used
   * @param downloader fetches files missing from the cache
   */
  public DatasetLocator(Optional<Path> dataDir, Path cacheDir, DatasetDownloader downloader) {
    this(dataDir, cacheDir, downloader, DatasetDownloader.Sources::of);
  }

  /** A locator that downloads from other sources than the dataset's own: for tests. */
  DatasetLocator(
      Optional<Path> dataDir,
      Path cacheDir,
      DatasetDownloader downloader,
      Function<Dataset, DatasetDownloader.Sources> sources) {
    this.dataDir = dataDir;
    this.cacheDir = cacheDir;
    this.downloader = downloader;
    this.sources = sources;
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
   * Returns the dataset's files, downloading into the cache what is missing there and what is
   * there but damaged.
   *
   * @throws Lenet5Exception if the data directory lacks a file, or no download source works
   */
  public DatasetFiles locate(Dataset dataset) {
    return locate(dataset, false);
  }

  /**
   * Like {@link #locate}, but hashes every file again, whatever was remembered: a damaged cached
   * file is downloaded again; a data directory's file that is not the genuine one is reported.
   *
   * @throws Lenet5Exception if a data directory's file is not the genuine one, or a missing or
   *     damaged file cannot be downloaded
   */
  public DatasetFiles verifyAndRepair(Dataset dataset) {
    return locate(dataset, true);
  }

  private DatasetFiles locate(Dataset dataset, boolean rehash) {
    if (dataDir.isPresent()) {
      DatasetFiles files = inDataDir(dataset, dataDir.get());
      if (rehash) {
        requireGenuine(files);
      }
      return files;
    }
    for (Path system : dataset.systemDirectories()) {
      if (holdsGenuineFiles(dataset, system)) {
        return collect(dataset, system);
      }
    }
    Path dir = cacheDir.resolve(dataset.id());
    VerificationStamps stamps = VerificationStamps.read(dir);
    List<DatasetFile> missing = new ArrayList<>();
    String damage = null;
    for (DatasetFile file : dataset.files()) {
      Optional<Path> path = find(dir, file);
      if (path.isEmpty()) {
        missing.add(file);
      } else if (rehash || !stamps.vouchesFor(file, path.get())) {
        Optional<String> problem = problem(file, path.get());
        if (problem.isEmpty()) {
          stamps.record(file, path.get());
        } else {
          LOG.warn("{} is damaged ({}); downloading it again", path.get(), problem.get());
          stamps.forget(path.get());
          delete(path.get());
          damage = path.get() + " was damaged (" + problem.get() + ") and was removed";
          missing.add(file);
        }
      }
    }
    if (!missing.isEmpty()) {
      try {
        downloader.download(dataset.id(), sources.apply(dataset), missing, dir);
      } catch (Lenet5Exception e) {
        throw damage == null ? e : new Lenet5Exception(damage + "; " + e.getMessage(), e);
      }
      for (DatasetFile file : missing) {
        stamps.record(file, find(dir, file).orElseThrow());
      }
    }
    stamps.write();
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

  /** What is wrong with a file's content, if it is not the genuine one. */
  private static Optional<String> problem(DatasetFile file, Path path) {
    byte[] content;
    try {
      content = IdxReader.readContent(path);
    } catch (Lenet5Exception e) {
      return Optional.of("unreadable: " + e.getMessage());
    }
    String actual = DatasetDownloader.sha256(content);
    return actual.equals(file.sha256())
        ? Optional.empty()
        : Optional.of("SHA-256 " + actual + ", expected " + file.sha256());
  }

  private static void requireGenuine(DatasetFiles files) {
    for (DatasetFile file : files.dataset().files()) {
      Path path = files.path(file);
      Optional<String> problem = problem(file, path);
      if (problem.isPresent()) {
        throw new Lenet5Exception(
            path + " is not the genuine " + files.dataset().id() + " file (" + problem.get()
                + "); replace it with the original, or leave the data directory out to download"
                + " the files into the cache; IDX files of your own are a dataset of their own:"
                + " name their directory as the dataset");
      }
    }
  }

  /**
   * Checks that files found in the data directory are the dataset's genuine ones, which the
   * model's fingerprint promises (the cache's and a system package's are checked as they are
   * found). For after the files were read, so that a malformed file is named for what is wrong
   * with it first.
   *
   * @throws Lenet5Exception if a data directory's file is not the genuine one
   */
  void requireGenuineInDataDir(DatasetFiles files) {
    if (dataDir.isPresent() && files.paths().values().stream()
        .allMatch(path -> path.startsWith(dataDir.get()))) {
      requireGenuine(files);
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new Lenet5Exception(
          "cannot remove the damaged " + path + " (" + e.getMessage() + "); delete it yourself,"
              + " and the next run downloads it again");
    }
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
