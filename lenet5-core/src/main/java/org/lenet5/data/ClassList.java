package org.lenet5.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lenet5.Lenet5Exception;

/**
 * The explicit list of a data source's classes, in label order: a {@value #FILE} file of one name
 * per line (blank lines and surrounding spaces ignored), beside an IDX folder's files or in an
 * image folder.
 */
final class ClassList {

  /** The file's name. */
  static final String FILE = "classes.txt";

  private ClassList() {}

  /**
   * The names {@code file} lists, in order.
   *
   * @throws Lenet5Exception if it cannot be read or names a class twice
   */
  static List<String> read(Path file) {
    try {
      List<String> names =
          Files.readAllLines(file, StandardCharsets.UTF_8).stream()
              .map(String::strip)
              .filter(line -> !line.isEmpty())
              .toList();
      for (int i = 0; i < names.size(); i++) {
        if (names.indexOf(names.get(i)) != i) {
          throw new Lenet5Exception(
              file + " names class '" + names.get(i) + "' twice; give each class one line");
        }
      }
      return names;
    } catch (IOException e) {
      throw new Lenet5Exception("cannot read " + file + " (" + e.getMessage() + ")", e);
    }
  }
}
