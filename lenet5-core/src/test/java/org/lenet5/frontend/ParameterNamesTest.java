package org.lenet5.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.lenet5.train.RecipeParameter;

class ParameterNamesTest {

  /** The public String constants of {@code type}, by field name. */
  private static Map<String, String> constants(Class<?> type) throws IllegalAccessException {
    Map<String, String> constants = new TreeMap<>();
    for (Field field : type.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && Modifier.isPublic(field.getModifiers())
          && field.getType() == String.class) {
        constants.put(field.getName(), (String) field.get(null));
      }
    }
    return constants;
  }

  @Test
  void everyOptionAndPropertyIsItsNames() throws IllegalAccessException {
    Map<String, String> names = constants(ParameterNames.class);
    Map<String, String> options = constants(ParameterNames.Cli.class);
    Map<String, String> properties = constants(ParameterNames.Maven.class);
    properties.remove("PREFIX");

    assertThat(options.keySet()).isEqualTo(names.keySet());
    assertThat(properties.keySet()).isEqualTo(names.keySet());
    names.forEach(
        (constant, name) -> {
          assertThat(options.get(constant)).as(constant).isEqualTo(ParameterNames.Cli.of(name));
          assertThat(properties.get(constant)).as(constant).isEqualTo("lenet5." + name);
        });
    assertThat(ParameterNames.Cli.of("gpuMemoryFraction")).isEqualTo("--gpu-memory-fraction");
  }

  @Test
  void everyRecipeParameterAFrontEndSetsIsNamedThere() throws IllegalAccessException {
    Set<RecipeParameter> libraryOnly =
        EnumSet.of(RecipeParameter.BETA1, RecipeParameter.BETA2, RecipeParameter.EPSILON);

    assertThat(constants(ParameterNames.class).values())
        .containsAll(
            Arrays.stream(RecipeParameter.values())
                .filter(parameter -> !libraryOnly.contains(parameter))
                .map(RecipeParameter::id)
                .toList());
  }
}
