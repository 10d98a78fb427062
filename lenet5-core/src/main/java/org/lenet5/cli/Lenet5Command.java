package org.lenet5.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import org.lenet5.HeapExhaustedException;
import org.lenet5.Lenet5Exception;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lenet5} command line: {@code train}, {@code evaluate}, {@code predict}, {@code
 * check-serving}, {@code download}, {@code bench}.
 *
 * <p>Exit codes: 0 success; 2 bad usage or bad input, reported in one line without a stack trace;
 * 1 an unexpected failure; 3 ({@code predict}) some files could not be read, the others were
 * classified; 130 and 143 ({@code train} stopped by SIGINT or SIGTERM), after one line saying
 * what was saved and how to resume.
 */
@Command(
    name = "lenet5",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Train, evaluate and ship LeNet5 on MNIST, Fashion-MNIST or your own images with"
            + " TensorFlow Java.",
    subcommands = {
      TrainCommand.class,
      EvaluateCommand.class,
      PredictCommand.class,
      CheckServingCommand.class,
      DownloadCommand.class,
      BenchCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:unexpected failure",
      "2:bad usage or bad input (one line says what and how to fix it)",
      "3:predict: some files could not be read (one line each); the others were classified",
      "130:train stopped by Ctrl-C (SIGINT); one line says what was saved and how to resume",
      "143:train stopped by SIGTERM, the same"
    })
public final class Lenet5Command implements Runnable {

  /** Exit code for bad usage or bad input. */
  public static final int USAGE = 2;

  /** The heap option {@code ./lenet5} starts Java with when LENET5_JAVA_OPTS is not set. */
  static final String LAUNCHER_HEAP = "-Xmx768m";

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "missing command: choose train, evaluate, predict, check-serving, download or bench");
  }

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code, for tests and embedding. */
  public static int execute(String... args) {
    Logging.configure(isVerbose(args));
    CommandLine commandLine = commandLine();
    try {
      return commandLine.execute(args);
    } catch (OutOfMemoryError e) {
      // picocli passes errors on; the heap the allocation wanted is free again, enough for a line.
      PrintWriter err = commandLine.getErr();
      String command =
          Arrays.stream(args).filter(arg -> !arg.startsWith("-")).findFirst().orElse("");
      err.println(
          "lenet5: " + CliMessages.of(HeapExhaustedException.of("running lenet5 " + command, e)));
      err.flush();
      return USAGE;
    }
  }

  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Lenet5Command());
    commandLine.setParameterExceptionHandler(Lenet5Command::onBadUsage);
    commandLine.setExecutionExceptionHandler(Lenet5Command::onFailure);
    return commandLine;
  }

  private static boolean isVerbose(String[] args) {
    for (String arg : args) {
      if (arg.equals("--verbose") || arg.equals("-v")) {
        return true;
      }
    }
    return false;
  }

  private static int onBadUsage(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(
        command.getCommandSpec().qualifiedName() + ": " + e.getMessage() + " (see "
            + command.getCommandSpec().qualifiedName() + " --help)");
    err.flush();
    return USAGE;
  }

  private static int onFailure(
      Exception e, CommandLine command, CommandLine.ParseResult parseResult) {
    PrintWriter err = command.getErr();
    if (e instanceof Lenet5Exception problem) {
      err.println("lenet5: " + CliMessages.of(problem));
      err.flush();
      return USAGE;
    }
    err.println("lenet5: unexpected failure, please report it with the trace below");
    e.printStackTrace(err);
    err.flush();
    return 1;
  }
}
