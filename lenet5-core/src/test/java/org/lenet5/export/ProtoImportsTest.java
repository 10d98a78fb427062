package org.lenet5.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FileDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tensorflow.serving.PredictionLogOuterClass;

/**
 * The TensorFlow declarations that TensorFlow Serving's protos import ({@value #IMPORTS}) are,
 * file for file, those TensorFlow Java's classes were compiled from: so the serving classes
 * compiled against them use TensorFlow Java's {@code TensorProto}, {@code Example}, {@code
 * RunOptions}, and a TensorFlow Java upgrade that changes them is noticed.
 */
class ProtoImportsTest {

  private static final String IMPORTS = "src/main/protobuf-imports";

  /** Where the declarations TensorFlow Java holds are written when the folder differs. */
  private static final Path EXPECTED = Path.of("target", "protobuf-imports");

  @Test
  void theImportedTensorFlowProtosAreTensorFlowJavasOwn() throws IOException {
    Map<String, String> expected = tensorFlowFilesImportedBy(
        PredictionLogOuterClass.getDescriptor());
    Map<String, String> actual = protoFiles(Path.of(IMPORTS));

    if (!actual.equals(expected)) {
      for (Map.Entry<String, String> file : expected.entrySet()) {
        Path target = EXPECTED.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.writeString(target, file.getValue());
      }
    }
    assertThat(actual.keySet()).as("the files of " + IMPORTS).isEqualTo(expected.keySet());
    actual.forEach((name, text) -> assertThat(text)
        .as("%s/%s differs from TensorFlow Java's; its declarations are in %s", IMPORTS, name,
            EXPECTED)
        .isEqualTo(expected.get(name)));
  }

  /** The TensorFlow files below {@code file}, written out from TensorFlow Java's descriptors. */
  private static Map<String, String> tensorFlowFilesImportedBy(FileDescriptor file) {
    Map<String, String> files = new TreeMap<>();
    Deque<FileDescriptor> pending = new ArrayDeque<>(file.getDependencies());
    while (!pending.isEmpty()) {
      FileDescriptor next = pending.poll();
      String name = next.getName();
      if (name.startsWith("google/protobuf/") || files.containsKey(name)) {
        continue;
      }
      pending.addAll(next.getDependencies());
      if (!name.startsWith("tensorflow_serving/")) {
        files.put(name, ProtoDeclarations.of(next.toProto(), List.of(
            name + " of TensorFlow, as TensorFlow Java compiled it.",
            "Written out from the descriptor its classes carry (ProtoImportsTest): imported, not"
                + " compiled.",
            "Copyright The TensorFlow Authors, Apache License 2.0. See README.md.")));
      }
    }
    return files;
  }

  private static Map<String, String> protoFiles(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.filter(p -> p.toString().endsWith(".proto")).toList()) {
        files.put(root.relativize(path).toString().replace('\\', '/'), Files.readString(path));
      }
    }
    return files;
  }
}
