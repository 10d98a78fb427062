package org.lenet5.export;

import com.google.protobuf.Int64Value;
import com.google.protobuf.StringValue;
import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.lenet5.Lenet5Exception;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tensorflow.serving.FileSystemStoragePathSource.FileSystemStoragePathSourceConfig.ServableVersionPolicy;
import tensorflow.serving.ModelServerConfigOuterClass.ModelConfig;
import tensorflow.serving.ModelServerConfigOuterClass.ModelConfigList;
import tensorflow.serving.ModelServerConfigOuterClass.ModelServerConfig;
import tensorflow.serving.SessionBundleConfigOuterClass.BatchingParameters;

/**
 * TensorFlow Serving's configuration files for a model base, written beside its versions by every
 * export and publication: {@value #MODELS_CONFIG}, a text-format {@code ModelServerConfig} for
 * {@code --model_config_file}, and {@value #BATCHING_PARAMETERS}, a text-format {@code
 * BatchingParameters} for {@code --batching_parameters_file}. TensorFlow Serving takes only the
 * entries of a model base whose names are numbers for versions and skips the others.
 *
 * <p>{@value #MODELS_CONFIG} serves one model, named after the base directory, at {@code
 * /models/<name>} (the path the {@code tensorflow/serving} Docker image mounts models at) unless a
 * refreshed file already says another path or {@link #write(Path, String)} is given one: the two
 * newest versions (version policy {@code specific}), labelled {@value #STABLE} (the previous one,
 * or the only one) and {@value #CANARY} (the newest).
 */
public final class ServerConfig {

  /** The server configuration file in a model base. */
  public static final String MODELS_CONFIG = "models.config";

  /** The batching parameters file in a model base. */
  public static final String BATCHING_PARAMETERS = "batching_parameters.txt";

  /** Where the {@code tensorflow/serving} Docker image serves models from: its MODEL_BASE_PATH. */
  public static final String SERVED_ROOT = "/models";

  /** The model platform of a SavedModel. */
  public static final String PLATFORM = "tensorflow";

  /** The label of the version that has served before the newest: the previous one. */
  public static final String STABLE = "stable";

  /** The label of the newest version. */
  public static final String CANARY = "canary";

  /**
   * The largest batch the server forms: the batch that evaluation and {@code Lenet5Model} run
   * (1000 images, 3 MB of float32 input), past which throughput no longer grows.
   */
  public static final long MAX_BATCH_SIZE = 1000;

  /**
   * How long a request waits for others to share its batch, in microseconds: 2 ms, about ten
   * times a lone image's run (0.2–0.26 ms), the most added latency a lone request sees.
   */
  public static final long BATCH_TIMEOUT_MICROS = 2000;

  /**
   * How many formed batches may wait for a thread before requests are refused at once (UNAVAILABLE)
   * rather than queued: 16 full batches are about 0.2 s of work at 85,000 images/s.
   */
  public static final long MAX_ENQUEUED_BATCHES = 16;

  /**
   * The batch sizes the server pads a batch up to, so that the model sees six batch shapes
   * rather than a thousand: every fourfold step, ending at {@link #MAX_BATCH_SIZE} as TensorFlow
   * Serving requires.
   */
  public static final List<Long> ALLOWED_BATCH_SIZES = List.of(1L, 4L, 16L, 64L, 256L, 1000L);

  /** The name of the batching threads' pool, as TensorFlow Serving's default names it. */
  static final String THREAD_POOL = "model_server_batch_threads";

  private static final Logger LOG = LoggerFactory.getLogger(ServerConfig.class);

  private ServerConfig() {}

  /**
   * Writes or refreshes {@value #MODELS_CONFIG} and {@value #BATCHING_PARAMETERS} in {@code base}
   * for the versions it now holds, keeping the base path of an existing {@value #MODELS_CONFIG}
   * (default {@code /models/<name>}).
   *
   * @throws Lenet5Exception if {@code base} holds no version or the files cannot be written
   */
  public static void write(Path base) {
    String name = modelName(base);
    write(base, existingBasePath(base, name).orElse(SERVED_ROOT + "/" + name));
  }

  /**
   * Writes {@value #MODELS_CONFIG} and {@value #BATCHING_PARAMETERS} in {@code base}, with {@code
   * servedBasePath} the path at which the server sees {@code base} (e.g. {@code
   * /srv/models/lenet5}); later exports into {@code base} keep it.
   *
   * @throws Lenet5Exception if {@code base} holds no version or the files cannot be written
   */
  public static void write(Path base, String servedBasePath) {
    // Exports running at once each write after they publish: whichever writes last may have
    // listed the versions before another's publication, so each writes until the versions it
    // wrote for are still all there are.
    List<Long> versions = versions(base);
    do {
      write(base, servedBasePath, versions);
      List<Long> written = versions;
      versions = versions(base);
      if (versions.equals(written)) {
        return;
      }
    } while (true);
  }

