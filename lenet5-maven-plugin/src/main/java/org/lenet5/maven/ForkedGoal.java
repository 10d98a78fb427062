package org.lenet5.maven;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Consumer;
import org.lenet5.HeapExhaustedException;
import org.lenet5.Lenet5Exception;
import org.lenet5.data.Dataset;
import org.lenet5.data.LabeledImages;
import org.lenet5.inference.Lenet5Model;
import org.lenet5.model.Evaluation;
import org.lenet5.model.ModelVariant;
import org.lenet5.report.RunReport;
import org.lenet5.report.TensorBoardLog;
import org.lenet5.train.ConsoleReport;
import org.lenet5.train.Evaluator;
import org.lenet5.train.Trainer;
import org.lenet5.train.TrainingConfig;
import org.lenet5.train.TrainingResult;

/**
 * The TensorFlow work of the goals — training, evaluating — as a request and a result, both
 * properties, so that it runs the same in a forked JVM ({@link #main}, the default; see {@link
 * Fork}) and in Maven's own. This class and what it calls know nothing of Maven: the forked JVM
 * has only the plugin's runtime dependencies on its class path.
 */
public final class ForkedGoal {

  /** The exit code of a run that failed with a {@link Lenet5Exception}: a one-line message. */
  static final int USER_ERROR = 2;

  /**
   * The forked JVM's heap unless {@code <jvmArgs>} says otherwise: the command line's. Here, not
   * in {@link Fork}, which the forked JVM cannot load (it has no Maven on its class path).
   */
  static final String DEFAULT_HEAP = "-Xmx768m";

  private ForkedGoal() {}

  /**
   * The forked JVM's entry point: {@code ForkedGoal <request.properties> <result.properties>}.
   * Exits 0, {@value #USER_ERROR} with the message in the result, or 1 with a stack trace.
   */
  public static void main(String[] args) throws IOException {
    configureLogging(Boolean.getBoolean("lenet5.verbose"));
    Properties request = load(Path.of(args[0]));
    applyProxy(request);
    Properties result;
    int exitCode = 0;
    try {
      result = run(request, System.out::println);
    } catch (OutOfMemoryError e) {
      result = new Properties();
      result.setProperty(
          "error", forkedHeapMessage(HeapExhaustedException.of(activity(request), e)));
      exitCode = USER_ERROR;
    } catch (HeapExhaustedException e) {
      result = new Properties();
      result.setProperty("error", forkedHeapMessage(e));
      exitCode = USER_ERROR;
    } catch (Lenet5Exception e) {
      result = new Properties();
      result.setProperty("error", MavenMessages.of(e));
      exitCode = USER_ERROR;
    }
    try (Writer out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
      result.store(out, "lenet5 forked goal result");
    }
    System.out.flush();
    System.exit(exitCode);
  }

  /** What a request does, for a message: "training", "evaluating the models". */
  static String activity(Properties request) {
    return "train".equals(request.getProperty("goal")) ? "training" : "evaluating the models";
  }

  /** The fix for a heap that ran out in the forked JVM: its options, {@code <jvmArgs>}. */
  static String forkedHeapMessage(HeapExhaustedException e) {
    return "Out of Java heap while " + e.activity() + " in the JVM that the plugin forks ("
        + HeapExhaustedException.describe(e.maxHeapBytes()) + "); give it more with <jvmArgs>"
        + "<jvmArg>" + e.suggestedMaxHeap() + "</jvmArg></jvmArgs> (-D" + PropertyNames.JVM_ARGS
        + "=" + e.suggestedMaxHeap() + "); the default is " + DEFAULT_HEAP;
  }

  /**
   * Runs a request: {@code goal=train} or {@code goal=evaluate}.
   *
   * @param out receives the lines a user reads (the training report)
   * @throws Lenet5Exception on anything the user can fix
   */
  static Properties run(Properties request, Consumer<String> out) {
    return switch (request.getProperty("goal")) {
      case "train" -> train(request, out);
      case "evaluate" -> evaluate(request);
      default -> throw new IllegalArgumentException("unknown goal " + request.getProperty("goal"));
    };
  }

