package org.lenet5.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenet5.DirectoryTrees;
import org.lenet5.Lenet5Exception;
import org.lenet5.TensorFlowRecordReader;
import org.lenet5.TestData;
import org.lenet5.TfRecords;
import org.lenet5.TrainedModels;
import org.lenet5.data.Dataset;
import org.lenet5.data.LabeledImages;
import org.lenet5.data.Preprocessing;
import org.lenet5.train.TrainingResult;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import tensorflow.serving.Predict.PredictResponse;
import tensorflow.serving.PredictionLogOuterClass.PredictLog;
import tensorflow.serving.PredictionLogOuterClass.PredictionLog;

class WarmupRecordsTest {

  @TempDir Path dir;

  private final TrainingResult trained = TrainedModels.quick();
  private final Path version = trained.savedModel().orElseThrow();
  private final LabeledImages test = TestData.mnist().test();

  @Test
  void everyExportCarriesTheWarmupFileUnderItsManifest() throws IOException {
    assertThat(version.resolve("assets.extra/tf_serving_warmup_requests")).isRegularFile();
    assertThat(Files.readString(version.resolve(SavedModelExporter.MANIFEST)))
        .contains("  assets.extra/tf_serving_warmup_requests\n");
    assertThat(SavedModelExporter.problemWith(version)).isEmpty();
  }

  /**
   * Read with TensorFlow's own TFRecord reader and TensorFlow Serving's message definitions: the
   * first five MNIST test images through each signature, and the answers the training run scored.
   */
  @Test
  void theRecordsAreTensorFlowServingPredictLogsOfTheFirstTestImages() throws IOException {
    List<PredictionLog> logs = new ArrayList<>();
    for (byte[] record : TensorFlowRecordReader.read(version.resolve(WarmupRecords.FILE))) {
      logs.add(PredictionLog.parseFrom(record));
    }

    assertThat(logs).hasSize(10).allMatch(PredictionLog::hasPredictLog);
    float[] normalized =
        Preprocessing.forDataset(Dataset.MNIST).apply(test.first(5)).pixels();
    int[] trainingPredictions = trained.evaluation().predictions();
    for (int i = 0; i < 5; i++) {
      PredictLog serving = logs.get(i).getPredictLog();
      PredictLog preprocessed = logs.get(5 + i).getPredictLog();
      assertThat(serving.getRequest().getModelSpec().getName()).isEqualTo("models");
      assertThat(serving.getRequest().getModelSpec().getSignatureName())
          .isEqualTo("serving_default");
      assertThat(preprocessed.getRequest().getModelSpec().getSignatureName())
          .isEqualTo("preprocessed");

      TensorProto pixels = serving.getRequest().getInputsOrThrow("images");
      assertThat(pixels.getDtype()).isEqualTo(DataType.DT_FLOAT);
      assertThat(shape(pixels)).containsExactly(1L, 28L, 28L, 1L);
      assertThat(pixels.getFloatValList()).containsExactly(levels(test, i));
      TensorProto input = preprocessed.getRequest().getInputsOrThrow("images");
      assertThat(shape(input)).containsExactly(1L, 32L, 32L, 1L);
      assertThat(input.getFloatValList())
          .containsExactly(boxed(Arrays.copyOfRange(normalized, i * 1024, (i + 1) * 1024)));

      for (PredictLog log : List.of(serving, preprocessed)) {
        PredictResponse response = log.getResponse();
        assertThat(response.getModelSpec().getSignatureName())
            .isEqualTo(log.getRequest().getModelSpec().getSignatureName());
        assertThat(response.getOutputsMap()).containsOnlyKeys("probabilities", "classes", "logits");
        TensorProto classes = response.getOutputsOrThrow("classes");
        assertThat(classes.getDtype()).isEqualTo(DataType.DT_INT64);
        assertThat(classes.getInt64ValList()).containsExactly((long) trainingPredictions[i]);
        assertThat(shape(response.getOutputsOrThrow("probabilities"))).containsExactly(1L, 10L);
      }
      // Both signatures give the same answer to the same image, to the bit.
      assertThat(preprocessed.getResponse().getOutputsOrThrow("logits"))
          .isEqualTo(serving.getResponse().getOutputsOrThrow("logits"));
    }
  }

  @Test
  void aFreshlyLoadedModelGivesEveryRecordedResponse() {
    WarmupRecords.Replay replay = WarmupRecords.replay(version);

    assertThat(replay.firstMismatch()).isEmpty();
    assertThat(replay.matches()).isTrue();
    assertThat(replay.records()).isEqualTo(10);
    assertThat(replay.file()).isEqualTo(version.resolve(WarmupRecords.FILE));
  }

