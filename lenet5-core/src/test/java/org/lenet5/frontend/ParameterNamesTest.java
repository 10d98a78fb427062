package org.lenet5.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

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

    assertThat(names.keySet()).containsAll(options.keySet()).containsAll(properties.keySet());
    options.forEach(
        (constant, option) ->
            assertThat(option).as(constant).isEqualTo(ParameterNames.Cli.of(names.get(constant))));
    properties.forEach(
        (constant, property) ->
            assertThat(property).as(constant).isEqualTo("lenet5." + names.get(constant)));
    assertThat(ParameterNames.Cli.of("gpuMemoryFraction")).isEqualTo("--gpu-memory-fraction");
    assertThat(ParameterNames.Maven.of("gpuMemoryFraction")).isEqualTo("lenet5.gpuMemoryFraction");
  }

  @Test
  void everyNameIsAnOptionsOrAPropertys() throws IllegalAccessException {
    Set<String> used = new HashSet<>(constants(ParameterNames.Cli.class).keySet());
    used.addAll(constants(ParameterNames.Maven.class).keySet());

    assertThat(used).containsAll(constants(ParameterNames.class).keySet());
  }
}
