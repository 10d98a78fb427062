package org.lenet5.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenet5.DirectoryTrees;
import org.lenet5.TrainedModels;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;

/**
 * The serving check on a real export and on hand-broken copies of it: each break is named in one
 * line, with what TensorFlow Serving would do.
 */
class ServingCheckTest {

  @TempDir Path dir;

  private Path base;
  private Path version;

  @BeforeEach
  void copyTheExport() {
    base = dir.resolve("lenet5");
    version = SavedModelExporter.publishCopy(
        TrainedModels.quick().savedModel().orElseThrow(), base);
  }

  @Test
  void aGoodExportPasses() {
    ServingCheck.Result result = ServingCheck.check(version);

    assertThat(result.problem()).isEmpty();
    assertThat(result.passed()).isTrue();
    assertThat(result.versions()).containsExactly(version);
    assertThat(result.warmupRecords()).isEqualTo(10);
  }

  @Test
  void aModelBaseIsCheckedForTheVersionsItsConfigurationServes() throws IOException {
    Path second = SavedModelExporter.publishCopy(version, base);
    SavedModelExporter.publishCopy(version, base);
    Path third = base.resolve("3");

    ServingCheck.Result result = ServingCheck.check(base);

    assertThat(result.problem()).isEmpty();
    assertThat(result.versions()).containsExactly(third, second);
    assertThat(result.warmupRecords()).isEqualTo(20);
  }

  @Test
  void aRenamedSignatureIsNamed() throws IOException {
    editGraph(graph -> {
      SignatureDef preprocessed = graph.getSignatureDefOrThrow("preprocessed");
      return graph.toBuilder().removeSignatureDef("preprocessed")
          .putSignatureDef("preprocess", preprocessed).build();
    });

    assertThat(ServingCheck.check(version).problem()).contains(version + ": no signature"
        + " preprocessed (it has [preprocess, serving_default]); TensorFlow Serving would answer"
        + " requests for it with \"Serving signature key \\\"preprocessed\\\" not found.\"");
  }

  @Test
  void aClearedMethodNameIsNamed() throws IOException {
    editGraph(graph -> graph.toBuilder().putSignatureDef("serving_default",
        graph.getSignatureDefOrThrow("serving_default").toBuilder().clearMethodName().build())
        .build());

    assertThat(ServingCheck.check(base).problem()).contains(version + ": signature"
        + " serving_default has method name '', not tensorflow/serving/predict; TensorFlow"
        + " Serving's Predict API refuses it (\"Expected prediction signature method_name to be"
        + " one of ...\")");
  }

  @Test
  void aVersionDirectoryWithoutANumberIsNamed() throws IOException {
    Path renamed = Files.move(version, base.resolve("v1"));

    assertThat(ServingCheck.check(renamed).problem()).contains(renamed + ": TensorFlow Serving"
        + " loads a version only from a directory named by its number, and skips v1; rename it"
        + " (e.g. to 1)");
    assertThat(ServingCheck.check(base).problem()).contains(base + " holds no numbered version"
        + " directory with a saved_model.pb; TensorFlow Serving takes only directories named by"
        + " a number as versions (it skips v1; rename them)");
  }

  @Test
  void aPublishedModelNotYetInAModelBaseIsCheckedForWhatItHolds() throws IOException {
    Path unpacked = dir.resolve("artifacts/digits-1.0-savedmodel");
    DirectoryTrees.copy(version, unpacked);

    ServingCheck.Result result = ServingCheck.checkUnplaced(unpacked);

    assertThat(result.problem()).isEmpty();
    assertThat(result.warmupRecords()).isEqualTo(10);
    assertThat(ServingCheck.check(unpacked).problem()).hasValueSatisfying(
        problem -> assertThat(problem).contains("and skips digits-1.0-savedmodel; rename it"));
  }

  @Test
  void truncatedWarmupRecordsAreNamed() throws IOException {
    Path warmup = version.resolve(WarmupRecords.FILE);
    byte[] records = Files.readAllBytes(warmup);
    Files.write(warmup, Arrays.copyOf(records, records.length - 100));

    assertThat(ServingCheck.check(version).problem()).hasValueSatisfying(problem -> assertThat(
        problem)
        .startsWith(warmup + " is not a complete TFRecord file: ")
        .endsWith("; TensorFlow Serving would refuse the version, or warm it up only with the"
            + " records before the damage")
        .doesNotContain("\n"));
  }

