package org.lenet5.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Proxy;
import org.lenet5.Lenet5Exception;
import org.lenet5.data.DataSource;
import org.lenet5.data.Dataset;
import org.lenet5.data.DatasetLocator;
import org.lenet5.data.UnknownDataSourceException;
import org.lenet5.frontend.ParameterNames.Maven;
import org.lenet5.train.Defaults;
import org.lenet5.train.RunSettings;

/**
 * What every goal shares: the dataset parameters, the skips, the forked JVM, and the mapping of
 * the core's errors to Maven's. A {@link Lenet5Exception} (bad configuration or input) fails the
 * build with a {@link MojoFailureException} whose message names the parameter ({@link
 * MavenMessages}); anything else is a {@link MojoExecutionException}.
 */
abstract class AbstractLenet5Mojo extends AbstractMojo {

  /**
   * The data to train and evaluate on: {@code mnist}, {@code fashion-mnist}, or a folder of the
   * project's own images (relative to the project's directory, e.g. {@code src/main/lenet5}) with
   * one sub-folder per class, or {@code train/} and {@code test/} sub-folders that have them.
   */
  @Parameter(property = Maven.DATASET, defaultValue = Defaults.DATASET)
  String dataset;

  /**
   * Directory holding the four IDX files (raw or gzipped). By default they are looked for in
   * {@code $LENET5_DATA_DIR}, else in the cache, and downloaded there if missing.
   */
  @Parameter(property = Maven.DATA_DIR)
  File dataDir;

  /** Download cache for datasets; by default {@code $LENET5_CACHE_DIR} or {@code ~/.lenet5/datasets}. */
  @Parameter(property = Maven.CACHE_DIR)
  File cacheDir;

  /** Skips both goals; {@code lenet5.train.skip} and {@code lenet5.verify.skip} skip one. */
  @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
  boolean skip;

  /**
   * Run TensorFlow in a JVM of its own, as {@code ./lenet5} does: with oneDNN's kernels on, a
   * quiet native log and {@code jvmArgs}. {@code false} runs it inside Maven's JVM.
   */
  @Parameter(property = PropertyNames.FORK, defaultValue = "true")
  boolean fork;

  /** The forked JVM's options; by default {@code -Xmx768m}, the command line's. */
  @Parameter(property = PropertyNames.JVM_ARGS)
  List<String> jvmArgs;

  /**
   * Environment variables for the forked JVM, on top of {@code TF_ENABLE_ONEDNN_OPTS=1} and
   * {@code TF_CPP_MIN_LOG_LEVEL=2}, which they can replace.
   */
  @Parameter
  Map<String, String> environmentVariables;

  /** Show TensorFlow's native log and the forked JVM's debug lines; {@code -X} shows them too. */
  @Parameter(property = Maven.VERBOSE, defaultValue = "false")
  boolean verbose;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  MavenSession session;

