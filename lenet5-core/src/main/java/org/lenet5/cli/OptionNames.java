package org.lenet5.cli;

/** Maps configuration parameter names ({@code batchSize}) to command-line options. */
final class OptionNames {

  private OptionNames() {}

  /** {@code batchSize} becomes {@code --batch-size}. */
  static String of(String parameter) {
    StringBuilder option = new StringBuilder("--");
    for (char c : parameter.toCharArray()) {
      if (Character.isUpperCase(c)) {
        option.append('-').append(Character.toLowerCase(c));
      } else {
        option.append(c);
      }
    }
    return option.toString();
  }
}
