package org.lenet5.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenet5.Lenet5Exception;
import org.lenet5.TestData;
import org.lenet5.data.Dataset.DatasetFile;

/**
 * A cache that holds copies of the real MNIST files, one of them with a byte flipped: the damage
 * is found, the file is fetched again from a local HTTP server on 127.0.0.1 that serves the real
 * one, or the damage is reported in one line when no source has it.
 */
class DatasetLocatorTest {

  private static final DatasetFile LABELS = Dataset.MNIST.testLabels();

  @TempDir Path cache;

  private HttpServer server;
  private final AtomicInteger downloads = new AtomicInteger();
  private Path cachedLabels;

  @BeforeEach
  void fillTheCacheAndStartAServer() throws IOException {
    Path dir = Files.createDirectories(cache.resolve("mnist"));
    DatasetFiles real = TestData.mnistFiles();
    for (DatasetFile file : Dataset.MNIST.files()) {
      Files.write(dir.resolve(file.name()), IdxReader.readContent(real.path(file)));
    }
    cachedLabels = dir.resolve(LABELS.name());
    byte[] labels = Files.readAllBytes(cachedLabels);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/good/", exchange -> {
      downloads.incrementAndGet();
      byte[] body = exchange.getRequestURI().getPath().endsWith(LABELS.name() + ".gz")
          ? gzip(labels) : new byte[0];
      exchange.sendResponseHeaders(
          body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.createContext("/missing/", exchange -> {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void aDamagedCachedFileIsFetchedAgain() throws IOException {
    flipAByte(cachedLabels);

    DatasetFiles files = locator("/good/").locate(Dataset.MNIST);

    assertThat(downloads).hasValue(1);
    Path repaired = files.path(LABELS);
    assertThat(repaired.getParent()).isEqualTo(cachedLabels.getParent());
    assertThat(DatasetDownloader.sha256(IdxReader.readContent(repaired)))
        .isEqualTo(LABELS.sha256());
    assertThat(Files.exists(cachedLabels)).as("the damaged raw file is gone").isFalse();
    assertThat(MnistDataset.loadTest(files).count()).isEqualTo(10_000);
  }

  @Test
  void aFileWhoseModificationTimeChangedIsHashedAgain() throws IOException {
    locator("/missing/").locate(Dataset.MNIST);
    assertThat(cachedLabels.resolveSibling(VerificationStamps.NAME)).isRegularFile();

    // Same size, a new modification time: hashed again, found damaged, fetched again.
    flipAByte(cachedLabels);
    Files.setLastModifiedTime(cachedLabels, FileTime.fromMillis(System.currentTimeMillis() + 5000));
    locator("/good/").locate(Dataset.MNIST);
    assertThat(downloads).hasValue(1);
  }

  @Test
  void verifyAndRepairHashesEvenFilesWhoseStampStillMatches() throws IOException {
    locator("/missing/").locate(Dataset.MNIST);
    FileTime time = Files.getLastModifiedTime(cachedLabels);
    flipAByte(cachedLabels);
    // Damage that keeps size and time (bit rot): the stamp vouches for it, a full check does not.
    Files.setLastModifiedTime(cachedLabels, time);
    locator("/missing/").locate(Dataset.MNIST);
    assertThat(downloads).hasValue(0);

    DatasetFiles files = locator("/good/").verifyAndRepair(Dataset.MNIST);

    assertThat(downloads).hasValue(1);
    assertThat(DatasetDownloader.sha256(IdxReader.readContent(files.path(LABELS))))
        .isEqualTo(LABELS.sha256());
  }

  @Test
  void aDamagedFileThatNoSourceHasIsReportedInOneLine() throws IOException {
    flipAByte(cachedLabels);

    assertThatThrownBy(() -> locator("/missing/").locate(Dataset.MNIST))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageStartingWith(cachedLabels + " was damaged (SHA-256 ")
        .hasMessageContaining("expected " + LABELS.sha256() + ") and was removed; could not"
            + " download mnist: no source answered with the genuine files")
        .message()
        .doesNotContain("\n");
  }

  @Test
  void aDataDirectoryIsCheckedForFormatWhenFoundAndForChecksumsWhenReadOrVerified() throws IOException {
    Path data = cache.resolve("mnist");
    flipAByte(cachedLabels);
    DatasetLocator locator =
        new DatasetLocator(Optional.of(data), cache.resolve("unused"), downloader());

    assertThat(locator.locate(Dataset.MNIST).path(LABELS)).isEqualTo(cachedLabels);
    assertThatThrownBy(() -> locator.verifyAndRepair(Dataset.MNIST))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageStartingWith(cachedLabels + " is not the genuine mnist file (SHA-256 ")
        .hasMessageEndingWith("; replace it with the original, or leave the data directory out"
            + " to download the files into the cache; IDX files of your own are a dataset of their"
            + " own: name their directory as the dataset");
    // Trained on, it would be another model than the fingerprint of MNIST promises.
    assertThatThrownBy(() -> Dataset.MNIST.load(locator))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageStartingWith(cachedLabels + " is not the genuine mnist file (SHA-256 ");
  }

  private DatasetLocator locator(String mirror) {
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + mirror);
    return new DatasetLocator(Optional.empty(), cache, downloader(),
        dataset -> new DatasetDownloader.Sources(List.of(base), null, "copy them by hand"));
  }

  private static DatasetDownloader downloader() {
    return new DatasetDownloader(Duration.ofSeconds(5), Duration.ofSeconds(20), 1, Duration.ZERO);
  }

  /** Flips one bit in the middle of the file's data, keeping its size. */
  private static void flipAByte(Path file) throws IOException {
    byte[] content = Files.readAllBytes(file);
    content[content.length / 2] ^= 0x01;
    Files.write(file, content);
  }

  private static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(content);
    }
    return bytes.toByteArray();
  }
}