  @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
  MojoExecution mojoExecution;

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  PluginDescriptor plugin;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    ParameterOrigin origin = origin();
    requireBooleans(origin);
    if (skip) {
      getLog().info(
          "Skipping LeNet5 " + goal() + " (" + origin.name("skip", PropertyNames.SKIP) + " is true)");
      return;
    }
    if (goalSkipped()) {
      getLog().info(
          "Skipping LeNet5 " + goal() + " (" + origin.name(goalSkipParameter(), goalSkipProperty())
              + " is true)");
      return;
    }
    try {
      run();
    } catch (Lenet5Exception e) {
      // Without a cause: Maven's error line appends a cause's own message, the core's wording,
      // after the one in Maven's terms. Kept for -X.
      getLog().debug(e);
      throw new MojoFailureException(MavenMessages.of(e));
    } catch (RuntimeException e) {
      throw new MojoExecutionException("LeNet5 " + goal() + " failed unexpectedly: " + e, e);
    }
  }

  /** The goal's name, for log lines. */
  abstract String goal();

  /** Whether the goal's own skip is on. */
  abstract boolean goalSkipped();

  /** The goal's own skip parameter, e.g. {@code skipTrain}. */
  abstract String goalSkipParameter();

  /** The goal's own skip property, e.g. {@code lenet5.train.skip}. */
  abstract String goalSkipProperty();

  /** Does the goal's work; called unless skipped. */
  abstract void run() throws MojoFailureException, MojoExecutionException;

  /**
   * The data source the dataset parameter names, a folder resolved against the project's
   * directory.
   *
   * @throws MojoFailureException naming the parameter if it names neither a dataset nor a folder
   */
  DataSource dataSource() throws MojoFailureException {
    try {
      return DataSource.of(dataset, project.getBasedir().toPath());
    } catch (UnknownDataSourceException e) {
      getLog().debug(e);
      throw new MojoFailureException(
          "Invalid " + origin().asSet("dataset", Maven.DATASET) + ": " + e.getMessage());
    }
  }

  /**
   * Refuses a boolean parameter set to anything but {@code true} or {@code false}, which Maven
   * would read as false: {@code -Dlenet5.fork=maybe} would otherwise train inside Maven's JVM.
   */
  private void requireBooleans(ParameterOrigin origin) throws MojoFailureException {
    for (org.apache.maven.plugin.descriptor.Parameter parameter :
        mojoExecution.getMojoDescriptor().getParameters()) {
      String expression = parameter.getExpression();
      if (!List.of("boolean", "java.lang.Boolean").contains(parameter.getType())
          || expression == null || !expression.matches("\\$\\{[^}]+}")) {
        continue;
      }
      String property = expression.substring(2, expression.length() - 1);
      Optional<String> text = origin.text(parameter.getName(), property);
      if (text.isPresent()
          && !text.get().trim().equalsIgnoreCase("true")
          && !text.get().trim().equalsIgnoreCase("false")) {
        throw new MojoFailureException(
            "Invalid " + origin.asSet(parameter.getName(), property) + ": '" + text.get()
                + "' is not a boolean; set it to true or false");
      }
    }
  }

  /**
   * Makes sure the goal can write to a directory parameter before anything runs.
   *
   * @param what the directory's role, e.g. {@code the model base}
   */
  void requireWritable(File dir, String what, String parameter, String property)
      throws MojoFailureException {
    WritableDirectory.require(
        dir.toPath(), what, origin().asSet(parameter, property), buildDirectory());
  }

  private Path buildDirectory() {
    return Path.of(project.getBuild().getDirectory());
  }

  /** {@code settings} with the data and cache directory parameters. */
  RunSettings.Builder withDataDirectories(RunSettings.Builder settings) {
    return settings
        .dataDir(dataDir == null ? null : dataDir.toPath())
        .cacheDir(cacheDir == null ? null : cacheDir.toPath());
  }

  ParameterOrigin origin() {
    return new ParameterOrigin(mojoExecution, session);
  }

  /**
   * Runs TensorFlow work: in a forked JVM unless {@code fork} is false.
   *
   * @throws MojoFailureException if the forked JVM's working directory cannot be written
   */
  Fork forkedJvm() throws MojoFailureException {
    Path workDir = buildDirectory().resolve("lenet5").resolve("fork");
    if (fork) {
      WritableDirectory.require(workDir, "LeNet5's working directory", null, buildDirectory());
    }
    Set<Path> classpath = new LinkedHashSet<>();
    classpath.add(plugin.getPluginArtifact().getFile().toPath());
    for (Artifact artifact : plugin.getArtifacts()) {
      if (artifact.getFile() != null) {
        classpath.add(artifact.getFile().toPath());
      }
    }
    return new Fork(
        getLog(), fork, jvmArgs, environmentVariables, verbose || getLog().isDebugEnabled(),
        List.copyOf(classpath), workDir);
  }

  /**
   * Adds what the forked JVM needs besides the goal's own request: the proxy of settings.xml.
   * Under {@code -o}, fails at once with how to get the dataset when it would be downloaded.
   */
  Properties withEnvironment(Properties request, DataSource source, RunSettings settings)
      throws MojoFailureException {
    if (session.isOffline() && source instanceof Dataset dataset) {
      DatasetLocator locator = settings.dataLocator();
      if (locator.needsDownload(dataset)) {
        throw new MojoFailureException(
            "Maven is offline (-o) and " + dataset.id() + " is not in "
                + locator.cacheDirectory(dataset) + ": build once without -o to download"
                + " it, or get it yourself (" + dataset.offlineHint() + ") and set <dataDir>"
                + " (" + Maven.DATA_DIR + ") to that directory");
      }
    }
    Proxy proxy = session.getSettings() == null ? null : session.getSettings().getActiveProxy();
    if (proxy != null && fork) {
      request.setProperty("proxy.host", proxy.getHost());
      request.setProperty("proxy.port", String.valueOf(proxy.getPort()));
      if (proxy.getNonProxyHosts() != null) {
        request.setProperty("proxy.nonProxyHosts", proxy.getNonProxyHosts());
      }
      if (proxy.getUsername() != null) {
        request.setProperty("proxy.username", proxy.getUsername());
        request.setProperty("proxy.password", proxy.getPassword() == null ? "" : proxy.getPassword());
      }
      getLog().debug("Dataset downloads go through the proxy " + proxy.getHost() + ":"
          + proxy.getPort() + " of settings.xml");
    }
    return request;
  }
}
