package org.lenet5.device;

import java.util.Map;
import java.util.Optional;

/**
 * Whether TensorFlow's oneDNN CPU kernels are on. TF Java's native build leaves them off unless
 * the process environment turns them on before the library loads, and a JVM cannot change its own
 * environment; off, training runs about half as fast (docs/performance.md). The launcher and the
 * test configuration turn them on; Maven builds and library users have to.
 */
public final class CpuKernels {

  /** The environment variable TensorFlow reads. */
  public static final String ONEDNN_VARIABLE = "TF_ENABLE_ONEDNN_OPTS";

  private CpuKernels() {}

  /**
   * One line for the user when the environment leaves oneDNN off; empty when it is on.
   *
   * @param environment the process environment, {@link System#getenv()}
   */
  public static Optional<String> advice(Map<String, String> environment) {
    String value = environment.get(ONEDNN_VARIABLE);
    if (value != null && (value.trim().equals("1") || value.trim().equalsIgnoreCase("true"))) {
      return Optional.empty();
    }
    return Optional.of(
        "TensorFlow's oneDNN CPU kernels are off ("
            + ONEDNN_VARIABLE
            + (value == null ? " is not set" : "=" + value)
            + "), so training runs about half as fast; set "
            + ONEDNN_VARIABLE
            + "=1 in the environment before starting the JVM (for the Maven plugin: before mvn)");
  }
}