  // ---------------------------------------------------------------------- requests

  /** A training request for {@code config}; {@code resume} continues its output directory. */
  static Properties trainRequest(TrainingConfig config, boolean resume) {
    Properties p = dataRequest("train", config);
    p.setProperty("variant", config.variant().id());
    p.setProperty("augment", String.valueOf(config.augment()));
    p.setProperty("evaluateEachEpoch", String.valueOf(config.evaluateEachEpoch()));
    p.setProperty("epochs", String.valueOf(config.epochs()));
    p.setProperty("batchSize", String.valueOf(config.batchSize()));
    p.setProperty("learningRate", Float.toString(config.learningRate()));
    p.setProperty("learningRateDecay", Float.toString(config.learningRateDecay()));
    p.setProperty("beta1", Float.toString(config.beta1()));
    p.setProperty("beta2", Float.toString(config.beta2()));
    p.setProperty("epsilon", Float.toString(config.epsilon()));
    p.setProperty("seed", String.valueOf(config.seed()));
    p.setProperty("limitTrain", String.valueOf(config.limitTrain()));
    p.setProperty("logEvery", String.valueOf(config.logEvery()));
    p.setProperty("checkpointEvery", String.valueOf(config.checkpointEvery()));
    p.setProperty("keepCheckpoints", String.valueOf(config.keepCheckpoints()));
    p.setProperty("device", config.device().toString());
    p.setProperty("gpuMemoryFraction", Double.toString(config.gpuMemoryFraction()));
    config.outputDir().ifPresent(dir -> p.setProperty("outputDir", dir.toString()));
    config.exportDir().ifPresent(dir -> p.setProperty("exportDir", dir.toString()));
    p.setProperty("resume", String.valueOf(resume));
    return p;
  }

  /** An evaluation request for SavedModel directories, {@code model.0}, {@code model.1}, .... */
  static Properties evaluateRequest(TrainingConfig data, Path... models) {
    Properties p = dataRequest("evaluate", data);
    for (int i = 0; i < models.length; i++) {
      p.setProperty("model." + i, models[i].toString());
    }
    return p;
  }

  private static Properties dataRequest(String goal, TrainingConfig config) {
    Properties p = new Properties();
    p.setProperty("goal", goal);
    p.setProperty("dataset", config.dataset().id());
    config.dataDir().ifPresent(dir -> p.setProperty("dataDir", dir.toString()));
    config.cacheDir().ifPresent(dir -> p.setProperty("cacheDir", dir.toString()));
    return p;
  }

  private static TrainingConfig.Builder data(Properties p) {
    return TrainingConfig.builder()
        .dataset(Dataset.fromId(p.getProperty("dataset")))
        .dataDir(path(p, "dataDir"))
        .cacheDir(path(p, "cacheDir"));
  }

  private static Path path(Properties p, String key) {
    String value = p.getProperty(key);
    return value == null ? null : Path.of(value);
  }

  // ---------------------------------------------------------------------- goals

  private static Properties train(Properties p, Consumer<String> out) {
    TrainingConfig.Builder settings =
        data(p)
            .exportDir(path(p, "exportDir"))
            .device(p.getProperty("device"))
            .gpuMemoryFraction(Double.parseDouble(p.getProperty("gpuMemoryFraction")))
            .keepCheckpoints(Integer.parseInt(p.getProperty("keepCheckpoints")))
            .checkpointEvery(Integer.parseInt(p.getProperty("checkpointEvery")))
            .logEvery(Integer.parseInt(p.getProperty("logEvery")))
            .evaluateEachEpoch(Boolean.parseBoolean(p.getProperty("evaluateEachEpoch")));
    Trainer trainer =
        Boolean.parseBoolean(p.getProperty("resume"))
            ? Trainer.resume(path(p, "outputDir"), settings.build())
            : new Trainer(
                settings
                    .outputDir(path(p, "outputDir"))
                    .variant(ModelVariant.fromId(p.getProperty("variant")))
                    .augment(Boolean.parseBoolean(p.getProperty("augment")))
                    .epochs(Integer.parseInt(p.getProperty("epochs")))
                    .batchSize(Integer.parseInt(p.getProperty("batchSize")))
                    .learningRate(Float.parseFloat(p.getProperty("learningRate")))
                    .learningRateDecay(Float.parseFloat(p.getProperty("learningRateDecay")))
                    .beta1(Float.parseFloat(p.getProperty("beta1")))
                    .beta2(Float.parseFloat(p.getProperty("beta2")))
                    .epsilon(Float.parseFloat(p.getProperty("epsilon")))
                    .seed(Long.parseLong(p.getProperty("seed")))
                    .limitTrain(Integer.parseInt(p.getProperty("limitTrain")))
                    .build());
    TrainingResult trained =
        trainer
            .addListener(new ConsoleReport(out))
            .addListener(new TensorBoardLog())
            .addListener(new RunReport(out))
            .train();
    Properties result = new Properties();
    result.setProperty("outputDir", trained.outputDir().toString());
    result.setProperty("accuracy", Double.toString(trained.testAccuracy()));
    trained.savedModel().ifPresent(dir -> result.setProperty("savedModel", dir.toString()));
    return result;
  }

