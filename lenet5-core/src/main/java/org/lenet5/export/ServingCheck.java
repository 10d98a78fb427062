package org.lenet5.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.lenet5.Lenet5Exception;
import org.lenet5.data.MnistDataset;
import org.lenet5.data.Preprocessing;
import org.lenet5.model.ModelDescription;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;
import tensorflow.serving.ModelServerConfigOuterClass.ModelConfig;
import tensorflow.serving.ModelServerConfigOuterClass.ModelServerConfig;
import tensorflow.serving.SessionBundleConfigOuterClass.BatchingParameters;

/**
 * Checks an export as TensorFlow Serving would take it, before a server does: the version in a
 * numbered directory, its MetaGraph tagged {@code serve}, both signatures ({@value
 * ServingGraph#SERVING_KEY}, {@value ServingGraph#PREPROCESSED_KEY}) with the Predict method
 * name and the inputs and outputs of {@link ServingGraph} (names, dtypes, batch-major shapes),
 * its {@link SavedModelExporter#LABELS} naming the classes it was trained on, the model base's
 * {@link ServerConfig} files if it has them, and finally the model loaded afresh answering its
 * warmup requests as recorded ({@link WarmupRecords#replay}).
 *
 * <p>A model base is checked for the versions its {@value ServerConfig#MODELS_CONFIG} serves
 * (without one, its newest version, which TensorFlow Serving serves by default). The first
 * problem found is reported in one line naming the file and what TensorFlow Serving would do.
 */
public final class ServingCheck {

  private static final String SERVE = "serve";

  private static final String GRAPH_FILE = "saved_model.pb";

  private ServingCheck() {}

  /**
   * Checks {@code dir}: a SavedModel version directory, or a model base directory.
   *
   * @return the versions checked, how many warmup responses were replayed, and the first
   *     problem, if any
   */
  public static Result check(Path dir) {
    List<Path> versions = new ArrayList<>();
    int records = 0;
    try {
      Path base;
      if (Files.isRegularFile(dir.resolve(GRAPH_FILE))) {
        requireNumbered(dir);
        base = dir.toAbsolutePath().normalize().getParent();
        versions.add(dir);
      } else {
        base = dir;
        versions.addAll(servedVersions(dir));
      }
      if (base != null) {
        checkServerConfig(base);
      }
      for (Path version : versions) {
        records += checkVersion(version);
      }
      return new Result(versions, records, Optional.empty());
    } catch (Problem | Lenet5Exception e) {
      return new Result(versions, records, Optional.of(e.getMessage()));
    }
  }

  /**
   * Checks a SavedModel version directory that is not in a model base yet, such as a published
   * model unpacked where its consumer found it: all that {@link #check} checks but its directory's
   * name and its base's configuration, which whoever serves it gives it.
   *
   * @return the version checked, how many warmup responses were replayed, and the first problem,
   *     if any
   */
  public static Result checkUnplaced(Path version) {
    try {
      return new Result(List.of(version), checkContent(version), Optional.empty());
    } catch (Problem | Lenet5Exception e) {
      return new Result(List.of(version), 0, Optional.of(e.getMessage()));
    }
  }

  /** The versions of a model base that a server would load: those of its configuration. */
  private static List<Path> servedVersions(Path base) {
    if (!Files.isDirectory(base)) {
      throw new Problem(base + (Files.exists(base) ? " is a file" : " does not exist")
          + "; pass a SavedModel version directory or a model base directory exported by lenet5");
    }
    List<Long> numbered = ServerConfig.versions(base);
    if (numbered.isEmpty()) {
      throw new Problem(base + " holds no numbered version directory with a saved_model.pb;"
          + " TensorFlow Serving takes only directories named by a number as versions"
          + skipped(base));
    }
    if (!Files.isRegularFile(base.resolve(ServerConfig.MODELS_CONFIG))) {
      // TensorFlow Serving's default policy serves the highest-numbered directory, whatever it
      // holds: a half-copied version is what it would try to load.
      return List.of(highestNumbered(base).orElse(base.resolve(String.valueOf(numbered.get(0)))));
    }
    return policyOf(base, ServerConfig.readModelsConfig(base)).stream()
        .map(version -> base.resolve(String.valueOf(version)))
        .toList();
  }