  private static void write(Path base, String servedBasePath, List<Long> versions) {
    if (versions.isEmpty()) {
      throw new Lenet5Exception(base + " holds no numbered version directory with a"
          + " saved_model.pb to write a server configuration for");
    }
    long newest = versions.get(0);
    // The previous version to keep serving is the newest before it that is still intact: a
    // damaged one (its files changed since export) would fail to load.
    long previous = versions.stream().skip(1)
        .filter(version -> SavedModelExporter.problemWith(base.resolve(String.valueOf(version)))
            .isEmpty())
        .findFirst().orElse(newest);
    try {
      replace(base.resolve(MODELS_CONFIG),
          "# TensorFlow Serving's --model_config_file for " + base.getFileName()
              + ", written by lenet5's export (docs/serving.md)\n"
              + TextFormat.printer().printToString(
                  modelsConfig(modelName(base), servedBasePath, newest, previous)));
      replace(base.resolve(BATCHING_PARAMETERS),
          "# TensorFlow Serving's --batching_parameters_file, written by lenet5's export"
              + " (docs/serving.md)\n"
              + TextFormat.printer().printToString(batchingParameters()));
    } catch (IOException e) {
      throw new Lenet5Exception("cannot write the server configuration in " + base + " ("
          + e + "); choose a writable export directory", e);
    }
  }

  /**
   * The configuration of one model served from {@code basePath}: versions {@code newest} and
   * {@code previous} (the same for a model of one version), labelled.
   */
  public static ModelServerConfig modelsConfig(
      String name, String basePath, long newest, long previous) {
    ServableVersionPolicy.Builder policy = ServableVersionPolicy.newBuilder();
    policy.getSpecificBuilder().addVersions(newest);
    if (previous != newest) {
      policy.getSpecificBuilder().addVersions(previous);
    }
    ModelConfig model = ModelConfig.newBuilder()
        .setName(name)
        .setBasePath(basePath)
        .setModelPlatform(PLATFORM)
        .setModelVersionPolicy(policy)
        .putVersionLabels(STABLE, previous)
        .putVersionLabels(CANARY, newest)
        .build();
    return ModelServerConfig.newBuilder()
        .setModelConfigList(ModelConfigList.newBuilder().addConfig(model))
        .build();
  }

  /** The batching parameters for this model: see the constants. */
  public static BatchingParameters batchingParameters() {
    return BatchingParameters.newBuilder()
        .setMaxBatchSize(Int64Value.of(MAX_BATCH_SIZE))
        .setBatchTimeoutMicros(Int64Value.of(BATCH_TIMEOUT_MICROS))
        .setMaxEnqueuedBatches(Int64Value.of(MAX_ENQUEUED_BATCHES))
        .setThreadPoolName(StringValue.of(THREAD_POOL))
        .addAllAllowedBatchSizes(ALLOWED_BATCH_SIZES)
        .setPadVariableLengthInputs(false)
        .build();
  }

  /**
   * Reads {@value #MODELS_CONFIG} of {@code base} as TensorFlow Serving does.
   *
   * @throws Lenet5Exception naming the file if it cannot be read or parsed
   */
  public static ModelServerConfig readModelsConfig(Path base) {
    return parse(base.resolve(MODELS_CONFIG), ModelServerConfig.newBuilder()).build();
  }

  /**
   * Reads {@value #BATCHING_PARAMETERS} of {@code base} as TensorFlow Serving does.
   *
   * @throws Lenet5Exception naming the file if it cannot be read or parsed
   */
  public static BatchingParameters readBatchingParameters(Path base) {
    return parse(base.resolve(BATCHING_PARAMETERS), BatchingParameters.newBuilder()).build();
  }

  private static <B extends com.google.protobuf.Message.Builder> B parse(Path file, B builder) {
    try {
      TextFormat.merge(Files.readString(file, StandardCharsets.UTF_8), builder);
      return builder;
    } catch (TextFormat.ParseException e) {
      throw new Lenet5Exception(file + " is not a text-format "
          + builder.getDescriptorForType().getName() + " (" + e.getMessage() + "):"
          + " tensorflow_model_server would not start with it; export again to rewrite it", e);
    } catch (IOException e) {
      throw new Lenet5Exception("cannot read " + file + " (" + e + ")", e);
    }
  }

  /** The name TensorFlow Serving knows the model by: its base directory's. */
  static String modelName(Path base) {
    Path name = base.toAbsolutePath().normalize().getFileName();
    return name == null ? "model" : name.toString();
  }

  /**
   * The numbered version directories of {@code base} that hold a SavedModel, newest first.
   *
   * @throws Lenet5Exception if {@code base} cannot be listed
   */
  static List<Long> versions(Path base) {
    if (!Files.isDirectory(base)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(base)) {
      return children
          .filter(path -> path.getFileName().toString().matches("[1-9][0-9]{0,17}"))
          .filter(path -> Files.isRegularFile(path.resolve("saved_model.pb")))
          .map(path -> Long.parseLong(path.getFileName().toString()))
          .sorted((a, b) -> Long.compare(b, a))
          .toList();
    } catch (IOException e) {
      throw new Lenet5Exception("cannot list the model directory " + base + ": " + e, e);
    }
  }

  /** The base path that an existing, readable {@value #MODELS_CONFIG} gives model {@code name}. */
  private static Optional<String> existingBasePath(Path base, String name) {
    if (!Files.isRegularFile(base.resolve(MODELS_CONFIG))) {
      return Optional.empty();
    }
    try {
      return readModelsConfig(base).getModelConfigList().getConfigList().stream()
          .filter(model -> model.getName().equals(name))
          .map(ModelConfig::getBasePath)
          .filter(path -> !path.isEmpty())
          .findFirst();
    } catch (Lenet5Exception e) {
      LOG.warn("Replacing {}: {}", base.resolve(MODELS_CONFIG), e.getMessage());
      return Optional.empty();
    }
  }

  /** Writes {@code file} through a hidden sibling renamed over it: a server reads it whole. */
  private static void replace(Path file, String text) throws IOException {
    Path temporary = Files.createTempFile(file.getParent(), ".server-config-", ".tmp");
    try {
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
