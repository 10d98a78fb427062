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

  /**
   * The type of value a front end holds for it: {@code Integer}, {@code Long}, {@code Double},
   * {@code Boolean} or {@code String} (a name), as its option or parameter converts it.
   */
  Class<?> type();

  /** The default as a user writes it; empty where it depends on other values or is unset. */
  Optional<String> defaultValue();

  /** What the value is, for a usage line, e.g. {@code N}. */
  String label();

  /**
   * What it does, as one sentence without its closing period or its default, e.g. {@code Images
   * per training step}.
   */
  String help();

  /** How the front ends offer it. */
  Exposure exposure();
}
