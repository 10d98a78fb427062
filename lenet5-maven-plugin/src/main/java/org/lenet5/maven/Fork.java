package org.lenet5.maven;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.lenet5.HeapExhaustedException;
import org.lenet5.Lenet5Exception;
import org.lenet5.device.CpuKernels;
import org.lenet5.frontend.ParameterNames.Maven;

/**
 * Runs a {@link ForkedGoal} request in a JVM of its own, as {@code ./lenet5} runs the command line
 * and Surefire runs tests: TensorFlow reads its switches ({@code TF_ENABLE_ONEDNN_OPTS}, {@code
 * TF_CPP_MIN_LOG_LEVEL}) from the process environment once, when its native library loads, and a
 * JVM cannot change its own environment; a child process gets them from the start, a heap sized
 * for training, and a standard error stream the plugin reads, so TensorFlow's native log (part
 * of which ignores {@code TF_CPP_MIN_LOG_LEVEL}) becomes debug output instead of build output.
 *
 * <p>The forked JVM lives only as long as Maven's, as Surefire's do: its standard input stays
 * open while this JVM runs, and it exits when that reaches end-of-file, which the operating
 * system gives it when Maven's JVM is gone, killed ({@code kill -9}, a cancelled CI job) or not.
 *
 * <p>With {@code fork=false} the request runs in Maven's JVM instead, with whatever environment
 * {@code mvn} was started in.
 */
final class Fork {

  /** The launcher's heap: the data takes ~350 MB, more only lets resident memory creep. */
  static final List<String> DEFAULT_JVM_ARGS = List.of(ForkedGoal.DEFAULT_HEAP);

  /** TensorFlow's switch for its native log: 2 keeps warnings and errors only. */
  static final String MIN_LOG_LEVEL = "TF_CPP_MIN_LOG_LEVEL";

  /** TensorFlow's native log lines, as {@code ./lenet5} recognises them. */
  private static final Pattern NATIVE_LOG =
      Pattern.compile(
          "^(WARNING: All log messages before absl::InitializeLog\\(\\) is called"
              + "|[IWEF][0-9]{4} [0-9:.]+ +[0-9]+ [A-Za-z0-9_]+\\.(cc|h):[0-9]+\\] "
              + "|[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]+: [IWEF] [^ ]+\\.(cc|h):[0-9]+\\] "
              // The second line of the CPU notice of cpu_feature_guard.cc.
              + "|To enable the following instructions: )");

  private final Log log;
  private final boolean fork;
  private final List<String> jvmArgs;
  private final Map<String, String> environment;
  private final boolean verbose;
  private final List<Path> classpath;
  private final Path workDir;

  /**
   * @param fork false runs requests in Maven's JVM
   * @param jvmArgs the forked JVM's options; null for {@link #DEFAULT_JVM_ARGS}
   * @param environment variables added to (or replacing) the forked JVM's environment
   * @param verbose show TensorFlow's native log and debug lines at info level
   * @param classpath the plugin and its runtime dependencies
   * @param workDir where request and result files go
   */
  Fork(
      Log log,
      boolean fork,
      List<String> jvmArgs,
      Map<String, String> environment,
      boolean verbose,
      List<Path> classpath,
      Path workDir) {
    this.log = log;
    this.fork = fork;
    this.jvmArgs = jvmArgs == null ? DEFAULT_JVM_ARGS : List.copyOf(jvmArgs);
    this.environment = environment == null ? Map.of() : Map.copyOf(environment);
    this.verbose = verbose;
    this.classpath = List.copyOf(classpath);
    this.workDir = workDir;
  }

  /**
   * Runs the request and returns its result.
   *
   * @throws MojoFailureException with the one-line message of a {@link Lenet5Exception}
   * @throws MojoExecutionException if the forked JVM cannot start or crashes
   */
  Properties run(Properties request) throws MojoFailureException, MojoExecutionException {
    if (!fork) {
      try {
        return ForkedGoal.run(request, log::info);
      } catch (OutOfMemoryError e) {
        // Without causes: Maven's error line would append their messages to the fix.
        throw new MojoFailureException(
            inMavenHeapMessage(HeapExhaustedException.of(ForkedGoal.activity(request), e)));
      } catch (HeapExhaustedException e) {
        log.debug(e);
        throw new MojoFailureException(inMavenHeapMessage(e));
      }
    }
    try {
      Files.createDirectories(workDir);
      Path requestFile = createRequestFile(workDir);
      Path resultFile = requestFile.resolveSibling(
          requestFile.getFileName().toString().replace("request-", "result-"));
      try {
        try (Writer out = Files.newBufferedWriter(requestFile, StandardCharsets.UTF_8)) {
          request.store(out, "lenet5 forked goal request");
        }
        int exitCode = launch(requestFile, resultFile);
        if (exitCode == 0 || exitCode == ForkedGoal.USER_ERROR) {
          Properties result = ForkedGoal.load(resultFile);
          if (result.containsKey("error")) {
            throw new MojoFailureException(result.getProperty("error"));
          }
          return result;
        }
        throw new MojoExecutionException(
            "The JVM that runs LeNet5's " + request.getProperty("goal") + " exited with code "
                + exitCode + " (its output is above); to see TensorFlow's own log too, run"
                + " with -X or -D" + Maven.VERBOSE + "=true");
      } finally {
        Files.deleteIfExists(requestFile);
        Files.deleteIfExists(resultFile);
      }
    } catch (IOException e) {
      throw new MojoExecutionException("cannot run the forked JVM: " + e, e);
    }
  }

