package org.lenet5.export;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Stream;
import org.lenet5.DirectoryTrees;
import org.lenet5.Lenet5Exception;
import org.lenet5.SettingException;
import org.lenet5.data.DataDescription;
import org.lenet5.data.DataSource;
import org.lenet5.data.DatasetLocator;
import org.lenet5.data.LabeledImages;
import org.lenet5.device.TensorFlowPlatform;
import org.lenet5.model.FileManifest;
import org.lenet5.model.Lenet5Checkpoint;
import org.lenet5.model.ModelDescription;
import org.lenet5.model.ModelVariant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.SavedModel;

/**
 * Writes trained weights as a SavedModel that TensorFlow Serving can serve: {@code
 * <base>/<version>/saved_model.pb} and {@code variables/}, tag {@code serve}, the signatures of
 * {@link ServingGraph}, and the warmup requests TensorFlow Serving sends it before serving it
 * ({@link WarmupRecords}). Beside the versions, every export and publication refreshes TensorFlow
 * Serving's configuration files ({@link ServerConfig}).
 *
 * <p>A version is written into a hidden temporary sibling and renamed into place, so a server
 * polling the base directory never sees a half-written version, and two exports racing for the
 * same number never overwrite each other: the second takes the next number. A hidden staging
 * directory older than {@link #STALE_AFTER} was left by an export that was killed, and the next
 * export removes it.
 */
public final class SavedModelExporter {

  /**
   * The description file inside a SavedModel version: {@code dataset=<id>} and {@code
   * variant=<id>}.
   */
  public static final Path DESCRIPTION = Path.of("assets.extra", "lenet5.properties");

  /** The class names, one per line in label order, inside a version directory. */
  public static final Path LABELS = Path.of("assets.extra", "labels.txt");

  /**
   * The manifest inside a SavedModel version, beside its description: the SHA-256 of every other
   * file of the version, written by the export, so that a damaged model is found before it is
   * used or published ({@link #problemWith}).
   */
  public static final String MANIFEST = "assets.extra/manifest.sha256";

  /** The SavedModel's graph and signatures, beside its variables. */
  private static final String GRAPH_FILE = "saved_model.pb";

  /**
   * Age after which a hidden staging directory counts as left behind: an export takes seconds,
   * so one this old is no concurrent export still at work.
   */
  public static final Duration STALE_AFTER = Duration.ofHours(1);

  private static final String STAGING_PREFIX = ".export-";

  private static final Logger LOG = LoggerFactory.getLogger(SavedModelExporter.class);

  private SavedModelExporter() {}

  /**
   * Exports the checkpoint as the next free version under {@code base}, its warmup requests ({@link
   * WarmupRecords}) of the test images of the data source the checkpoint records, found as {@link
   * DatasetLocator#of DatasetLocator.of(null, null)} finds them (downloaded into the cache if need
   * be, as {@code evaluate} does).
   *
   * @param checkpointDir a checkpoint directory written by training
   * @param base the model base directory, created if needed
   * @return the version directory written
   * @throws Lenet5Exception if the checkpoint is missing, the base directory is not writable or the
   *     test images cannot be found (pass them with {@link #export(Path, Path, Map,
   *     LabeledImages)})
   */
  public static Path export(Path checkpointDir, Path base) {
    return export(checkpointDir, base, Map.of());
  }

  /**
   * Exports the checkpoint as {@link #export(Path, Path)} does, recording {@code identity} (the
   * model's fingerprint and the versions that trained it) in its description.
   *
   * @param identity keys and values for {@link #DESCRIPTION}, e.g. {@link
   *     ModelDescription#FINGERPRINT}
   * @return the version directory written
   * @throws Lenet5Exception if the checkpoint is missing, the base directory is not writable or the
   *     test images cannot be found
   */
  public static Path export(Path checkpointDir, Path base, Map<String, String> identity) {
    return export(checkpointDir, base, identity, SavedModelExporter::recordedTestImages);
  }

