package org.lenet5.export;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.lenet5.Lenet5Exception;
import org.lenet5.TfRecords;
import org.lenet5.data.LabeledImages;
import org.lenet5.data.Preprocessing;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorProto;
import tensorflow.serving.Model.ModelSpec;
import tensorflow.serving.Predict.PredictRequest;
import tensorflow.serving.Predict.PredictResponse;
import tensorflow.serving.PredictionLogOuterClass.PredictLog;
import tensorflow.serving.PredictionLogOuterClass.PredictionLog;

/**
 * The warmup requests of an export, in {@value #FILE}, where TensorFlow Serving looks for them:
 * before it serves a version, it sends the model each request of the file, so that the first
 * clients do not wait for TensorFlow's lazy initialization. The file is a TFRecord file of
 * TensorFlow Serving's {@code PredictionLog} messages, one {@code predict_log} each, holding the
 * request and the response the exported model gave to it.
 *
 * <p>An export's requests are {@value #IMAGES} held-out test images of its data, each alone (a
 * batch of one, as clients mostly send), through both signatures: the 28x28 grey levels through
 * {@value ServingGraph#SERVING_KEY}, then the same images resized and normalized through
 * {@value ServingGraph#PREPROCESSED_KEY}. The images are the first test image of each class in
 * turn (for MNIST, the first five test images). {@link #replay} sends them to a model again and
 * compares its answers with the recorded ones.
 */
public final class WarmupRecords {

  /** The warmup file inside a SavedModel version directory, as TensorFlow Serving names it. */
  public static final String FILE = "assets.extra/tf_serving_warmup_requests";

  /** How many test images an export's requests hold, each through both signatures. */
  public static final int IMAGES = 5;

  /**
   * How far a replayed float32 output may lie from the recorded one, relative to the larger of 1
   * and the recorded value: another processor or TensorFlow build may round differently in the
   * last bits. Types, shapes and int64 outputs (the classes) must be the same.
   */
  public static final double TOLERANCE = 1e-4;

  private static final String SERVE = "serve";

  private WarmupRecords() {}

  /**
   * Writes the warmup requests of the SavedModel in {@code version} with the responses it gives
   * them, loading it as TensorFlow Serving does.
   *
   * @param modelName the model's name in the requests, as TensorFlow Serving knows it (the name of
   *     its model base directory); TensorFlow Serving does not check it when it warms a model up
   * @param test the model's test images, of which {@value #IMAGES} are taken
   * @param preprocessing the model's own, which gives the 32x32 input of {@value
   *     ServingGraph#PREPROCESSED_KEY}
   * @throws Lenet5Exception if {@code test} holds no image
   */
  static void write(Path version, String modelName, LabeledImages test, Preprocessing preprocessing)
      throws IOException {
    LabeledImages images = test.select(chosen(test));
    List<PredictRequest> requests = requests(modelName, images, preprocessing);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    try (SavedModelBundle bundle = load(version)) {
      for (PredictRequest request : requests) {
        PredictionLog log = PredictionLog.newBuilder()
            .setPredictLog(
                PredictLog.newBuilder().setRequest(request).setResponse(predict(bundle, request)))
            .build();
        file.writeBytes(TfRecords.frame(deterministic(log)));
      }
    }
    Path target = version.resolve(FILE);
    Files.createDirectories(target.getParent());
    Files.write(target, file.toByteArray());
  }

  /**
   * The first test image of each class in turn, up to {@value #IMAGES}, in test-set order; then
   * the test set's next images, should there be fewer classes.
   */
  private static int[] chosen(LabeledImages test) {
    int count = Math.min(IMAGES, test.count());
    if (count == 0) {
      throw new Lenet5Exception("the model's test set holds no image to write its warmup"
          + " requests with");
    }
    int[] classes = test.classes();
    boolean[] taken = new boolean[classes.length];
    boolean[] classTaken = new boolean[LabeledImages.MAX_CLASSES];
    List<Integer> chosen = new ArrayList<>();
    for (int i = 0; i < classes.length && chosen.size() < count; i++) {
      if (!classTaken[classes[i]]) {
        classTaken[classes[i]] = true;
        taken[i] = true;
        chosen.add(i);
      }
    }
    for (int i = 0; i < classes.length && chosen.size() < count; i++) {
      if (!taken[i]) {
        chosen.add(i);
      }
    }
    return chosen.stream().sorted().mapToInt(Integer::intValue).toArray();
  }

