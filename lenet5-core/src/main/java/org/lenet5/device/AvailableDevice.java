package org.lenet5.device;

/**
 * A device TensorFlow can run ops on.
 *
 * @param name the full name, e.g. {@code /job:localhost/replica:0/task:0/device:GPU:0}
 * @param type {@code CPU} or {@code GPU}
 * @param memoryBytes the memory TensorFlow may use on it
 */
public record AvailableDevice(String name, String type, long memoryBytes) {

  /** Whether this is a GPU. */
  public boolean isGpu() {
    return "GPU".equals(type);
  }

  /** The short name, e.g. {@code GPU:0}. */
  public String shortName() {
    int at = name.indexOf("device:");
    return at < 0 ? name : name.substring(at + "device:".length());
  }
}
