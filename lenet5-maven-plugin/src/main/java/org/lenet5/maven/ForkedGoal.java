package org.lenet5.maven;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.lenet5.HeapExhaustedException;
import org.lenet5.Lenet5Exception;
import org.lenet5.data.DataSource;
import org.lenet5.data.DatasetLocator;
import org.lenet5.export.ServingCheck;
import org.lenet5.inference.Lenet5Model;
import org.lenet5.model.Evaluation;
import org.lenet5.report.RunReport;
import org.lenet5.report.TensorBoardLog;
import org.lenet5.train.ConsoleReport;
import org.lenet5.train.DatasetMismatchException;
import org.lenet5.train.Evaluator;
import org.lenet5.train.Recipe;
import org.lenet5.train.RunSettings;
import org.lenet5.train.Trainer;
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
   * The exit code of a forked JVM that stopped because Maven's JVM was gone; nobody reads it but
   * the operating system.
   */
  static final int PARENT_GONE = 3;

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
    exitWithMaven();
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

  /** The prefix of the recipe's values in a request: {@code recipe.epochs}. */
  private static final String RECIPE = "recipe.";

  /** The prefix of the run settings' values in a request: {@code settings.device}. */
  private static final String SETTINGS = "settings.";

  /**
   * A training request: {@code recipe} as {@code settings} say, or with {@code resume}, the run
   * in the settings' output directory continued with its own recipe.
   */
  static Properties trainRequest(Recipe recipe, RunSettings settings, boolean resume) {
    Properties p = new Properties();
    p.setProperty("goal", "train");
    recipe.values().forEach((key, value) -> p.setProperty(RECIPE + key, value));
    settings.values().forEach((key, value) -> p.setProperty(SETTINGS + key, value));
    p.setProperty("resume", String.valueOf(resume));
    return p;
  }

  /** An evaluation request for SavedModel directories, {@code model.0}, {@code model.1}, .... */
  static Properties evaluateRequest(String dataset, RunSettings data, Path... models) {
    Properties p = new Properties();
    p.setProperty("goal", "evaluate");
    p.setProperty("dataset", dataset);
    data.values().forEach((key, value) -> p.setProperty(SETTINGS + key, value));
    for (int i = 0; i < models.length; i++) {
      p.setProperty("model." + i, models[i].toString());
    }
    return p;
  }

  /** The values under {@code prefix} in a request, by their names without it. */
  private static Map<String, String> valuesUnder(Properties p, String prefix) {
    Map<String, String> values = new HashMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith(prefix)) {
        values.put(key.substring(prefix.length()), p.getProperty(key));
      }
    }
    return values;
  }

  /** The run settings a request carries. */
  static RunSettings settings(Properties p) {
    return RunSettings.fromValues(valuesUnder(p, SETTINGS));
  }

  /** The recipe a training request carries. */
  static Recipe recipe(Properties p) {
    return Recipe.fromValues(valuesUnder(p, RECIPE));
  }

  // ---------------------------------------------------------------------- goals

  private static Properties train(Properties p, Consumer<String> out) {
    RunSettings settings = settings(p);
    Trainer trainer =
        Boolean.parseBoolean(p.getProperty("resume"))
            ? Trainer.resume(settings.outputDir().orElseThrow(), settings)
            : new Trainer(recipe(p), settings);
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

  /**
   * Evaluates each model through {@link Evaluator#evaluateModel} on the request's dataset:
   * overall and per class, for the gates and reports; and checks the first, the model verified,
   * as TensorFlow Serving would take it ({@link ServingCheck}).
   *
   * @throws Lenet5Exception naming the model if one was trained on another dataset
   */
  private static Properties evaluate(Properties p) {
    Optional<DataSource> dataset =
        Optional.ofNullable(p.getProperty("dataset")).map(DataSource::of);
    DatasetLocator data = settings(p).dataLocator();
    Properties result = new Properties();
    for (int i = 0; p.containsKey("model." + i); i++) {
      String key = "model." + i + ".";
      Path model = Path.of(p.getProperty("model." + i));
      Evaluation evaluation;
      try {
        evaluation = Evaluator.evaluateModel(model, dataset, data);
      } catch (DatasetMismatchException e) {
        // The model verified names the dataset: only a baseline can contradict it.
        throw new Lenet5Exception("the baseline " + model + " was trained on "
            + e.recorded() + ", not on " + e.requested() + " as the model verified;"
            + " set <baseline> (" + PropertyNames.BASELINE + ") to a model trained on "
            + e.requested(), e);
      }
      result.setProperty(key + "directory", Lenet5Model.resolveVersion(model).toString());
      result.setProperty(key + "correct", String.valueOf(evaluation.correct()));
      result.setProperty(key + "total", String.valueOf(evaluation.total()));
      double[] perClass = evaluation.perClassPercent();
      for (int label = 0; label < perClass.length; label++) {
        result.setProperty(key + "class." + label + ".accuracy", Double.toString(perClass[label]));
      }
    }
    // A published model, unpacked where the build resolved it, is in no model base yet.
    Path verified = Path.of(p.getProperty("model.0"));
    ServingCheck.Result serving = Boolean.parseBoolean(p.getProperty("model.0.published"))
        ? ServingCheck.checkUnplaced(verified)
        : ServingCheck.check(verified);
    result.setProperty("model.0.serving.versions", serving.versions().stream()
        .map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    result.setProperty("model.0.serving.warmupRecords", String.valueOf(serving.warmupRecords()));
    serving.problem().ifPresent(problem -> result.setProperty("model.0.serving.problem", problem));
    return result;
  }

  // ---------------------------------------------------------------------- the forked JVM

  /**
   * Stops this JVM as soon as Maven's is gone: {@link Fork} keeps this JVM's standard input open
   * and writes nothing to it, so end-of-file (or an error) means the other end was closed, by
   * Maven's JVM exiting or being killed. Halts at once: training stops mid-epoch, the epoch
   * checkpoints saved so far stay resumable (each is renamed into place whole), and no export is
   * published after the build that asked for it has ended.
   */
  private static void exitWithMaven() {
    Thread watch =
        new Thread(
            () -> {
              try {
                while (System.in.read() != -1) {
                  // Fork writes nothing: read on until the end.
                }
              } catch (IOException e) {
                // A broken pipe: Maven's JVM is gone as well.
              }
              Runtime.getRuntime().halt(PARENT_GONE);
            },
            "lenet5-maven-watch");
    watch.setDaemon(true);
    watch.start();
  }

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