  /** Evaluates each model on the test set: overall and per class, for the gates and reports. */
  private static Properties evaluate(Properties p) {
    LabeledImages test = Evaluator.testSet(data(p).build());
    Properties result = new Properties();
    for (int i = 0; p.containsKey("model." + i); i++) {
      String key = "model." + i + ".";
      try (Lenet5Model model = Lenet5Model.load(Path.of(p.getProperty("model." + i)))) {
        Evaluation evaluation = model.evaluate(test);
        int[] correct = new int[LabeledImages.CLASSES];
        int[] total = new int[LabeledImages.CLASSES];
        int[] predictions = evaluation.predictions();
        for (int image = 0; image < predictions.length; image++) {
          int label = test.labels()[image];
          total[label]++;
          if (predictions[image] == label) {
            correct[label]++;
          }
        }
        result.setProperty(key + "directory", model.directory().toString());
        result.setProperty(key + "correct", String.valueOf(evaluation.correct()));
        result.setProperty(key + "total", String.valueOf(evaluation.total()));
        for (int label = 0; label < LabeledImages.CLASSES; label++) {
          result.setProperty(key + "class." + label + ".correct", String.valueOf(correct[label]));
          result.setProperty(key + "class." + label + ".total", String.valueOf(total[label]));
        }
      }
    }
    return result;
  }

  // ---------------------------------------------------------------------- the forked JVM

  /** SLF4J's simple logger on standard error with the level in brackets, read by {@link Fork}. */
  private static void configureLogging(boolean verbose) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "info");
    System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    System.setProperty("org.slf4j.simpleLogger.showLogName", "false");
    System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.setOut(new PrintStream(System.out, true, StandardCharsets.UTF_8));
  }

  /**
   * The proxy of Maven's settings.xml, for the dataset download: the JDK's HTTP client takes its
   * proxy from these system properties and its credentials from the default authenticator. HTTPS
   * through a proxy with Basic credentials is off by default in the JDK; a configured user and
   * password say it is wanted.
   */
  private static void applyProxy(Properties request) {
    String host = request.getProperty("proxy.host");
    if (host == null) {
      return;
    }
    String port = request.getProperty("proxy.port");
    for (String scheme : new String[] {"http", "https"}) {
      System.setProperty(scheme + ".proxyHost", host);
      System.setProperty(scheme + ".proxyPort", port);
    }
    String nonProxyHosts = request.getProperty("proxy.nonProxyHosts");
    if (nonProxyHosts != null) {
      System.setProperty("http.nonProxyHosts", nonProxyHosts);
    }
    String user = request.getProperty("proxy.username");
    if (user != null) {
      char[] password = request.getProperty("proxy.password", "").toCharArray();
      System.setProperty("jdk.http.auth.tunneling.disabledSchemes", "");
      Authenticator.setDefault(
          new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
              return getRequestorType() == RequestorType.PROXY
                  ? new PasswordAuthentication(user, password)
                  : null;
            }
          });
    }
  }

  static Properties load(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    }
    return properties;
  }
}