  private static List<PredictRequest> requests(
      String modelName, LabeledImages images, Preprocessing preprocessing) {
    int rows = images.images().rows();
    int cols = images.images().cols();
    int size = images.images().imageSize();
    byte[] levels = images.images().pixels();
    float[] normalized = preprocessing.apply(images).pixels();
    List<PredictRequest> requests = new ArrayList<>();
    for (int i = 0; i < images.count(); i++) {
      float[] pixels = new float[size];
      for (int p = 0; p < size; p++) {
        pixels[p] = levels[i * size + p] & 0xff;
      }
      requests.add(request(modelName, ServingGraph.SERVING_KEY,
          ServingTensors.floats(new long[] {1, rows, cols, 1}, pixels)));
    }
    int side = Preprocessing.MODEL_SIZE;
    for (int i = 0; i < images.count(); i++) {
      float[] pixels = new float[Preprocessing.MODEL_PIXELS];
      System.arraycopy(normalized, i * pixels.length, pixels, 0, pixels.length);
      requests.add(request(modelName, ServingGraph.PREPROCESSED_KEY,
          ServingTensors.floats(new long[] {1, side, side, 1}, pixels)));
    }
    return requests;
  }

  private static PredictRequest request(String modelName, String signature, TensorProto images) {
    return PredictRequest.newBuilder()
        .setModelSpec(ModelSpec.newBuilder().setName(modelName).setSignatureName(signature))
        .putInputs(ServingGraph.IMAGES, images)
        .build();
  }

  /**
   * The warmup requests of the SavedModel in {@code version}, with their recorded responses.
   *
   * @throws Lenet5Exception naming the file if it is missing, cut short or damaged, or a record is
   *     not a {@code PredictionLog}
   */
  public static List<PredictionLog> read(Path version) {
    Path file = version.resolve(FILE);
    List<PredictionLog> logs = new ArrayList<>();
    for (byte[] record : TfRecords.read(file)) {
      try {
        logs.add(PredictionLog.parseFrom(record));
      } catch (InvalidProtocolBufferException e) {
        throw new Lenet5Exception(file + ": record " + (logs.size() + 1) + " is not a"
            + " PredictionLog (" + e.getMessage() + ")", e);
      }
    }
    return logs;
  }

  /**
   * Sends each warmup request of the SavedModel in {@code version} to that model, loaded afresh
   * as TensorFlow Serving loads it (tag {@code serve}, the signature the request names), and
   * compares each response with the recorded one (see {@link #TOLERANCE}): the check that the
   * model serves what it was exported to answer.
   *
   * @return how many records were replayed, and the first that got another answer, if any
   * @throws Lenet5Exception naming the file if it is missing, cut short or damaged, or a record is
   *     not a {@code PredictionLog}; if the model cannot be loaded
   */
  public static Replay replay(Path version) {
    List<PredictionLog> logs = read(version);
    Path file = version.resolve(FILE);
    try (SavedModelBundle bundle = load(version)) {
      for (int i = 0; i < logs.size(); i++) {
        Optional<String> mismatch = mismatch(bundle, logs.get(i));
        if (mismatch.isPresent()) {
          return new Replay(file, logs.size(),
              Optional.of("record " + (i + 1) + " of " + logs.size() + ": " + mismatch.get()));
        }
      }
    }
    return new Replay(file, logs.size(), Optional.empty());
  }

