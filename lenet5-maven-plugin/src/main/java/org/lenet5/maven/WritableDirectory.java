package org.lenet5.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The directories a goal writes (its working files, runs, exports, reports), checked before
 * anything runs: one that could not be created or written fails the build in one line naming the
 * path in the way — a file where a directory belongs, a read-only directory — and what to do about
 * it, instead of an I/O exception from deep inside. Nothing is created by the check.
 */
final class WritableDirectory {

  private WritableDirectory() {}

  /**
   * Checks that {@code dir} is a writable directory, or could be created as one: its nearest
   * existing ancestor is a writable directory.
   *
   * @param what the directory's role, e.g. {@code the model base}
   * @param parameter how the user names it, e.g. {@code <exportDir>}; null if it is not a
   *     parameter
   * @param buildDirectory the project's build directory: a path in the way below it goes with
   *     {@code mvn clean}
   * @throws MojoFailureException naming the path in the way and the fix
   */
  static void require(Path dir, String what, String parameter, Path buildDirectory)
      throws MojoFailureException {
    Path inTheWay = dir.toAbsolutePath().normalize();
    while (!Files.exists(inTheWay) && inTheWay.getParent() != null) {
      inTheWay = inTheWay.getParent();
    }
    if (Files.isDirectory(inTheWay) && Files.isWritable(inTheWay)) {
      return;
    }
    String named = what + " " + dir + (parameter == null ? "" : " (" + parameter + ")");
    String elsewhere = parameter == null ? "" : ", or set " + parameter + " to another directory";
    if (Files.exists(inTheWay) && !Files.isDirectory(inTheWay)) {
      String clean =
          inTheWay.startsWith(buildDirectory.toAbsolutePath().normalize())
              ? " (mvn clean removes it)"
              : "";
      throw new MojoFailureException(
          "Cannot create " + named + ": " + inTheWay + " is a file, not a directory; delete it"
              + clean + elsewhere);
    }
    throw new MojoFailureException(
        "Cannot write to " + named + ": " + inTheWay + " is not writable; make it writable for"
            + " the user who runs Maven" + elsewhere);
  }
}
