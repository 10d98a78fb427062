package org.lenet5.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.lenet5.data.Dataset;
import org.lenet5.device.DeviceChoice;
import org.lenet5.frontend.ParameterNames;
import org.lenet5.train.NamedRecipe;
import org.lenet5.train.Recipe;
import org.lenet5.train.RecipeParameter;
import org.lenet5.train.RunSettings;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The defaults the plugin descriptor gives Maven — what a user gets — are the library's: read
 * from the generated {@code META-INF/maven/plugin.xml}, parsed as the goals parse them, and
 * compared with {@link Recipe#reference()} and {@link RunSettings#defaults()}.
 */
class PluginDefaultsTest {

  private static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");

  @Test
  void theTrainGoalsDefaultsAreTheLibrarys() throws Exception {
    Map<String, String> defaults = defaultValues("train");
    Recipe recipe = Recipe.reference();
    RunSettings library = RunSettings.defaults();

    Map<String, Function<String, Object>> asConfigured = new LinkedHashMap<>();
    asConfigured.put("dataset", Dataset::fromId);
    asConfigured.put("evaluateEachEpoch", Boolean::parseBoolean);
    asConfigured.put("logEvery", Integer::parseInt);
    asConfigured.put("device", DeviceChoice::parse);
    asConfigured.put("gpuMemoryFraction", Double::parseDouble);
    asConfigured.put("checkpointEvery", Integer::parseInt);
    asConfigured.put("keepCheckpoints", Integer::parseInt);
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("dataset", recipe.dataset());
    expected.put("evaluateEachEpoch", library.evaluateEachEpoch());
    expected.put("logEvery", library.logEvery());
    expected.put("device", library.device());
    expected.put("gpuMemoryFraction", library.gpuMemoryFraction());
    expected.put("checkpointEvery", library.checkpointEvery());
    expected.put("keepCheckpoints", library.keepCheckpoints());

    for (Map.Entry<String, Function<String, Object>> parameter : asConfigured.entrySet()) {
      assertThat(defaults).as(parameter.getKey()).containsKey(parameter.getKey());
      assertThat(parameter.getValue().apply(defaults.get(parameter.getKey())))
          .as(parameter.getKey())
          .isEqualTo(expected.get(parameter.getKey()));
    }
  }

  @Test
  void theRecipeParametersTakeTheNamedRecipesWhichByDefaultIsTheLibrarys() throws Exception {
    Map<String, String> defaults = defaultValues("train");
    Recipe named = NamedRecipe.fromId(defaults.get("recipe")).builder().build();

    for (RecipeParameter parameter : RecipeParameter.values()) {
      assertThat(parameter.valueIn(named)).as(parameter.id())
          .isEqualTo(parameter.valueIn(Recipe.reference()));
      if (parameter != RecipeParameter.DATASET) {
        // Unset, a recipe parameter is the named recipe's: a default of its own would hide it.
        assertThat(defaults).as(parameter.id()).doesNotContainKey(parameter.id());
      }
    }
  }

  @Test
  void verifyTakesTheSameDatasetDefault() throws Exception {
    assertThat(defaultValues("verify").get("dataset"))
        .isEqualTo(Recipe.reference().dataset().id());
  }

  @Test
  void everySharedParameterIsNamedAsTheLibraryAndTheCommandLineName() throws Exception {
    Map<String, String> shared = new HashMap<>();
    for (Field field : ParameterNames.class.getFields()) {
      String name = (String) field.get(null);
      shared.put(ParameterNames.Maven.PREFIX + name, name);
    }
    Set<String> named = new HashSet<>();
    for (String goal : List.of("train", "verify")) {
      for (Map.Entry<String, String> parameter : configuration(goal, null).entrySet()) {
        String property = parameter.getValue().replaceAll("^\\$\\{(.*)}$", "$1");
        if (shared.containsKey(property)) {
          assertThat(parameter.getKey()).as(goal + " " + property).isEqualTo(shared.get(property));
          named.add(parameter.getKey());
        }
      }
    }
    assertThat(named).as("shared names the goals use").isEqualTo(Set.copyOf(shared.values()));
  }

  /** The parameters of a goal that have a default value, by name. */
  private static Map<String, String> defaultValues(String goal) throws Exception {
    return configuration(goal, "default-value");
  }

  /**
   * The parameters of a goal's configuration, by name: the value of their {@code attribute}
   * (those that have it), or with a null {@code attribute}, their text (the property expression).
   */
  private static Map<String, String> configuration(String goal, String attribute)
      throws Exception {
    assertThat(DESCRIPTOR).as("built by maven-plugin-plugin before the tests").exists();
    Element plugin =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Files.newInputStream(DESCRIPTOR))
            .getDocumentElement();
    NodeList mojos = plugin.getElementsByTagName("mojo");
    for (int i = 0; i < mojos.getLength(); i++) {
      Element mojo = (Element) mojos.item(i);
      if (!goal.equals(child(mojo, "goal").getTextContent())) {
        continue;
      }
      Map<String, String> defaults = new LinkedHashMap<>();
      Element configuration = child(mojo, "configuration");
      for (Node node = configuration.getFirstChild(); node != null;
          node = node.getNextSibling()) {
        if (node instanceof Element parameter) {
          if (attribute == null) {
            defaults.put(parameter.getTagName(), parameter.getTextContent().trim());
          } else if (parameter.hasAttribute(attribute)) {
            defaults.put(parameter.getTagName(), parameter.getAttribute(attribute));
          }
        }
      }
      return defaults;
    }
    throw new AssertionError("no goal " + goal + " in " + DESCRIPTOR);
  }

  private static Element child(Element parent, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        return element;
      }
    }
    throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
  }
}
