package org.lenet5.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.lenet5.data.DatasetDownloader;

/**
 * The SHA-256 of every file of a directory tree, one {@code <sha256>  <relative path>} line per
 * file, sorted by path: what a checkpoint, an export and a model cache entry record of their files
 * when they are written, so that a file missing, added or changed since is found before use.
 */
public final class FileManifest {

  private FileManifest() {}

  /**
   * The manifest of the regular files below {@code dir} but {@code excluded}, the manifest itself
   * when it lies inside {@code dir}.
   *
   * @param excluded a path relative to {@code dir}, with {@code /} as separator; null for none
   */
  public static String of(Path dir, String excluded) throws IOException {
    TreeMap<String, String> hashes = new TreeMap<>();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.filter(Files::isRegularFile).forEach(files::add);
    }
    for (Path file : files) {
      String name = dir.relativize(file).toString().replace('\\', '/');
      if (!name.equals(excluded)) {
        hashes.put(name, DatasetDownloader.sha256(Files.readAllBytes(file)));
      }
    }
    StringBuilder manifest = new StringBuilder();
    hashes.forEach((name, hash) -> manifest.append(hash).append("  ").append(name).append('\n'));
    return manifest.toString();
  }

  /** Writes the manifest of {@code dir} to {@code dir/name}. */
  public static void write(Path dir, String name) throws IOException {
    String manifest = of(dir, name);
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, manifest, StandardCharsets.UTF_8);
  }

  /**
   * What differs between {@code dir} and the manifest {@code dir/name} written with it, if
   * anything: the files missing, added or changed since, by name.
   *
   * @return empty if the files are as recorded; a missing manifest is a problem
   */
  public static Optional<String> problemWith(Path dir, String name) {
    Path manifest = dir.resolve(name);
    if (!Files.isRegularFile(manifest)) {
      return Optional.of("it has no " + name);
    }
    try {
      String recorded = Files.readString(manifest, StandardCharsets.UTF_8);
      String actual = of(dir, name);
      return recorded.equals(actual)
          ? Optional.empty()
          : Optional.of(differences(recorded, actual, name));
    } catch (IOException | RuntimeException e) {
      return Optional.of("unreadable: " + e.getMessage());
    }
  }

  /** Names the files whose hash differs between two manifests, for the user's warning. */
  private static String differences(String recorded, String actual, String name) {
    Map<String, String> before = parse(recorded);
    Map<String, String> now = parse(actual);
    TreeMap<String, String> problems = new TreeMap<>();
    before.forEach(
        (file, hash) -> {
          if (!now.containsKey(file)) {
            problems.put(file, file + " is missing");
          } else if (!now.get(file).equals(hash)) {
            problems.put(file, file + " has changed since it was saved");
          }
        });
    now.keySet().stream()
        .filter(file -> !before.containsKey(file))
        .forEach(file -> problems.put(file, file + " was not saved with it"));
    return problems.isEmpty() ? name + " is damaged" : String.join(", ", problems.values());
  }

  private static Map<String, String> parse(String manifest) {
    TreeMap<String, String> entries = new TreeMap<>();
    manifest.lines()
        .map(line -> line.split("  ", 2))
        .filter(parts -> parts.length == 2)
        .forEach(parts -> entries.put(parts[1], parts[0]));
    return entries;
  }
}