  /**
   * Exports the checkpoint as the next free version under {@code base}, recording {@code
   * identity} in its description, with warmup requests ({@link WarmupRecords}) of {@code test}:
   * what training, which holds its test images, exports with.
   *
   * @param identity keys and values for {@link #DESCRIPTION}, e.g. {@link
   *     ModelDescription#FINGERPRINT}
   * @param test the test images of the model's data, of which the warmup requests take {@value
   *     WarmupRecords#IMAGES}
   * @return the version directory written
   * @throws Lenet5Exception if the checkpoint is missing or the base directory is not writable
   */
  public static Path export(
      Path checkpointDir, Path base, Map<String, String> identity, LabeledImages test) {
    return export(checkpointDir, base, identity, data -> test);
  }

  private static Path export(
      Path checkpointDir, Path base, Map<String, String> identity,
      Function<DataDescription, LabeledImages> testImages) {
    TensorFlowPlatform.requireSupported();
    ModelVariant variant = Lenet5Checkpoint.variantOf(checkpointDir);
    DataDescription data = Lenet5Checkpoint.dataOf(checkpointDir);
    requireWritable(base);
    requireSameData(base, data);
    LabeledImages test = testImages.apply(data);
    removeStaleStaging(base);
    Path staging;
    try {
      staging = Files.createTempDirectory(base, STAGING_PREFIX);
    } catch (IOException e) {
      throw unwritable(base, e);
    }
    try {
      try (Graph graph = new Graph()) {
        ServingGraph serving = ServingGraph.build(graph, data, variant);
        try (Session session = new Session(graph)) {
          Lenet5Checkpoint.restore(session, checkpointDir);
          Path model = staging.resolve("model");
          try {
            SavedModelBundle.exporter(model.toString())
                .withSession(session)
                .withSignature(serving.serving())
                .withSignature(serving.preprocessed())
                .export();
          } catch (TensorFlowException e) {
            // TensorFlow's own write error (a full disk: TFResourceExhaustedException, ...),
            // whose native message runs over several lines.
            throw unwritable(base, Lenet5Exception.firstLineOf(e), e);
          }
          canonicalize(model.resolve(GRAPH_FILE));
          writeDescription(model, data, variant, identity);
          WarmupRecords.write(model, ServerConfig.modelName(base), test, data.preprocessing());
          FileManifest.write(model, MANIFEST);
          Path version = publish(model, base);
          ServerConfig.write(base);
          return version;
        }
      }
    } catch (IOException e) {
      throw unwritable(base, e);
    } finally {
      deleteQuietly(staging);
    }
  }

  /**
   * The test images of the data source that a checkpoint's description names, for an export
   * whose caller did not give them.
   */
  private static LabeledImages recordedTestImages(DataDescription data) {
    try {
      return DataSource.of(data.dataset()).loadTest(DatasetLocator.of(null, null));
    } catch (Lenet5Exception e) {
      throw new Lenet5Exception(
          "cannot find the test images of " + data.describe() + " for the export's warmup"
              + " requests (" + e.getMessage() + "); give them to SavedModelExporter.export", e);
    }
  }

  /**
   * Rewrites the SavedModel's graph file with its map fields (node attributes, signatures) in
   * key order. TensorFlow serializes maps in an order that changes from process to process, so
   * the same model would otherwise get other bytes on every export; with one order, identical
   * models are identical files (reproducible artifacts, checksummed caches).
   */
  private static void canonicalize(Path graphFile) throws IOException {
    SavedModel parsed;
    try (InputStream in = Files.newInputStream(graphFile)) {
      parsed = SavedModel.parseFrom(in);
    }
    try (OutputStream out = Files.newOutputStream(graphFile)) {
      CodedOutputStream coded = CodedOutputStream.newInstance(out);
      coded.useDeterministicSerialization();
      parsed.writeTo(coded);
      coded.flush();
    }
  }

