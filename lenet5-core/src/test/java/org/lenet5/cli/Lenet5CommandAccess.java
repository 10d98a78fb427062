package org.lenet5.cli;

import picocli.CommandLine;

/** Lets tests of other packages run the command line in-process. */
public final class Lenet5CommandAccess {

  private Lenet5CommandAccess() {}

  /** The configured command line, as {@link Lenet5Command#execute} runs it. */
  public static CommandLine commandLine() {
    return Lenet5Command.commandLine();
  }
}
