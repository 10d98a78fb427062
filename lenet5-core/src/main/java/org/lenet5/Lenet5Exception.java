package org.lenet5;

/**
 * A problem the user can fix: a wrong path, a malformed data file, an invalid option value.
 *
 * <p>The message is one line that says what is wrong and how to fix it. Front ends (the command
 * line, the Maven plugin) show it as it is, without a stack trace; any other exception is an
 * unexpected failure.
 */
public class Lenet5Exception extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line message for the user. */
  public Lenet5Exception(String message) {
    super(message);
  }

  /** Creates the exception with a one-line message for the user and the underlying cause. */
  public Lenet5Exception(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The first line of an exception's message: TensorFlow's native errors carry a multi-line
   * trace that the user need not see.
   */
  public static String firstLineOf(Throwable e) {
    String message = e.getMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
