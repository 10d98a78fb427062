package org.lenet5.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import org.lenet5.data.Dataset.DatasetFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers which cached files were last found to have their pinned SHA-256, by the size and
 * modification time they had then, in a small {@value #NAME} file beside them. A file that still
 * has that size and time need not be hashed again; any write to it changes its time.
 *
 * <p>Each line: file name, size in bytes, modification time in milliseconds, SHA-256. The stamp
 * is an optimisation only: if it cannot be read or written, every file is hashed.
 */
final class VerificationStamps {

  /** The stamp file's name in a dataset's cache directory. */
  static final String NAME = ".verified";

  private static final Logger LOG = LoggerFactory.getLogger(VerificationStamps.class);

  private final Path dir;
  private final Map<String, String> lines = new HashMap<>();
  private boolean changed;

  private VerificationStamps(Path dir) {
    this.dir = dir;
  }

  /** The stamps of a cache directory; none if it has no readable stamp file. */
  static VerificationStamps read(Path dir) {
    VerificationStamps stamps = new VerificationStamps(dir);
    Path file = dir.resolve(NAME);
    if (Files.isRegularFile(file)) {
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          int tab = line.indexOf('\t');
          if (tab > 0) {
            stamps.lines.put(line.substring(0, tab), line);
          }
        }
      } catch (IOException e) {
        LOG.debug("Cannot read {} ({}); hashing every file", file, e.getMessage());
      }
    }
    return stamps;
  }

  /** Whether the file at {@code path} is unchanged since it was found genuine. */
  boolean vouchesFor(DatasetFile file, Path path) {
    String line = stamp(file, path);
    return line != null && line.equals(lines.get(path.getFileName().toString()));
  }

  /** Records that the file at {@code path} was just found genuine. */
  void record(DatasetFile file, Path path) {
    String line = stamp(file, path);
    if (line != null && !line.equals(lines.put(path.getFileName().toString(), line))) {
      changed = true;
    }
  }

  /** Forgets a file, e.g. one found corrupted. */
  void forget(Path path) {
    changed |= lines.remove(path.getFileName().toString()) != null;
  }

  /** Writes the stamp file if anything changed: to a temporary file, then renamed. */
  void write() {
    if (!changed) {
      return;
    }
    Path target = dir.resolve(NAME);
    Path temporary = null;
    try {
      temporary = Files.createTempFile(dir, NAME, ".part");
      Files.write(temporary, (String.join("\n", lines.values()) + "\n")
          .getBytes(StandardCharsets.UTF_8));
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
      changed = false;
    } catch (IOException e) {
      LOG.debug("Cannot write {} ({}); the files will be hashed again", target, e.getMessage());
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException e) {
          LOG.debug("Cannot remove {}: {}", temporary, e.getMessage());
        }
      }
    }
  }

  private static String stamp(DatasetFile file, Path path) {
    try {
      return path.getFileName() + "\t" + Files.size(path) + "\t"
          + Files.getLastModifiedTime(path).toMillis() + "\t" + file.sha256();
    } catch (IOException e) {
      return null;
    }
  }
}
