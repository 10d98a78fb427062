package org.lenet5.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's resident memory, as the kernel counts it: the JVM heap plus TensorFlow's native
 * allocations, which the JVM's own memory beans do not see.
 */
public final class ProcessMemory {

  private static final Path STATUS = Path.of("/proc/self/status");

  private ProcessMemory() {}

  /** Resident set size in bytes ({@code VmRSS}), or 0 where {@code /proc} is not available. */
  public static long residentBytes() {
    return field("VmRSS:");
  }

  /** Peak resident set size in bytes ({@code VmHWM}), or 0 where {@code /proc} is not available. */
  public static long peakResidentBytes() {
    return field("VmHWM:");
  }

  private static long field(String name) {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith(name)) {
          String[] parts = line.substring(name.length()).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }
}