  /**
   * Records what the model was trained on, so that {@code Lenet5Model} can name its classes and
   * convert pictures as training did, and the class names one per line in label order ({@value
   * #LABELS}), for serving clients. {@code assets.extra} is where SavedModel tools keep files that
   * TensorFlow Serving ignores.
   */
  private static void writeDescription(
      Path model, DataDescription data, ModelVariant variant, Map<String, String> identity)
      throws IOException {
    Files.createDirectories(model.resolve(DESCRIPTION).getParent());
    ModelDescription.write(model.resolve(DESCRIPTION), variant, data, identity);
    Files.writeString(
        model.resolve(LABELS), String.join("\n", data.classNames()) + "\n",
        StandardCharsets.UTF_8);
  }

  /**
   * Copies a finished SavedModel version directory (from a cache or an unpacked artifact) to the
   * next free version under {@code base}, through a hidden temporary sibling as an export is. A
   * version exported before exports wrote a {@link #MANIFEST} gets one, of the files as copied.
   *
   * @return the version directory written
   * @throws Lenet5Exception if the base directory is not writable
   */
  public static Path publishCopy(Path savedModel, Path base) {
    requireWritable(base);
    requireSameData(base, ModelDescription.read(savedModel.resolve(DESCRIPTION)).data());
    Path staging;
    try {
      staging = Files.createTempDirectory(base, ".export-");
    } catch (IOException e) {
      throw unwritable(base, e);
    }
    try {
      Path model = staging.resolve("model");
      DirectoryTrees.copy(savedModel, model);
      if (!Files.exists(model.resolve(MANIFEST))) {
        FileManifest.write(model, MANIFEST);
      }
      Path version = publish(model, base);
      ServerConfig.write(base);
      return version;
    } catch (IOException e) {
      throw unwritable(base, e);
    } finally {
      deleteQuietly(staging);
    }
  }

  /**
   * The highest version under {@code base} whose description records {@code fingerprint}: the
   * model that recipe trains, if the base already holds it.
   *
   * @throws Lenet5Exception if {@code base} cannot be listed
   */
  public static Optional<Path> versionWithFingerprint(Path base, String fingerprint) {
    if (!Files.isDirectory(base)) {
      return Optional.empty();
    }
    try (Stream<Path> children = Files.list(base)) {
      return children
          .filter(path -> path.getFileName().toString().matches("[1-9][0-9]{0,8}"))
          .filter(path -> Files.isRegularFile(path.resolve("saved_model.pb")))
          .filter(
              path ->
                  ModelDescription.read(path.resolve(DESCRIPTION))
                      .fingerprint()
                      .filter(fingerprint::equals)
                      .isPresent())
          .max((a, b) -> Integer.compare(versionOf(a), versionOf(b)));
    } catch (IOException e) {
      throw new Lenet5Exception("cannot list the model directory " + base + ": " + e, e);
    }
  }

  /**
   * What is wrong with the files of a SavedModel version, if anything: a file missing, added or
   * changed since the export wrote its {@link #MANIFEST}, or no manifest at all.
   */
  public static Optional<String> problemWith(Path version) {
    return FileManifest.problemWith(version, MANIFEST);
  }

  private static int versionOf(Path version) {
    return Integer.parseInt(version.getFileName().toString());
  }

  /** Moves a finished export to the next free version number under {@code base}. */
  private static Path publish(Path model, Path base) throws IOException {
    for (int attempt = 0; attempt < 1000; attempt++) {
      Path version = base.resolve(String.valueOf(latestVersion(base).orElse(0) + 1));
      try {
        Files.move(model, version, StandardCopyOption.ATOMIC_MOVE);
        return version;
      } catch (FileSystemException e) {
        // rename(2) refuses a non-empty target: another export took this number first.
        if (!Files.exists(version)) {
          throw e;
        }
      }
    }
    throw new IOException("no free version number in " + base);
  }

