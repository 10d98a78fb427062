package org.lenet5.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.lenet5.DirectoryTrees;

/**
 * The SavedModel as a build artifact: zipped (entries sorted, timestamps fixed, so the same model
 * zips to the same bytes), attached to the project with a classifier so that {@code install} and
 * {@code deploy} publish it, and resolved back by its coordinates through Maven's repositories.
 */
final class ModelArtifacts {

  /** The zip's file extension and Maven type. */
  static final String TYPE = "zip";

  /** {@code groupId:artifactId:version} or {@code groupId:artifactId:version:classifier}. */
  private static final Pattern COORDINATES =
      Pattern.compile("([^:/\\\\\\s]+):([^:/\\\\\\s]+):([^:/\\\\\\s]+)(?::([^:/\\\\\\s]+))?");

  /** 1980-02-01, the zip format's earliest date, for every entry. */
  private static final long FIXED_TIME = 315_532_800_000L + 31L * 86_400_000L;

  private ModelArtifacts() {}

  /** Whether {@code text} reads as coordinates rather than as a path. */
  static boolean isCoordinates(String text) {
    return COORDINATES.matcher(text.trim()).matches();
  }

  /** Zips the files of a SavedModel version directory, paths relative to it. */
  static void zip(Path savedModel, Path zip) throws IOException {
    Files.createDirectories(zip.getParent());
    Path partial = zip.resolveSibling(zip.getFileName() + ".part");
    List<Path> files;
    try (Stream<Path> paths = Files.walk(savedModel)) {
      files = paths.filter(Files::isRegularFile).sorted().toList();
    }
    try (OutputStream file = Files.newOutputStream(partial);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (Path path : files) {
        ZipEntry entry = new ZipEntry(savedModel.relativize(path).toString().replace('\\', '/'));
        entry.setTime(FIXED_TIME);
        out.putNextEntry(entry);
        Files.copy(path, out);
        out.closeEntry();
      }
    }
    Files.move(partial, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Unzips a zipped SavedModel into {@code dir}, replacing what was there; an entry that would
   * land outside {@code dir} is refused.
   */
  static Path unzip(Path zip, Path dir) throws IOException {
    DirectoryTrees.delete(dir);
    Files.createDirectories(dir);
    try (InputStream file = Files.newInputStream(zip);
        ZipInputStream in = new ZipInputStream(file)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        Path target = dir.resolve(entry.getName()).normalize();
        if (!target.startsWith(dir)) {
          throw new IOException("the zip entry " + entry.getName() + " points outside " + dir);
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target);
        }
      }
    }
    return dir;
  }

  /**
   * Resolves zipped-SavedModel coordinates through the project's repositories (the local one
   * first) and unzips the model under {@code unpackRoot}.
   *
   * @param parameter how the user named the parameter, for messages
   * @return the unpacked SavedModel directory
   */
  static Path resolve(
      String coordinates,
      String parameter,
      RepositorySystem repositorySystem,
      MavenSession session,
      MavenProject project,
      Path unpackRoot)
      throws MojoFailureException {
    Matcher m = COORDINATES.matcher(coordinates.trim());
    if (!m.matches()) {
      throw new MojoFailureException(
          "Invalid " + parameter + ": '" + coordinates + "' is not groupId:artifactId:version"
              + " (or groupId:artifactId:version:classifier), e.g. com.example:digits:1.0");
    }
    String classifier = m.group(4) == null ? PropertyNames.DEFAULT_CLASSIFIER : m.group(4);
    DefaultArtifact artifact =
        new DefaultArtifact(m.group(1), m.group(2), classifier, TYPE, m.group(3));
    Path zip;
    try {
      zip =
          repositorySystem
              .resolveArtifact(
                  session.getRepositorySession(),
                  new ArtifactRequest(artifact, project.getRemoteProjectRepositories(), null))
              .getArtifact()
              .getFile()
              .toPath();
    } catch (ArtifactResolutionException e) {
      throw new MojoFailureException(
          "Cannot resolve the model " + artifact + " (" + parameter + "): " + e.getMessage()
              + "; install it with mvn install in the project that trains it, or check the"
              + " coordinates", e);
    }
    try {
      return unzip(
          zip,
          unpackRoot.resolve(m.group(1)).resolve(m.group(2)).resolve(m.group(3) + "-" + classifier));
    } catch (IOException e) {
      throw new MojoFailureException("Cannot unpack the model " + zip + ": " + e, e);
    }
  }
}