  @Test
  void aDamagedVersionIsNotServedAsThePreviousOne() throws IOException {
    Path warmup = version.resolve(WarmupRecords.FILE);
    byte[] records = Files.readAllBytes(warmup);
    Files.write(warmup, Arrays.copyOf(records, records.length - 100));
    Path second = SavedModelExporter.publishCopy(
        TrainedModels.quick().savedModel().orElseThrow(), base);

    ServingCheck.Result result = ServingCheck.check(base);

    assertThat(result.problem()).isEmpty();
    assertThat(result.versions()).containsExactly(second);
    assertThat(ServerConfig.readModelsConfig(base).getModelConfigList().getConfig(0)
        .getModelVersionPolicy().getSpecific().getVersionsList()).containsExactly(2L);
  }

  @Test
  void withoutAConfigurationTheHighestNumberedDirectoryIsWhatAServerWouldLoad()
      throws IOException {
    Files.delete(base.resolve(ServerConfig.MODELS_CONFIG));
    Files.createDirectories(base.resolve("3").resolve("variables"));

    assertThat(ServingCheck.check(base).problem()).contains(base.resolve("3") + " holds no"
        + " saved_model.pb; TensorFlow Serving would fail to load it as a version: export it"
        + " again, or remove it if it is not one");
  }

  @Test
  void batchingParametersAServerRefusesAreNamed() throws IOException {
    Path file = base.resolve(ServerConfig.BATCHING_PARAMETERS);
    String written = Files.readString(file);
    Files.writeString(file, written.replace("allowed_batch_sizes: 64", "allowed_batch_sizes: 2000"));
    assertThat(ServingCheck.check(base).problem()).contains(file + ": allowed_batch_sizes must"
        + " increase, but 256 follows 2000; TensorFlow Serving refuses to load the model with it");

    Files.writeString(file, written.replaceFirst("max_batch_size \\{\\s*value: 1000\\s*}",
        "max_batch_size { value: 0 }"));
    assertThat(ServingCheck.check(base).problem()).hasValueSatisfying(problem ->
        assertThat(problem).contains("max_batch_size is 0, not a positive number"));
  }

  @Test
  void exportWithoutWarmupRequestsIsNamedForWhatAServerWouldDo() throws IOException {
    Files.delete(version.resolve(WarmupRecords.FILE));

    assertThat(ServingCheck.check(version).problem()).contains(version + " has no "
        + WarmupRecords.FILE + ": TensorFlow Serving would serve it without warming it up, its"
        + " first requests slow; export it again");
  }

  @Test
  void labelsThatAreNotTheModelsClassesAreNamed() throws IOException {
    Files.writeString(version.resolve(SavedModelExporter.LABELS), "zero\none\n");

    assertThat(ServingCheck.check(version).problem()).contains(
        version.resolve(SavedModelExporter.LABELS) + " lists 2 classes [zero, one], the model's"
            + " description 10 [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]; clients would name classes"
            + " wrongly");
  }

  @Test
  void aVersionTheConfigurationDoesNotServeIsNamed() throws IOException {
    DirectoryTrees.copy(version, base.resolve("2"));

    assertThat(ServingCheck.check(base).problem()).contains(
        base.resolve(ServerConfig.MODELS_CONFIG) + " serves version 1, not the newest, 2, which"
            + " TensorFlow Serving would therefore not load; export again (each export writes"
            + " it), or ServerConfig.write(base)");
  }

  /** Rewrites the version's saved_model.pb with its serve MetaGraph edited. */
  private void editGraph(UnaryOperator<MetaGraphDef> edit) throws IOException {
    Path file = version.resolve("saved_model.pb");
    SavedModel model;
    try (InputStream in = Files.newInputStream(file)) {
      model = SavedModel.parseFrom(in);
    }
    SavedModel edited = model.toBuilder().setMetaGraphs(0, edit.apply(model.getMetaGraphs(0)))
        .build();
    try (OutputStream out = Files.newOutputStream(file)) {
      edited.writeTo(out);
    }
  }
}
