package org.lenet5.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.lenet5.cli.Lenet5Command;
import org.lenet5.frontend.ParameterNames.Cli;
import org.lenet5.frontend.ParameterNames.Maven;
import org.lenet5.train.ParameterDescriptor;
import org.lenet5.train.ParameterDescriptor.Exposure;
import org.lenet5.train.RecipeParameter;
import org.lenet5.train.RunSetting;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The recipe parameters' and run settings' descriptors agree with what users see: the train
 * command's options (its real picocli model), the train goal's parameters (the generated plugin
 * descriptor), docs/parameters.md's table of the recipe parameters, and the README's and
 * docs/maven-plugin.md's tables of the train command's and goal's other options (run settings and
 * their own). Each descriptor a front end offers appears in its table with its option or
 * property and default; the tables name nothing else but the front ends' own options.
 */
class ParameterDescriptorsTest {

  private static final Path PLUGIN_XML = Path.of("target/classes/META-INF/maven/plugin.xml");
  private static final Path README = Path.of("../README.md");
  private static final Path PLUGIN_DOCS = Path.of("../docs/maven-plugin.md");
  private static final Path PARAMETER_DOCS = Path.of("../docs/parameters.md");

  /** The train command's options that are no recipe parameter or run setting. */
  private static final Set<String> COMMAND_OWN =
      Set.of("--recipe", "--output", "--no-export", "--resume", "--no-epoch-eval",
          "--no-progress", "--quiet", "--verbose");

  /** The train goal's parameters that are no recipe parameter or run setting. */
  private static final Set<String> GOAL_OWN =
      Set.of("recipe", "runsDir", "resume", "force", "modelCache", "attach", "classifier",
          "skipTrain");

  private static Stream<ParameterDescriptor> descriptors() {
    return Stream.concat(Stream.of(RecipeParameter.values()), Stream.of(RunSetting.values()));
  }

  private static Stream<ParameterDescriptor> offered() {
    return descriptors().filter(descriptor -> descriptor.exposure() == Exposure.OPTION
        || descriptor.exposure() == Exposure.DATA);
  }

  @Test
  void theTrainCommandHasAnOptionOfEveryOfferedDescriptorWithItsTypeAndDefault() {
    CommandSpec train = new CommandLine(new Lenet5Command()).getSubcommands().get("train")
        .getCommandSpec();

    offered().forEach(descriptor -> {
      OptionSpec option = train.findOption(Cli.of(descriptor.id()));
      assertThat(option).as(descriptor.id()).isNotNull();
      if (descriptor.exposure() == Exposure.OPTION) {
        assertThat(option.type()).as(descriptor.id()).isEqualTo(descriptor.type());
        assertThat(option.defaultValue()).as(descriptor.id())
            .isEqualTo(descriptor.type() == Boolean.class
                ? null : descriptor.defaultValue().orElse(null));
      }
    });
    for (OptionSpec option : train.options()) {
      if (!option.usageHelp() && !option.versionHelp()
          && !COMMAND_OWN.contains(option.longestName())) {
        assertThat(descriptors().map(descriptor -> Cli.of(descriptor.id())))
            .as("a descriptor of %s", option.longestName())
            .contains(option.longestName());
      }
    }
  }

  @Test
  void theTrainGoalHasAParameterOfEveryOfferedDescriptorWithItsPropertyAndType()
      throws Exception {
    Map<String, String[]> parameters = goalParameters("train");

    offered().forEach(descriptor -> {
      assertThat(parameters).as(descriptor.id()).containsKey(descriptor.id());
      String[] parameter = parameters.get(descriptor.id());
      assertThat(parameter[0]).as(descriptor.id())
          .isEqualTo("${" + Maven.of(descriptor.id()) + "}");
      if (descriptor.exposure() == Exposure.OPTION) {
        assertThat(parameter[1]).as(descriptor.id())
            .isIn(descriptor.type().getName(), primitive(descriptor.type()));
      }
    });
  }

  @Test
  void theParameterDocsHoldEveryRecipeParameterWithItsOptionPropertyAndDefault() throws Exception {
    Map<String, String> maven = rows(PARAMETER_DOCS, "| command line", 0, 1);
    Map<String, String> defaults = rows(PARAMETER_DOCS, "| command line", 0, 2);

    Stream.of(RecipeParameter.values()).filter(ParameterDescriptorsTest::isOffered)
        .forEach(parameter -> {
          String option = Cli.of(parameter.id());
          assertThat(maven).as(option).containsKey(option);
          assertThat(maven.get(option)).as(option)
              .isEqualTo(parameter.id() + ", " + Maven.of(parameter.id()));
          parameter.defaultValue()
              .filter(value -> parameter.type() != Boolean.class)
              .ifPresent(value -> assertThat(defaults.get(option)).as(option)
                  .containsPattern(word(value)));
        });
    assertThat(maven.keySet()).allSatisfy(option ->
        assertThat(Stream.of(RecipeParameter.values()).map(p -> Cli.of(p.id())))
            .as("a recipe parameter %s", option).contains(option));
  }

