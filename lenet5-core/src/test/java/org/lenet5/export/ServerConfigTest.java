package org.lenet5.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenet5.Lenet5Exception;
import org.lenet5.TrainedModels;
import tensorflow.serving.ModelServerConfigOuterClass.ModelConfig;
import tensorflow.serving.ModelServerConfigOuterClass.ModelServerConfig;
import tensorflow.serving.SessionBundleConfigOuterClass.BatchingParameters;

/**
 * TensorFlow Serving's configuration files beside the versions, parsed back as TensorFlow Serving
 * parses them: its text format, into its own message classes.
 */
class ServerConfigTest {

  @TempDir Path dir;

  private final Path exported = TrainedModels.quick().savedModel().orElseThrow();

  @Test
  void aModelOfOneVersionServesItAsStableAndCanaryFromTheDockerPath() throws IOException {
    Path base = dir.resolve("lenet5");
    SavedModelExporter.publishCopy(exported, base);

    ModelConfig model = modelsConfig(base);
    assertThat(model.getName()).isEqualTo("lenet5");
    assertThat(model.getBasePath()).isEqualTo("/models/lenet5");
    assertThat(model.getModelPlatform()).isEqualTo("tensorflow");
    assertThat(model.getModelVersionPolicy().getSpecific().getVersionsList()).containsExactly(1L);
    assertThat(model.getVersionLabelsMap()).containsOnly(
        entry("stable", 1L), entry("canary", 1L));
  }

  @Test
  void eachNewVersionBecomesTheCanaryAndTheOneBeforeItStable() throws IOException {
    Path base = dir.resolve("lenet5");
    for (int i = 0; i < 3; i++) {
      SavedModelExporter.publishCopy(exported, base);
    }

    ModelConfig model = modelsConfig(base);
    assertThat(model.getModelVersionPolicy().getSpecific().getVersionsList())
        .containsExactly(3L, 2L);
    assertThat(model.getVersionLabelsMap()).containsOnly(
        entry("stable", 2L), entry("canary", 3L));
    assertThat(Files.readString(base.resolve(ServerConfig.MODELS_CONFIG)))
        .startsWith("# TensorFlow Serving's --model_config_file for lenet5");
  }

  @Test
  void aBasePathSetOnceIsKeptByLaterExports() throws IOException {
    Path base = dir.resolve("digits");
    SavedModelExporter.publishCopy(exported, base);
    ServerConfig.write(base, "/srv/models/digits");

    SavedModelExporter.publishCopy(exported, base);

    ModelConfig model = modelsConfig(base);
    assertThat(model.getBasePath()).isEqualTo("/srv/models/digits");
    assertThat(model.getModelVersionPolicy().getSpecific().getVersionsList())
        .containsExactly(2L, 1L);
  }

  @Test
  void theBatchingParametersAreSizedForThisModel() throws IOException {
    Path base = dir.resolve("lenet5");
    SavedModelExporter.publishCopy(exported, base);

    BatchingParameters.Builder parsed = BatchingParameters.newBuilder();
    TextFormat.merge(Files.readString(base.resolve(ServerConfig.BATCHING_PARAMETERS)), parsed);
    BatchingParameters batching = parsed.build();

    assertThat(batching.getMaxBatchSize().getValue()).isEqualTo(1000);
    assertThat(batching.getBatchTimeoutMicros().getValue()).isEqualTo(2000);
    assertThat(batching.getMaxEnqueuedBatches().getValue()).isEqualTo(16);
    assertThat(batching.hasNumBatchThreads()).as("the serving machine's cores").isFalse();
    assertThat(batching.getPadVariableLengthInputs()).isFalse();
    // TensorFlow Serving's own rules (bundle_factory_util.cc): increasing, ending at the maximum.
    List<Long> sizes = batching.getAllowedBatchSizesList();
    assertThat(sizes).isSorted().doesNotHaveDuplicates();
    assertThat(sizes.get(sizes.size() - 1)).isEqualTo(batching.getMaxBatchSize().getValue());
    assertThat(ServerConfig.readBatchingParameters(base)).isEqualTo(batching);
  }

  @Test
  void aDamagedConfigurationIsNamed() throws IOException {
    Path base = dir.resolve("lenet5");
    SavedModelExporter.publishCopy(exported, base);
    Files.writeString(base.resolve(ServerConfig.MODELS_CONFIG), "model_config_list { nonsense");

    assertThatThrownBy(() -> ServerConfig.readModelsConfig(base))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageStartingWith(base.resolve(ServerConfig.MODELS_CONFIG)
            + " is not a text-format ModelServerConfig (");
  }

  private static ModelConfig modelsConfig(Path base) throws IOException {
    ModelServerConfig.Builder parsed = ModelServerConfig.newBuilder();
    TextFormat.merge(Files.readString(base.resolve(ServerConfig.MODELS_CONFIG)), parsed);
    assertThat(parsed.getModelConfigList().getConfigList()).hasSize(1);
    return parsed.getModelConfigList().getConfig(0);
  }

  private static java.util.Map.Entry<String, Long> entry(String label, long version) {
    return java.util.Map.entry(label, version);
  }
}