  private static Optional<Path> highestNumbered(Path base) {
    try (var children = Files.list(base)) {
      return children
          .filter(path -> Files.isDirectory(path)
              && path.getFileName().toString().matches("[0-9]{1,18}"))
          .max((a, b) -> Long.compare(Long.parseLong(a.getFileName().toString()),
              Long.parseLong(b.getFileName().toString())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** " (it skips v1, old)": the entries holding a saved_model.pb that are not numbered. */
  private static String skipped(Path base) {
    try (var children = Files.list(base)) {
      List<String> names = children
          .filter(path -> Files.isRegularFile(path.resolve(GRAPH_FILE)))
          .map(path -> path.getFileName().toString())
          .sorted()
          .toList();
      return names.isEmpty() ? "" : " (it skips " + String.join(", ", names) + "; rename them)";
    } catch (IOException e) {
      return "";
    }
  }

  private static void requireNumbered(Path version) {
    Path absolute = version.toAbsolutePath().normalize();
    String name = absolute.getFileName() == null ? "" : absolute.getFileName().toString();
    if (!name.matches("[0-9]{1,18}")) {
      throw new Problem(version + ": TensorFlow Serving loads a version only from a directory"
          + " named by its number, and skips " + name + "; rename it (e.g. to "
          + (ServerConfig.versions(absolute.getParent()).stream().findFirst().orElse(0L) + 1)
          + ")");
    }
  }

  /**
   * The model base's {@value ServerConfig#MODELS_CONFIG} and {@value
   * ServerConfig#BATCHING_PARAMETERS}, where it has them: parsed as TensorFlow Serving parses
   * them, and consistent with the versions the base holds.
   */
  private static void checkServerConfig(Path base) {
    if (Files.isRegularFile(base.resolve(ServerConfig.MODELS_CONFIG))) {
      List<Long> policy = policyOf(base, ServerConfig.readModelsConfig(base));
      List<Long> numbered = ServerConfig.versions(base);
      if (!numbered.isEmpty() && !policy.contains(numbered.get(0))) {
        throw new Problem(base.resolve(ServerConfig.MODELS_CONFIG) + " serves version"
            + (policy.size() == 1 ? " " : "s ") + join(policy) + ", not the newest, "
            + numbered.get(0) + ", which TensorFlow Serving would therefore not load; export"
            + " again (each export writes it), or ServerConfig.write(base)");
      }
    }
    if (Files.isRegularFile(base.resolve(ServerConfig.BATCHING_PARAMETERS))) {
      BatchingParameters batching = ServerConfig.readBatchingParameters(base);
      List<Long> sizes = batching.getAllowedBatchSizesList();
      long max = batching.hasMaxBatchSize() ? batching.getMaxBatchSize().getValue() : 1000;
      Path file = base.resolve(ServerConfig.BATCHING_PARAMETERS);
      requirePositive(file, "max_batch_size", batching.hasMaxBatchSize(), max);
      requirePositive(file, "num_batch_threads", batching.hasNumBatchThreads(),
          batching.getNumBatchThreads().getValue());
      requirePositive(file, "max_enqueued_batches", batching.hasMaxEnqueuedBatches(),
          batching.getMaxEnqueuedBatches().getValue());
      for (int i = 1; i < sizes.size(); i++) {
        if (sizes.get(i) <= sizes.get(i - 1)) {
          throw new Problem(file + ": allowed_batch_sizes must increase, but " + sizes.get(i)
              + " follows " + sizes.get(i - 1) + "; TensorFlow Serving refuses to load the"
              + " model with it");
        }
      }
      if (!sizes.isEmpty() && sizes.get(sizes.size() - 1) != max) {
        throw new Problem(base.resolve(ServerConfig.BATCHING_PARAMETERS) + ": the last of"
            + " allowed_batch_sizes is " + sizes.get(sizes.size() - 1) + ", not max_batch_size "
            + max + "; TensorFlow Serving refuses to load the model with it");
      }
    }
  }

  private static void requirePositive(Path file, String field, boolean set, long value) {
    if (set && value <= 0) {
      throw new Problem(file + ": " + field + " is " + value + ", not a positive number;"
          + " TensorFlow Serving refuses to load the model with it");
    }
  }

  /**
   * The versions the configuration of this base's model serves.
   *
   * @throws Problem if it has no such model, or serves or labels versions the base lacks
   */
  private static List<Long> policyOf(Path base, ModelServerConfig config) {
    Path file = base.resolve(ServerConfig.MODELS_CONFIG);
    String name = ServerConfig.modelName(base);
    ModelConfig model = config.getModelConfigList().getConfigList().stream()
        .filter(candidate -> candidate.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new Problem(file + " configures no model named " + name + " (the"
            + " model base's name); TensorFlow Serving would not serve this base under it"));
    if (!model.getModelPlatform().equals(ServerConfig.PLATFORM)) {
      throw new Problem(file + ": model " + name + " has model_platform '"
          + model.getModelPlatform() + "'; TensorFlow Serving loads SavedModels only as '"
          + ServerConfig.PLATFORM + "'");
    }
    List<Long> numbered = ServerConfig.versions(base);
    List<Long> served = model.getModelVersionPolicy().hasSpecific()
        ? model.getModelVersionPolicy().getSpecific().getVersionsList()
        : numbered.subList(0, Math.min(1, numbered.size()));
    for (long version : served) {
      if (!numbered.contains(version)) {
        throw new Problem(file + " serves version " + version + ", which " + base + " does not"
            + " hold; TensorFlow Serving would not find it");
      }
    }
    for (Map.Entry<String, Long> label : new TreeMap<>(model.getVersionLabelsMap()).entrySet()) {
      if (!served.contains(label.getValue())) {
        throw new Problem(file + " labels version " + label.getValue() + " " + label.getKey()
            + ", which it does not serve; TensorFlow Serving refuses a label of a version it"
            + " has not loaded");
      }
    }
    return served;
  }

  /** Checks one version; returns how many warmup responses it gave again. */
  private static int checkVersion(Path version) {
    requireNumbered(version);
    return checkContent(version);
  }

  /** Checks one version's files and answers; returns how many warmup responses it gave again. */
  private static int checkContent(Path version) {
    if (!Files.isRegularFile(version.resolve(GRAPH_FILE))) {
      throw new Problem(version + " holds no " + GRAPH_FILE + "; TensorFlow Serving would fail"
          + " to load it as a version: export it again, or remove it if it is not one");
    }
    MetaGraphDef graph = serveGraph(version);
    List<String> classes = labels(version);
    int raw = MnistDataset.IMAGE_SIZE;
    int side = Preprocessing.MODEL_SIZE;
    checkSignature(version, graph, ServingGraph.SERVING_KEY, raw, classes.size());
    checkSignature(version, graph, ServingGraph.PREPROCESSED_KEY, side, classes.size());
    if (!Files.isRegularFile(version.resolve(WarmupRecords.FILE))) {
      throw new Problem(version + " has no " + WarmupRecords.FILE + ": TensorFlow Serving would"
          + " serve it without warming it up, its first requests slow; export it again");
    }
    WarmupRecords.Replay replay;
    try {
      replay = WarmupRecords.replay(version);
    } catch (Lenet5Exception e) {
      throw new Problem(e.getMessage() + "; TensorFlow Serving would refuse the version, or warm"
          + " it up only with the records before the damage");
    }
    if (replay.records() == 0) {
      throw new Problem(replay.file() + " holds no request; TensorFlow Serving would serve the"
          + " version cold");
    }
    if (!replay.matches()) {
      throw new Problem(replay.file() + ": " + replay.firstMismatch().orElseThrow()
          + "; the model does not answer as it was exported to");
    }
    return replay.records();
  }

  private static void checkSignature(
      Path version, MetaGraphDef graph, String key, int side, int classes) {
    SignatureDef signature = graph.getSignatureDefMap().get(key);
    if (signature == null) {
      throw new Problem(version + ": no signature " + key + " (it has "
          + new TreeMap<>(graph.getSignatureDefMap()).keySet() + "); TensorFlow Serving would"
          + " answer requests for it with \"Serving signature key \\\"" + key
          + "\\\" not found.\"");
    }
    if (!signature.getMethodName().equals(ServingGraph.PREDICT_METHOD)) {
      throw new Problem(version + ": signature " + key + " has method name '"
          + signature.getMethodName() + "', not " + ServingGraph.PREDICT_METHOD
          + "; TensorFlow Serving's Predict API refuses it (\"Expected prediction signature"
          + " method_name to be one of ...\")");
    }
    String where = version + ": signature " + key;
    requireTensors(where, "inputs", signature.getInputsMap(),
        Map.of(ServingGraph.IMAGES, spec(DataType.DT_FLOAT, -1, side, side, 1)));
    requireTensors(where, "outputs", signature.getOutputsMap(), Map.of(
        ServingGraph.PROBABILITIES, spec(DataType.DT_FLOAT, -1, classes),
        ServingGraph.CLASSES, spec(DataType.DT_INT64, -1),
        ServingGraph.LOGITS, spec(DataType.DT_FLOAT, -1, classes)));
  }

  private record TensorSpec(DataType dtype, List<Long> shape) {
    @Override
    public String toString() {
      return dtype + " " + shape;
    }
  }

  private static TensorSpec spec(DataType dtype, long... shape) {
    List<Long> dims = new ArrayList<>();
    for (long dim : shape) {
      dims.add(dim);
    }
    return new TensorSpec(dtype, dims);
  }

  private static void requireTensors(
      String where, String kind, Map<String, TensorInfo> actual, Map<String, TensorSpec> wanted) {
    if (!actual.keySet().equals(wanted.keySet())) {
      throw new Problem(where + " has " + kind + " " + new TreeMap<>(actual).keySet()
          + ", not " + new TreeMap<>(wanted).keySet() + " as its clients send and read them");
    }
    for (String name : new TreeMap<>(wanted).keySet()) {
      TensorInfo info = actual.get(name);
      TensorSpec found = new TensorSpec(info.getDtype(), info.getTensorShape().getDimList()
          .stream().map(TensorShapeProto.Dim::getSize).toList());
      if (!found.equals(wanted.get(name))) {
        throw new Problem(where + ": " + name + " is " + found + ", not " + wanted.get(name)
            + " (batch-major, as docs/serving.md states)");
      }
    }
  }

  /**
   * The version's class names: its {@link SavedModelExporter#LABELS}, which must list the classes
   * its description records, in order.
   */
  private static List<String> labels(Path version) {
    Path file = version.resolve(SavedModelExporter.LABELS);
    if (!Files.isRegularFile(file)) {
      throw new Problem(version + " has no " + SavedModelExporter.LABELS + ": TensorFlow Serving"
          + " would serve it, but clients could not name the classes; export it again");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new Problem("cannot read " + file + " (" + e + ")");
    }
    List<String> recorded = ModelDescription.read(version.resolve(SavedModelExporter.DESCRIPTION))
        .data().classNames();
    if (!lines.equals(recorded)) {
      throw new Problem(file + " lists " + lines.size() + " classes " + abbreviated(lines)
          + ", the model's description " + recorded.size() + " " + abbreviated(recorded)
          + "; clients would name classes wrongly");
    }
    return lines;
  }

  private static String abbreviated(List<String> names) {
    return names.size() <= 12 ? names.toString()
        : names.subList(0, 12).stream().collect(Collectors.joining(", ", "[", ", ...]"));
  }

  private static String join(List<Long> versions) {
    return versions.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  /** The MetaGraph tagged {@code serve} of the version's graph file. */
  private static MetaGraphDef serveGraph(Path version) {
    Path file = version.resolve(GRAPH_FILE);
    SavedModel model;
    try (InputStream in = Files.newInputStream(file)) {
      model = SavedModel.parseFrom(in);
    } catch (IOException e) {
      throw new Problem(file + " is not a SavedModel (" + e.getMessage() + "); TensorFlow"
          + " Serving would not load the version");
    }
    return model.getMetaGraphsList().stream()
        .filter(graph -> graph.getMetaInfoDef().getTagsList().contains(SERVE))
        .findFirst()
        .orElseThrow(() -> new Problem(file + " has no MetaGraph tagged " + SERVE
            + "; TensorFlow Serving loads only that one"));
  }

  /** A problem found, in the one line the result carries. */
  private static final class Problem extends RuntimeException {
    Problem(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * What {@link #check} found.
   *
   * @param versions the version directories to check (all of them, also after a problem)
   * @param warmupRecords how many warmup responses the versions gave again
   * @param problem what TensorFlow Serving would reject, in one line; empty if nothing
   */
  public record Result(List<Path> versions, int warmupRecords, Optional<String> problem) {

    public Result {
      versions = List.copyOf(versions);
    }

    /** Whether TensorFlow Serving would take the export as it is. */
    public boolean passed() {
      return problem.isEmpty();
    }
  }
}
