package org.lenet5.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenet5.Lenet5Exception;
import org.lenet5.TestData;
import org.lenet5.TrainedModels;
import org.lenet5.data.Dataset;
import org.lenet5.data.IdxImages;
import org.lenet5.data.LabeledImages;
import org.lenet5.data.ModelInput;
import org.lenet5.data.Preprocessing;
import org.lenet5.inference.Lenet5Model;
import org.lenet5.model.Evaluation;
import org.lenet5.model.Lenet5Checkpoint;
import org.lenet5.model.Lenet5Graph;
import org.lenet5.train.TrainingResult;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TFloat32;
import tensorflow.serving.PredictionLogOuterClass.PredictionLog;

class SavedModelExporterTest {

  @TempDir Path dir;

  private final TrainingResult trained = TrainedModels.quick();

  @Test
  void trainingExportsVersionOneWithTheServingSignatures() {
    Path version = trained.savedModel().orElseThrow();
    assertThat(version.getFileName().toString()).isEqualTo("1");
    assertThat(version.resolve("saved_model.pb")).isRegularFile();
    assertThat(version.resolve("variables/variables.index")).isRegularFile();

    try (SavedModelBundle bundle = SavedModelBundle.load(version.toString(), "serve")) {
      Map<String, SignatureDef> signatures = bundle.metaGraphDef().getSignatureDefMap();
      assertThat(signatures).containsOnlyKeys("serving_default", "preprocessed");

      SignatureDef serving = signatures.get("serving_default");
      assertThat(serving.getMethodName()).isEqualTo("tensorflow/serving/predict");
      assertThat(serving.getInputsMap()).containsOnlyKeys("images");
      assertThat(shape(serving.getInputsMap().get("images"))).containsExactly(-1L, 28L, 28L, 1L);
      assertThat(serving.getOutputsMap())
          .containsOnlyKeys("probabilities", "classes", "logits");
      assertThat(shape(serving.getOutputsMap().get("probabilities"))).containsExactly(-1L, 10L);
      assertThat(shape(serving.getOutputsMap().get("classes"))).containsExactly(-1L);
      assertThat(serving.getOutputsMap().get("classes").getDtype().name()).isEqualTo("DT_INT64");
      assertThat(shape(serving.getOutputsMap().get("logits"))).containsExactly(-1L, 10L);

      SignatureDef preprocessed = signatures.get("preprocessed");
      assertThat(preprocessed.getMethodName()).isEqualTo("tensorflow/serving/predict");
      assertThat(shape(preprocessed.getInputsMap().get("images")))
          .containsExactly(-1L, 32L, 32L, 1L);
    }
  }

  @Test
  void theExportHoldsOnlyTheInferenceGraph() {
    try (SavedModelBundle bundle =
        SavedModelBundle.load(trained.savedModel().orElseThrow().toString(), "serve")) {
      List<String> variables = new ArrayList<>();
      for (Iterator<GraphOperation> it = bundle.graph().operations(); it.hasNext(); ) {
        GraphOperation op = it.next();
        assertThat(op.type()).doesNotStartWith("Apply").doesNotContain("Grad");
        assertThat(op.name()).doesNotContain("gradients").doesNotContain("adam");
        if (op.type().equals("VariableV2")) {
          variables.add(op.name());
        }
      }
      // The model's 18 variables, no Adam slots or beta powers.
      assertThat(variables).hasSize(18).noneMatch(name -> name.endsWith("-m")
          || name.endsWith("-v") || name.contains("beta1_power"));
    }
  }

  /**
   * Every node of the exported graph is on the path of a signature output, of the saver or of the
   * variables' initializers.
   */
  @Test
  void theExportedGraphHoldsOnlyWhatServingNeeds() throws IOException {
    MetaGraphDef graph =
        SavedModel.parseFrom(
                Files.readAllBytes(trained.savedModel().orElseThrow().resolve("saved_model.pb")))
            .getMetaGraphs(0);
    List<String> roots =
        new ArrayList<>(ServingGraphNodes.outputs(graph.getSignatureDefMap().values()));
    roots.add(graph.getSaverDef().getRestoreOpName());
    roots.add(graph.getSaverDef().getSaveTensorName());
    roots.add(ServingGraphNodes.INITIALIZERS);

    assertThat(graph.getSaverDef().getRestoreOpName()).isNotEmpty();
    assertThat(ServingGraphNodes.unreachable(graph.getGraphDef(), roots)).isEmpty();
  }

  @Test
  void theExportScoresExactlyWhatTrainingReported() {
    try (Lenet5Model model = Lenet5Model.load(trained.savedModel().orElseThrow())) {
      Evaluation evaluation = model.evaluate(TestData.mnist().test());

      assertThat(evaluation.correct()).isEqualTo(trained.evaluation().correct());
      assertThat(evaluation.predictions()).containsExactly(trained.evaluation().predictions());
    }
  }