  /** How the model's answer to a record's request differs from the recorded one, if it does. */
  private static Optional<String> mismatch(SavedModelBundle bundle, PredictionLog log) {
    if (!log.hasPredictLog()) {
      return Optional.of("a " + log.getLogTypeCase() + " record; only predict_log records are"
          + " replayed");
    }
    PredictRequest request = log.getPredictLog().getRequest();
    PredictResponse replayed;
    try {
      replayed = predict(bundle, request);
    } catch (Lenet5Exception e) {
      return Optional.of(signatureOf(request) + ": " + e.getMessage());
    }
    Map<String, TensorProto> recorded = log.getPredictLog().getResponse().getOutputsMap();
    Map<String, TensorProto> outputs = replayed.getOutputsMap();
    if (!recorded.keySet().equals(outputs.keySet())) {
      return Optional.of(signatureOf(request) + " gives " + new TreeMap<>(outputs).keySet()
          + " here, " + new TreeMap<>(recorded).keySet() + " in the record");
    }
    for (String name : new TreeMap<>(recorded).keySet()) {
      Optional<String> difference =
          ServingTensors.difference(name, recorded.get(name), outputs.get(name), TOLERANCE);
      if (difference.isPresent()) {
        return Optional.of(signatureOf(request) + ": " + difference.get());
      }
    }
    return Optional.empty();
  }

  /**
   * What TensorFlow Serving's Predict answers to {@code request}: the outputs of the signature it
   * names ({@value ServingGraph#SERVING_KEY} if none), or those of its output filter.
   *
   * @throws Lenet5Exception if the model has no such signature or the inputs do not fit it
   */
  private static PredictResponse predict(SavedModelBundle bundle, PredictRequest request) {
    String key = signatureOf(request);
    SignatureDef signature = bundle.metaGraphDef().getSignatureDefMap().get(key);
    if (signature == null) {
      throw new Lenet5Exception("the model has no signature " + key + " (it has "
          + new TreeMap<>(bundle.metaGraphDef().getSignatureDefMap()).keySet() + ")");
    }
    if (!signature.getInputsMap().keySet().equals(request.getInputsMap().keySet())) {
      throw new Lenet5Exception("the request's inputs are " + new TreeMap<>(
          request.getInputsMap()).keySet() + "; the signature takes "
          + new TreeMap<>(signature.getInputsMap()).keySet());
    }
    Map<String, Tensor> inputs = new HashMap<>();
    try {
      request.getInputsMap()
          .forEach((name, proto) -> inputs.put(name, ServingTensors.toTensor(name, proto)));
      PredictResponse.Builder response = PredictResponse.newBuilder()
          .setModelSpec(ModelSpec.newBuilder().setName(request.getModelSpec().getName())
              .setSignatureName(key));
      try (Result result = bundle.function(key).call(inputs)) {
        for (Map.Entry<String, Tensor> output : result) {
          if (request.getOutputFilterCount() == 0
              || request.getOutputFilterList().contains(output.getKey())) {
            response.putOutputs(output.getKey(), ServingTensors.of(output.getValue()));
          }
        }
      } catch (TensorFlowException | IllegalArgumentException e) {
        throw new Lenet5Exception(Lenet5Exception.firstLineOf(e), e);
      }
      return response.build();
    } finally {
      inputs.values().forEach(Tensor::close);
    }
  }

  private static String signatureOf(PredictRequest request) {
    String name = request.getModelSpec().getSignatureName();
    return name.isEmpty() ? ServingGraph.SERVING_KEY : name;
  }

  private static SavedModelBundle load(Path version) {
    try {
      return SavedModelBundle.load(version.toString(), SERVE);
    } catch (TensorFlowException e) {
      throw new Lenet5Exception("cannot load the SavedModel " + version + " ("
          + Lenet5Exception.firstLineOf(e) + ")", e);
    }
  }

  /** The message's bytes with its maps in key order, so that one model's file is one file. */
  private static byte[] deterministic(PredictionLog log) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream coded = CodedOutputStream.newInstance(bytes);
    coded.useDeterministicSerialization();
    log.writeTo(coded);
    coded.flush();
    return bytes.toByteArray();
  }

  /**
   * What {@link #replay} found.
   *
   * @param file the warmup file replayed
   * @param records how many records it holds
   * @param firstMismatch the first record whose response the model did not give again, and how it
   *     differs (e.g. {@code record 7 of 10: preprocessed: logits[0, 3] is 1.5 here, 1.2 in the
   *     record}); empty if the model gave every recorded response
   */
  public record Replay(Path file, int records, Optional<String> firstMismatch) {

    /** Whether the model gave every recorded response. */
    public boolean matches() {
      return firstMismatch.isEmpty();
    }
  }
}