  @Test
  void theReadmesTrainOptionsAreTheRunSettingsAndTheCommandsOwn() throws Exception {
    Map<String, String> table = rows(README, "Its other options:", 0, 1);

    Stream.of(RunSetting.values()).filter(ParameterDescriptorsTest::isOffered)
        .forEach(setting -> {
          String option = Cli.of(setting.id());
          assertThat(table).as(option).containsKey(option);
          setting.defaultValue()
              .filter(value -> setting.type() != Boolean.class && setting.type() != Path.class)
              .ifPresent(value -> assertThat(table.get(option)).as(option)
                  .containsPattern(word(value)));
        });
    for (String option : table.keySet()) {
      if (!COMMAND_OWN.contains(option)) {
        assertThat(Stream.of(RunSetting.values()).map(setting -> Cli.of(setting.id())))
            .as("a run setting %s", option).contains(option);
      }
    }
  }

  @Test
  void thePluginDocsTrainParametersAreTheRunSettingsAndTheGoalsOwn() throws Exception {
    Map<String, String> properties = rows(PLUGIN_DOCS, "[parameters.md]", 0, 1);
    Map<String, String> defaults = rows(PLUGIN_DOCS, "[parameters.md]", 0, 2);

    Stream.of(RunSetting.values()).filter(setting -> setting.exposure() == Exposure.OPTION)
        .forEach(setting -> {
          assertThat(properties).as(setting.id()).containsKey(setting.id());
          assertThat(properties.get(setting.id())).as(setting.id())
              .isEqualTo(Maven.of(setting.id()));
          setting.defaultValue().ifPresent(value ->
              assertThat(defaults.get(setting.id())).as(setting.id())
                  .containsPattern(word(value)));
        });
    for (String parameter : properties.keySet()) {
      if (!GOAL_OWN.contains(parameter)) {
        assertThat(Stream.of(RunSetting.values()).map(ParameterDescriptor::id))
            .as("a run setting %s", parameter).contains(parameter);
      }
    }
  }

  private static boolean isOffered(ParameterDescriptor descriptor) {
    return descriptor.exposure() == Exposure.OPTION || descriptor.exposure() == Exposure.DATA;
  }

  /** A value as a whole word: {@code 1} is not found in {@code 10} or {@code 0.1}. */
  private static Pattern word(String value) {
    return Pattern.compile("(?<![\\w.])" + Pattern.quote(value) + "(?![\\w.])");
  }

  private static String primitive(Class<?> type) {
    return switch (type.getSimpleName()) {
      case "Integer" -> "int";
      case "Long" -> "long";
      case "Double" -> "double";
      case "Boolean" -> "boolean";
      default -> type.getName();
    };
  }

  /**
   * The first table after the line starting with {@code heading} in {@code file}: the code spans
   * of column {@code key} (each option of {@code -o, --output DIR}, without its value), each
   * mapped to column {@code value} without its backticks.
   */
  private static Map<String, String> rows(Path file, String heading, int key, int value)
      throws Exception {
    List<String> lines = Files.readAllLines(file);
    int start = 0;
    while (!lines.get(start).startsWith(heading)) {
      start++;
    }
    while (!lines.get(start).startsWith("| ")) {
      start++;
    }
    Map<String, String> rows = new LinkedHashMap<>();
    for (int i = start + 2; i < lines.size() && lines.get(i).startsWith("| "); i++) {
      List<String> cells = new ArrayList<>();
      for (String cell : lines.get(i).replace("\\|", "\u0000").split("\\|")) {
        cells.add(cell.replace('\u0000', '|').trim());
      }
      cells.remove(0);
      Matcher name = Pattern.compile("(--?[\\w-]+|^`?\\w+)").matcher(cells.get(key));
      while (name.find()) {
        String found = name.group(1).replace("`", "");
        if (!found.startsWith("-") || found.startsWith("--")) {
          rows.put(found, cells.get(value).replace("`", ""));
        }
      }
    }
    return rows;
  }

  /**
   * The parameters of a goal in the generated plugin descriptor, by name: their property
   * expression and their type.
   */
  private static Map<String, String[]> goalParameters(String goal) throws Exception {
    Element plugin = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(Files.newInputStream(PLUGIN_XML)).getDocumentElement();
    NodeList mojos = plugin.getElementsByTagName("mojo");
    for (int i = 0; i < mojos.getLength(); i++) {
      Element mojo = (Element) mojos.item(i);
      if (!goal.equals(mojo.getElementsByTagName("goal").item(0).getTextContent())) {
        continue;
      }
      Map<String, String> types = new LinkedHashMap<>();
      NodeList parameters = mojo.getElementsByTagName("parameter");
      for (int p = 0; p < parameters.getLength(); p++) {
        Element parameter = (Element) parameters.item(p);
        types.put(parameter.getElementsByTagName("name").item(0).getTextContent(),
            parameter.getElementsByTagName("type").item(0).getTextContent());
      }
      Map<String, String[]> result = new LinkedHashMap<>();
      Element configuration = (Element) mojo.getElementsByTagName("configuration").item(0);
      NodeList configured = configuration.getChildNodes();
      for (int c = 0; c < configured.getLength(); c++) {
        if (configured.item(c) instanceof Element parameter) {
          result.put(parameter.getTagName(), new String[] {
              parameter.getTextContent().trim(), types.get(parameter.getTagName())});
        }
      }
      return result;
    }
    throw new AssertionError("no goal " + goal + " in " + PLUGIN_XML);
  }
}
