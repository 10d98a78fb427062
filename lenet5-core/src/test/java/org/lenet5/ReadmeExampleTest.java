package org.lenet5;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's library example, {@code src/test/java/QuickRun.java}: the README prints that file
 * as it is, and it compiles and runs twice in a row as pasted.
 */
class ReadmeExampleTest {

  private static final Path EXAMPLE = Path.of("src", "test", "java", "QuickRun.java");

  private final List<Path> runDirectories = new ArrayList<>();

  @Test
  void theReadmeShowsThisVeryExample() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);

    assertThat(readme).contains("```java\n" + Files.readString(EXAMPLE) + "```\n");
  }

  @Test
  void theExampleTrainsAModelAndRunsAgainAsItIs() throws Exception {
    String first = runExample();
    String second = runExample();

    for (String output : List.of(first, second)) {
      Matcher accuracy = Pattern.compile("Test accuracy: (\\d+\\.\\d\\d) %").matcher(output);
      assertThat(accuracy.find()).as(output).isTrue();
      assertThat(Double.parseDouble(accuracy.group(1))).isGreaterThan(90);
      Matcher weights = Pattern.compile("Weights saved in (\\S+)").matcher(output);
      assertThat(weights.find()).as(output).isTrue();
      Path checkpoint = Path.of(weights.group(1));
      runDirectories.add(checkpoint.getParent());
      assertThat(checkpoint.resolve("model.index")).isRegularFile();
    }
    assertThat(runDirectories.get(1)).isNotEqualTo(runDirectories.get(0));
  }

  /** Runs {@code QuickRun.main} (in the unnamed package, so by name) and returns what it printed. */
  private static String runExample() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      Class.forName("QuickRun")
          .getMethod("main", String[].class)
          .invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(original);
    }
    String output = printed.toString(StandardCharsets.UTF_8);
    original.print(output);
    return output;
  }

  @AfterEach
  void deleteTheRuns() throws IOException {
    // The example writes where a user's program would, runs/ in the working directory.
    for (Path run : runDirectories) {
      DirectoryTrees.delete(run);
      try (var left = Files.list(run.getParent())) {
        if (left.findAny().isEmpty()) {
          Files.delete(run.getParent());
        }
      }
    }
  }
}
