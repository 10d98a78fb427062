package org.lenet5.cli;

/**
 * Sets up SLF4J's simple logger for the console before the first logger is created: short lines
 * on standard error, debug messages only with {@code --verbose}.
 */
final class Logging {

  private Logging() {}

  static void configure(boolean verbose) {
    setDefault("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "info");
    setDefault("org.slf4j.simpleLogger.showThreadName", "false");
    setDefault("org.slf4j.simpleLogger.showLogName", "false");
    setDefault("org.slf4j.simpleLogger.levelInBrackets", "true");
    setDefault("org.slf4j.simpleLogger.logFile", "System.err");
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
