package org.lenet5.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.lenet5.Lenet5Exception;

/**
 * Run directories under a runs directory, one per training run, named by their start time
 * ({@code 20261128-051200}, then {@code 20261128-051200-2} within the same second).
 */
public final class RunDirectories {

  /** Where runs go unless told otherwise: {@code runs/} in the working directory. */
  public static final Path DEFAULT = Path.of("runs");

  private static final DateTimeFormatter NAME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

  private RunDirectories() {}

  /** A new run directory's path under {@code runsDir}; the directory itself is not created. */
  public static Path fresh(Path runsDir) {
    String name = LocalDateTime.now().format(NAME);
    Path candidate = runsDir.resolve(name);
    for (int suffix = 2; Files.exists(candidate); suffix++) {
      candidate = runsDir.resolve(name + "-" + suffix);
    }
    return candidate;
  }

  /**
   * The most recent run directory under {@code runsDir}.
   *
   * @throws NothingToResumeException if there is none
   */
  public static Path newest(Path runsDir) {
    try (Stream<Path> children = Files.isDirectory(runsDir) ? Files.list(runsDir)
        : Stream.empty()) {
      return children
          .filter(Files::isDirectory)
          .max(Comparator.comparing((Path path) -> path.getFileName().toString()))
          .orElseThrow(
              () ->
                  new NothingToResumeException("no run directory under " + runsDir));
    } catch (IOException e) {
      throw new Lenet5Exception("cannot list " + runsDir + ": " + e.getMessage(), e);
    }
  }
}