  @Test
  void aRecordedResponseTheModelDoesNotGiveIsNamed() throws IOException {
    Path copy = copyOfVersion();
    List<PredictionLog> logs = WarmupRecords.read(copy);
    PredictionLog seventh = logs.get(6);
    TensorProto logits = seventh.getPredictLog().getResponse().getOutputsOrThrow("logits");
    float changed = logits.getFloatVal(3) + 0.5f;
    logs.set(6, seventh.toBuilder()
        .setPredictLog(seventh.getPredictLog().toBuilder().setResponse(
            seventh.getPredictLog().getResponse().toBuilder()
                .putOutputs("logits", logits.toBuilder().setFloatVal(3, changed).build())))
        .build());
    write(copy, logs);

    WarmupRecords.Replay replay = WarmupRecords.replay(copy);

    assertThat(replay.matches()).isFalse();
    assertThat(replay.firstMismatch()).contains(
        "record 7 of 10: preprocessed: logits[0, 3] is " + logits.getFloatVal(3) + " here, "
            + changed + " in the record");
  }

  @Test
  void aTruncatedWarmupFileFailsTheReplayInOneLineNamingIt() throws IOException {
    Path copy = copyOfVersion();
    Path file = copy.resolve(WarmupRecords.FILE);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));

    assertThatThrownBy(() -> WarmupRecords.replay(copy))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageStartingWith(
            file + " is not a complete TFRecord file: it ends inside record 10,")
        .hasMessageNotContaining("\n");
  }

  /** Clients often write tensors as raw bytes ({@code tensor_content}): they replay alike. */
  @Test
  void tensorsWrittenAsContentReplayAlike() throws IOException {
    Path copy = copyOfVersion();
    List<PredictionLog> logs = new ArrayList<>();
    for (PredictionLog log : WarmupRecords.read(copy)) {
      PredictLog.Builder predict = log.getPredictLog().toBuilder();
      predict.getRequestBuilder().getMutableInputs().replaceAll((name, tensor) -> asContent(tensor));
      predict.getResponseBuilder().getMutableOutputs()
          .replaceAll((name, tensor) -> asContent(tensor));
      logs.add(log.toBuilder().setPredictLog(predict).build());
    }
    write(copy, logs);

    assertThat(WarmupRecords.read(copy).get(0).getPredictLog().getRequest()
        .getInputsOrThrow("images").getFloatValCount()).isZero();
    assertThat(WarmupRecords.replay(copy).firstMismatch()).isEmpty();
  }

  /** One's own images often come class by class: the requests still show several classes. */
  @Test
  void theImagesAreOfAsManyClassesAsThereAre() throws IOException {
    int[] order = IntStream.range(0, 200)
        .boxed()
        .sorted((a, b) -> Integer.compare(test.classes()[a], test.classes()[b]))
        .mapToInt(Integer::intValue)
        .toArray();
    LabeledImages byClass = test.select(order);
    Path copy = copyOfVersion();

    WarmupRecords.write(copy, "lenet5", byClass, Preprocessing.forDataset(Dataset.MNIST));

    List<PredictionLog> logs = WarmupRecords.read(copy);
    assertThat(logs).hasSize(10);
    List<Integer> firstOfEachClass = new ArrayList<>();
    for (int image = 0; firstOfEachClass.size() < 5; image++) {
      if (image == 0 || byClass.classes()[image] != byClass.classes()[image - 1]) {
        firstOfEachClass.add(image);
      }
    }
    for (int i = 0; i < 5; i++) {
      assertThat(logs.get(i).getPredictLog().getRequest().getInputsOrThrow("images")
              .getFloatValList())
          .containsExactly(levels(byClass, firstOfEachClass.get(i)));
    }
    assertThat(WarmupRecords.replay(copy).matches()).isTrue();
  }

  private Path copyOfVersion() throws IOException {
    Path copy = dir.resolve("copy");
    DirectoryTrees.copy(version, copy);
    return copy;
  }

  private static void write(Path copy, List<PredictionLog> logs) throws IOException {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    logs.forEach(log -> file.writeBytes(TfRecords.frame(log.toByteArray())));
    Files.write(copy.resolve(WarmupRecords.FILE), file.toByteArray());
  }

  private static TensorProto asContent(TensorProto tensor) {
    boolean floats = tensor.getDtype() == DataType.DT_FLOAT;
    int count = floats ? tensor.getFloatValCount() : tensor.getInt64ValCount();
    ByteBuffer content =
        ByteBuffer.allocate(count * (floats ? 4 : 8)).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      if (floats) {
        content.putFloat(tensor.getFloatVal(i));
      } else {
        content.putLong(tensor.getInt64Val(i));
      }
    }
    return tensor.toBuilder().clearFloatVal().clearInt64Val()
        .setTensorContent(ByteString.copyFrom(content.array())).build();
  }

  private static Float[] levels(LabeledImages images, int image) {
    Float[] levels = new Float[784];
    for (int p = 0; p < 784; p++) {
      levels[p] = (float) (images.images().pixels()[image * 784 + p] & 0xff);
    }
    return levels;
  }

  private static Float[] boxed(float[] values) {
    Float[] boxed = new Float[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return boxed;
  }

  private static List<Long> shape(TensorProto tensor) {
    return tensor.getTensorShape().getDimList().stream().map(TensorShapeProto.Dim::getSize)
        .toList();
  }
}
