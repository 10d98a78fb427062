package org.lenet5;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real full disk for fault tests: a tmpfs of a few hundred KB mounted on a directory, so that
 * TensorFlow's and Java's own writes fail with ENOSPC where a user's disk would. Mounting needs
 * root (or CAP_SYS_ADMIN); where it is not permitted, the test is skipped with the reason, as no
 * other way makes the kernel refuse the same writes.
 */
public final class TinyFilesystem implements AutoCloseable {

  private final Path mountPoint;

  private TinyFilesystem(Path mountPoint) {
    this.mountPoint = mountPoint;
  }

  /**
   * Mounts a tmpfs of {@code kilobytes} on {@code mountPoint} (created if needed), or aborts the
   * test if mounting is not permitted here.
   */
  public static TinyFilesystem mount(Path mountPoint, int kilobytes)
      throws IOException, InterruptedException {
    Files.createDirectories(mountPoint);
    String failure =
        run("mount", "-t", "tmpfs", "-o", "size=" + kilobytes + "k", "tmpfs",
            mountPoint.toString());
    Assumptions.assumeTrue(
        failure == null, () -> "cannot mount a tiny filesystem here: " + failure);
    return new TinyFilesystem(mountPoint);
  }

  /** The mounted directory. */
  public Path root() {
    return mountPoint;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    String failure = run("umount", mountPoint.toString());
    if (failure != null) {
      throw new IOException("cannot unmount " + mountPoint + ": " + failure);
    }
  }

  /** Runs a command; null if it succeeded, else its output. */
  private static String run(String... command) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return e.getMessage();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return command[0] + " did not finish";
    }
    return process.exitValue() == 0 ? null : output.trim() + " (exit " + process.exitValue() + ")";
  }
}