  /**
   * All 10,000 test images, and one flat image per grey level so that every level's normalized
   * value is checked.
   */
  @Test
  void theGraphPreprocessesRawPixelsBitForBitAsTrainingDid() {
    LabeledImages test = TestData.mnist().test();
    int count = test.count() + 256;
    byte[] pixels = Arrays.copyOf(test.images().pixels(), count * 784);
    for (int level = 0; level < 256; level++) {
      Arrays.fill(pixels, (test.count() + level) * 784, (test.count() + level + 1) * 784,
          (byte) level);
    }
    LabeledImages images =
        new LabeledImages(new IdxImages(count, 28, 28, pixels), new byte[count]);
    ModelInput expected = Preprocessing.forDataset(Dataset.MNIST).apply(images);
    float[] flat = expected.pixels();
    assertThat(
            IntStream.range(test.count() * 1024, flat.length)
                .mapToObj(i -> flat[i])
                .distinct()
                .count())
        .as("distinct normalized values of the flat images")
        .isEqualTo(256);
    float[] raw = new float[count * 784];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = pixels[i] & 0xff;
    }
    try (SavedModelBundle bundle =
            SavedModelBundle.load(trained.savedModel().orElseThrow().toString(), "serve");
        TFloat32 input = TFloat32.tensorOf(Shape.of(count, 28, 28, 1), DataBuffers.of(raw));
        Result result =
            bundle
                .session()
                .runner()
                .feed("pixels", input)
                .fetch("preprocessing/normalized")
                .run()) {
      TFloat32 normalized = (TFloat32) result.get(0);
      assertThat(normalized.shape()).isEqualTo(Shape.of(count, 32, 32, 1));
      float[] actual = new float[flat.length];
      normalized.copyTo(DataBuffers.of(actual, false, false));
      int firstDifference = Arrays.mismatch(actual, flat);
      assertThat(firstDifference)
          .as("first differing value: %s", firstDifference < 0 ? "none"
              : actual[firstDifference] + " vs " + flat[firstDifference])
          .isEqualTo(-1);
    }
  }

  @Test
  void logitsAreBitIdenticalToTheTrainedWeightsInAnInferenceGraph() {
    LabeledImages images = TestData.mnist().test().first(200);
    ModelInput preprocessed = Preprocessing.forDataset(Dataset.MNIST).apply(images);
    float[] expected = new float[200 * 10];
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forInference(graph);
      try (Session session = new Session(graph);
          TFloat32 input =
              TFloat32.tensorOf(Shape.of(200, 32, 32, 1), DataBuffers.of(preprocessed.pixels()))) {
        Lenet5Checkpoint.restore(session, trained.checkpoint());
        try (Result result =
            session.runner().feed(model.images(), input).fetch(model.inferenceLogits()).run()) {
          ((TFloat32) result.get(0)).copyTo(DataBuffers.of(expected, false, false));
        }
      }
    }
    float[] raw = new float[200 * 784];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = images.images().pixels()[i] & 0xff;
    }
    float[] actual = new float[200 * 10];
    try (SavedModelBundle bundle =
            SavedModelBundle.load(trained.savedModel().orElseThrow().toString(), "serve");
        TFloat32 input = TFloat32.tensorOf(Shape.of(200, 28, 28, 1), DataBuffers.of(raw));
        Result result = bundle.function("serving_default").call(Map.of("images", input))) {
      ((TFloat32) result.get("logits").orElseThrow()).copyTo(DataBuffers.of(actual, false, false));
    }

    assertThat(Arrays.mismatch(actual, expected)).isEqualTo(-1);
  }

  @Test
  void aFailureInTheMiddleOfAnExportLeavesNoVersionBehind() throws IOException {
    Path checkpoint = Files.createDirectories(dir.resolve("damaged-checkpoint"));
    try (Stream<Path> files = Files.list(trained.checkpoint())) {
      for (Path file : files.toList()) {
        byte[] content = Files.readAllBytes(file);
        if (file.getFileName().toString().startsWith("model.data")) {
          content = java.util.Arrays.copyOf(content, 1000);
        }
        Files.write(checkpoint.resolve(file.getFileName()), content);
      }
    }
    Path base = dir.resolve("models");

    assertThatThrownBy(() -> SavedModelExporter.export(checkpoint, base))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageStartingWith("cannot restore the model from " + checkpoint);
    assertThat(children(base)).isEmpty();
  }

  @Test
  void eachExportTakesTheNextVersionAndLeavesNothingHalfWritten() {
    Path base = dir.resolve("models");

    Path first = SavedModelExporter.export(trained.checkpoint(), base);
    Path second = SavedModelExporter.export(trained.checkpoint(), base);

    assertThat(first).isEqualTo(base.resolve("1"));
    assertThat(second).isEqualTo(base.resolve("2"));
    assertThat(children(base)).containsExactlyInAnyOrder(
        "1", "2", ServerConfig.MODELS_CONFIG, ServerConfig.BATCHING_PARAMETERS);
  }

  @Test
  void anExportRecordsItsFilesSoThatADamagedOneIsNamed() throws IOException {
    Path version = SavedModelExporter.export(trained.checkpoint(), dir.resolve("models"));
    assertThat(SavedModelExporter.problemWith(version)).isEmpty();
    assertThat(Files.readString(version.resolve(SavedModelExporter.MANIFEST)))
        .contains("  saved_model.pb\n", "  variables/variables.index\n",
            "  assets.extra/lenet5.properties\n", "  assets.extra/tf_serving_warmup_requests\n")
        .doesNotContain("manifest.sha256");

    Path variables = version.resolve("variables/variables.data-00000-of-00001");
    Files.write(variables, Arrays.copyOf(Files.readAllBytes(variables), 100));
    Files.writeString(version.resolve("extra.txt"), "added");

    assertThat(SavedModelExporter.problemWith(version)).contains(
        "extra.txt was not saved with it, "
            + "variables/variables.data-00000-of-00001 has changed since it was saved");
  }

  @Test
  void anExportGivenNoImagesWarmsUpWithThoseOfTheDatasetItRecords() {
    Path version = SavedModelExporter.export(trained.checkpoint(), dir.resolve("models"));

    List<PredictionLog> logs = WarmupRecords.read(version);
    assertThat(logs).hasSize(10);
    byte[] first = Arrays.copyOf(TestData.mnist().test().images().pixels(), 784);
    List<Float> levels = logs.get(0).getPredictLog().getRequest().getInputsOrThrow("images")
        .getFloatValList();
    for (int p = 0; p < 784; p++) {
      assertThat(levels.get(p)).isEqualTo((float) (first[p] & 0xff));
    }
    assertThat(WarmupRecords.replay(version).matches()).isTrue();
  }

  @Test
  void aCopiedVersionWithoutAManifestGetsOne() throws IOException {
    Path version = SavedModelExporter.export(trained.checkpoint(), dir.resolve("old"));
    Files.delete(version.resolve(SavedModelExporter.MANIFEST));
    assertThat(SavedModelExporter.problemWith(version))
        .contains("it has no assets.extra/manifest.sha256");

    Path copy = SavedModelExporter.publishCopy(version, dir.resolve("models"));

    assertThat(SavedModelExporter.problemWith(copy)).isEmpty();
  }

  @Test
  void anExportRemovesTheStagingLeftByAKilledExportButNotAFreshOne() throws IOException {
    Path base = Files.createDirectories(dir.resolve("models"));
    Path stale = Files.createDirectories(base.resolve(".export-123/model/variables"));
    Files.writeString(stale.resolve("variables.index"), "half written");
    Files.setLastModifiedTime(base.resolve(".export-123"), FileTime.from(
        Instant.now().minus(SavedModelExporter.STALE_AFTER).minusSeconds(60)));
    Path fresh = Files.createDirectories(base.resolve(".export-456"));

    SavedModelExporter.export(trained.checkpoint(), base);

    assertThat(children(base)).containsExactlyInAnyOrder("1", fresh.getFileName().toString(),
        ServerConfig.MODELS_CONFIG, ServerConfig.BATCHING_PARAMETERS);
  }

  @Test
  void concurrentExportsNeverClobberEachOther() throws Exception {
    Path base = dir.resolve("models");
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Path>> exports = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        exports.add(
            pool.submit(
                () -> SavedModelExporter.export(trained.checkpoint(), base)));
      }
      List<Path> versions = new ArrayList<>();
      for (Future<Path> export : exports) {
        versions.add(export.get());
      }
      assertThat(versions).doesNotHaveDuplicates();
      assertThat(children(base)).containsExactlyInAnyOrder("1", "2", "3",
          ServerConfig.MODELS_CONFIG, ServerConfig.BATCHING_PARAMETERS);
      assertThat(ServerConfig.readModelsConfig(base).getModelConfigList().getConfig(0)
          .getModelVersionPolicy().getSpecific().getVersionsList()).containsExactly(3L, 2L);
      for (Path version : versions) {
        try (Lenet5Model model = Lenet5Model.load(version)) {
          assertThat(model.directory()).isEqualTo(version);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusesABaseThatIsAFile() throws IOException {
    Path file = Files.writeString(dir.resolve("models"), "taken");

    assertThatThrownBy(() -> SavedModelExporter.export(trained.checkpoint(), file))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageContaining("is a file");
  }

  @Test
  void refusesABaseInsideAFile() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "taken");

    assertThatThrownBy(
            () ->
                SavedModelExporter.export(trained.checkpoint(), file.resolve("models")))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageContaining("choose a writable export directory");
  }

  @Test
  void refusesAMissingCheckpoint() {
    assertThatThrownBy(
            () -> SavedModelExporter.export(dir.resolve("none"), dir.resolve("m")))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageContaining("no trained model");
    assertThat(dir.resolve("m")).doesNotExist();
  }

  private static List<Long> shape(TensorInfo info) {
    return info.getTensorShape().getDimList().stream().map(d -> d.getSize()).toList();
  }

  private static List<String> children(Path base) {
    try (Stream<Path> paths = Files.list(base)) {
      return paths.map(path -> path.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