  /**
   * The highest numeric version directory under {@code base}, if any.
   *
   * @throws Lenet5Exception if {@code base} cannot be listed
   */
  public static OptionalInt latestVersion(Path base) {
    if (!Files.isDirectory(base)) {
      return OptionalInt.empty();
    }
    try (Stream<Path> children = Files.list(base)) {
      return children
          .filter(Files::isDirectory)
          .map(path -> path.getFileName().toString())
          .filter(name -> name.matches("[1-9][0-9]{0,8}"))
          .mapToInt(Integer::parseInt)
          .max();
    } catch (IOException e) {
      throw new Lenet5Exception("cannot list the model directory " + base + ": " + e, e);
    }
  }

  /**
   * Refuses to add a model of other data (another dataset, other classes) to a model base whose
   * newest version holds one: a base holds the versions of one model, which TensorFlow Serving
   * serves as one, and its clients' classes and conversion must stay the same.
   *
   * @throws SettingException naming the export directory to change
   */
  public static void requireSameData(Path base, DataDescription data) {
    OptionalInt newest = latestVersion(base);
    if (newest.isEmpty()) {
      return;
    }
    Path version = base.resolve(String.valueOf(newest.getAsInt()));
    if (!Files.isRegularFile(version.resolve(DESCRIPTION))) {
      return;
    }
    DataDescription held = ModelDescription.read(version.resolve(DESCRIPTION)).data();
    if (!held.fits(data)) {
      throw new SettingException(
          "exportDir",
          base + " holds the versions of a model of other data (version " + newest.getAsInt()
              + ": " + held.describe() + "; this one: " + data.describe() + "); give this model"
              + " a model base of its own with " + SettingException.SETTING);
    }
  }

  /**
   * Checks, before any costly work, that a SavedModel can be exported under {@code base}: creates
   * the directory if needed.
   *
   * @throws Lenet5Exception if it is a file or not writable
   */
  public static void requireWritable(Path base) {
    if (Files.exists(base) && !Files.isDirectory(base)) {
      throw new Lenet5Exception(
          "export path " + base + " is a file; choose a directory as the model base");
    }
    try {
      Files.createDirectories(base);
    } catch (IOException e) {
      throw unwritable(base, e);
    }
    if (!Files.isWritable(base)) {
      throw new Lenet5Exception(
          "the model directory " + base + " is not writable; choose another export directory");
    }
  }

  /** Removes the staging directories that killed exports left under {@code base}. */
  private static void removeStaleStaging(Path base) {
    Instant cutoff = Instant.now().minus(STALE_AFTER);
    try (Stream<Path> children = Files.list(base)) {
      for (Path child : children.toList()) {
        if (child.getFileName().toString().startsWith(STAGING_PREFIX)
            && Files.isDirectory(child)
            && Files.getLastModifiedTime(child).toInstant().isBefore(cutoff)) {
          LOG.info("Removing {}, left by an export that did not finish", child);
          DirectoryTrees.delete(child);
        }
      }
    } catch (IOException e) {
      LOG.warn("Cannot remove the leftovers of an unfinished export in {}: {}", base,
          e.getMessage());
    }
  }

  private static Lenet5Exception unwritable(Path base, IOException e) {
    return unwritable(
        base, e instanceof AccessDeniedException ? "permission denied" : e.toString(), e);
  }

  private static Lenet5Exception unwritable(Path base, String reason, Exception e) {
    return new Lenet5Exception(
        "cannot write the SavedModel under " + base + " (" + reason
            + "); free some disk space or choose a writable export directory", e);
  }

  private static void deleteQuietly(Path dir) {
    try {
      DirectoryTrees.delete(dir);
    } catch (IOException e) {
      // Leftovers are hidden (".export-*"), never taken for a version, and removed by a later
      // export once stale.
    }
  }
}