  /**
   * A new, empty request file in {@code workDir} that only its owner can read, for the request
   * names the user's directories: created with POSIX permissions {@code rw-------} where the file
   * system has them, else restricted to its owner by an ACL where it has those (Windows), else as
   * the file system creates files.
   */
  static Path createRequestFile(Path workDir) throws IOException {
    Set<String> views = workDir.getFileSystem().supportedFileAttributeViews();
    if (views.contains("posix")) {
      return Files.createTempFile(workDir, "request-", ".properties",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Path file = Files.createTempFile(workDir, "request-", ".properties");
    AclFileAttributeView acl = Files.getFileAttributeView(file, AclFileAttributeView.class);
    if (acl != null) {
      UserPrincipal owner = acl.getOwner();
      acl.setAcl(List.of(AclEntry.newBuilder()
          .setType(AclEntryType.ALLOW)
          .setPrincipal(owner)
          .setPermissions(EnumSet.allOf(AclEntryPermission.class))
          .build()));
    }
    return file;
  }

  /** The fix for a heap that ran out in Maven's own JVM ({@code <fork>false</fork>}). */
  private static String inMavenHeapMessage(HeapExhaustedException e) {
    return "Out of Java heap while " + e.activity() + " in Maven's JVM (<fork>false</fork>; "
        + HeapExhaustedException.describe(e.maxHeapBytes()) + "); give Maven more with MAVEN_OPTS="
        + e.suggestedMaxHeap() + ", or leave <fork> out to train in a JVM of its own";
  }

  private int launch(Path requestFile, Path resultFile) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Djava.awt.headless=true");
    command.add("-Dlenet5.verbose=" + verbose);
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString)
        .toList()));
    command.add(ForkedGoal.class.getName());
    command.add(requestFile.toString());
    command.add(resultFile.toString());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment());
    log.debug("Forking: " + String.join(" ", command));
    log.debug("Environment: " + environment());
    Process process = builder.start();
    // Open until the forked JVM has exited: its end-of-file tells it that Maven's JVM is gone.
    try (OutputStream parentAlive = process.getOutputStream()) {
      Thread errors = pump(process.getErrorStream(), this::stderrLine);
      Thread output = pump(process.getInputStream(), log::info);
      output.join();
      errors.join();
      return process.waitFor();
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new Lenet5Exception("interrupted while the forked JVM ran", e);
    }
  }

  /**
   * TensorFlow's variables as {@code ./lenet5} sets them, then {@code environmentVariables}, which
   * win. oneDNN is on unless {@code mvn}'s own environment says otherwise, so that {@code
   * TF_ENABLE_ONEDNN_OPTS=0 mvn ...} still turns it off; the native log is quiet unless {@code
   * verbose} (or {@code -X}) asks for it, whatever {@code mvn}'s environment says.
   */
  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    if (System.getenv(CpuKernels.ONEDNN_VARIABLE) == null) {
      env.put(CpuKernels.ONEDNN_VARIABLE, "1");
    }
    if (!verbose) {
      env.put(MIN_LOG_LEVEL, "2");
    }
    env.putAll(environment);
    return env;
  }

  /** Standard error: SLF4J's lines by their level, TensorFlow's native log as debug output. */
  private void stderrLine(String line) {
    if (NATIVE_LOG.matcher(line).find()) {
      if (verbose) {
        log.info(line);
      } else {
        log.debug(line);
      }
    } else if (line.startsWith("[INFO] ")) {
      log.info(line.substring(7));
    } else if (line.startsWith("[WARN] ")) {
      log.warn(line.substring(7));
    } else if (line.startsWith("[ERROR] ")) {
      log.error(line.substring(8));
    } else if (line.startsWith("[DEBUG] ")) {
      if (verbose) {
        log.info(line.substring(8));
      } else {
        log.debug(line.substring(8));
      }
    } else {
      log.warn(line);
    }
  }

  private static Thread pump(InputStream stream, Consumer<String> sink) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  sink.accept(line);
                }
              } catch (IOException e) {
                sink.accept("(output lost: " + e.getMessage() + ")");
              }
            },
            "lenet5-fork-output");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
