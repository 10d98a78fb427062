package org.lenet5.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenet5.Lenet5Exception;
import org.lenet5.TinyFilesystem;
import org.lenet5.data.DataDescription;
import org.lenet5.data.Dataset;
import org.lenet5.model.ModelDescription;
import org.lenet5.model.ModelVariant;

/**
 * The cache on files laid out as an export is; what the files hold does not matter to it (real
 * exports go through it in the plugin's integration tests).
 */
class ModelCacheTest {

  private static final String FINGERPRINT = "ab".repeat(32);

  @TempDir Path dir;

  private Path export(String fingerprint) throws IOException {
    Path version = dir.resolve("models").resolve("1");
    Files.createDirectories(version.resolve("variables"));
    Files.writeString(version.resolve("saved_model.pb"), "graph");
    Files.writeString(version.resolve("variables").resolve("variables.index"), "index");
    Path description = version.resolve(SavedModelExporter.DESCRIPTION);
    Files.createDirectories(description.getParent());
    ModelDescription.write(
        description, ModelVariant.REFERENCE, DataDescription.of(Dataset.MNIST),
        Map.of(ModelDescription.FINGERPRINT, fingerprint));
    return version;
  }

  /** A disk that fills while an entry is assembled: one line, and no entry or leftover. */
  @Test
  void aFullDiskLeavesNoPartialEntry() throws Exception {
    Path version = export(FINGERPRINT);
    Files.write(version.resolve("variables").resolve("variables.data-00000-of-00001"),
        new byte[256 * 1024]);
    try (TinyFilesystem disk = TinyFilesystem.mount(dir.resolve("disk"), 128)) {
      ModelCache cache = new ModelCache(disk.root().resolve("cache"));

      assertThatThrownBy(() -> cache.store(FINGERPRINT, version))
          .isInstanceOf(Lenet5Exception.class)
          .hasMessageStartingWith("cannot store the model in the model cache " + cache.root())
          .hasMessageContaining("No space left on device")
          .hasMessageEndingWith(
              "; free some disk space or choose a writable model cache directory");
      try (var entries = Files.list(cache.root())) {
        assertThat(entries).isEmpty();
      }
    }
  }

  @Test
  void servesWhatItStored() throws IOException {
    ModelCache cache = new ModelCache(dir.resolve("cache"));
    assertThat(cache.find(FINGERPRINT, line -> {})).isEmpty();
    Path stored = cache.store(FINGERPRINT, export(FINGERPRINT));
    assertThat(cache.find(FINGERPRINT, line -> {})).contains(stored);
    assertThat(stored.resolve("saved_model.pb")).hasContent("graph");
    assertThat(cache.store(FINGERPRINT, export(FINGERPRINT))).isEqualTo(stored);
    try (var entries = Files.list(cache.root())) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactly(FINGERPRINT);
    }
  }

  @Test
  void removesAChangedEntryInsteadOfServingIt() throws IOException {
    ModelCache cache = new ModelCache(dir.resolve("cache"));
    Path stored = cache.store(FINGERPRINT, export(FINGERPRINT));
    Files.writeString(stored.resolve("variables").resolve("variables.index"), "flipped");
    List<String> damaged = new ArrayList<>();
    assertThat(cache.find(FINGERPRINT, damaged::add)).isEmpty();
    assertThat(damaged).singleElement().asString().contains("damaged", "differ from manifest.sha256");
    assertThat(cache.entry(FINGERPRINT)).doesNotExist();
  }

  @Test
  void removesAnEntryMissingAFileOrRecordingAnotherFingerprint() throws IOException {
    ModelCache cache = new ModelCache(dir.resolve("cache"));
    Files.delete(cache.store(FINGERPRINT, export(FINGERPRINT)).resolve("saved_model.pb"));
    assertThat(cache.find(FINGERPRINT, line -> {})).isEmpty();

    Path other = dir.resolve("other");
    Files.move(export("cd".repeat(32)), other);
    cache.store(FINGERPRINT, other);
    List<String> damaged = new ArrayList<>();
    assertThat(cache.find(FINGERPRINT, damaged::add)).isEmpty();
    assertThat(damaged).singleElement().asString().contains("records the fingerprint cdcd");
  }
}
