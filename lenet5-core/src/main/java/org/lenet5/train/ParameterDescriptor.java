package org.lenet5.train;

import java.util.Optional;

/**
 * What a front end needs to know of a {@link RecipeParameter} or a {@link RunSetting} to offer it:
 * its name, the type of value it takes, its default, its help text and how it is offered. The
 * command line's option ({@code --batch-size}) and the plugin's property ({@code
 * lenet5.batchSize}) are derived from the name ({@code org.lenet5.frontend.ParameterNames}).
 */
public interface ParameterDescriptor {

  /** How the front ends offer a parameter. */
  enum Exposure {
    /**
     * The train command and goal take it by its name, with this descriptor's default and help:
     * the command line builds its option from the descriptor, the plugin has a field of that name.
     */
    OPTION,
    /** Every command and goal that reads data takes it by its name (declared with the data). */
    DATA,
    /** Each front end offers it its own way (the run directory, the export, the evaluations). */
    FRONT_END,
    /** Only the library sets it. */
    LIBRARY
  }

  /** The builder method's name, e.g. {@code batchSize}. */
  String id();

  /** How the front ends offer it, as its enum constant declares. */
  Offer offer();

  /**
   * The type of value a front end holds for it: {@code Integer}, {@code Long}, {@code Double},
   * {@code Boolean}, {@code String} (a name) or {@code Path}, as its option or parameter converts
   * it.
   */
  default Class<?> type() {
    return offer().type();
  }

  /** The default as a user writes it; empty where it depends on other values or is unset. */
  default Optional<String> defaultValue() {
    return Optional.ofNullable(offer().defaultValue());
  }

  /** What the value is, for a usage line, e.g. {@code N}; empty unless an {@link Exposure#OPTION}. */
  default String label() {
    return offer().label();
  }

  /**
   * What it does, as one sentence without its closing period or its default, e.g. {@code Images
   * per training step}; empty unless an {@link Exposure#OPTION}.
   */
  default String help() {
    return offer().help();
  }

  /** How the front ends offer it. */
  default Exposure exposure() {
    return offer().exposure();
  }

  /**
   * How the front ends offer a parameter: the part of its descriptor that its enum constant
   * declares.
   *
   * @param defaultValue null where there is none, or it depends on other values
   * @param label and {@code help}: empty unless it is an {@link Exposure#OPTION}
   */
  record Offer(
      Exposure exposure, Class<?> type, String defaultValue, String label, String help) {

    /** Taken by the train command and goal by its name, with this default, label and help. */
    static Offer option(Class<?> type, String defaultValue, String label, String help) {
      return new Offer(Exposure.OPTION, type, defaultValue, label, help);
    }

    /** Offered as {@code exposure} says, by a declaration of the front end's own. */
    static Offer of(Exposure exposure, Class<?> type, String defaultValue) {
      return new Offer(exposure, type, defaultValue, "", "");
    }
  }
}
