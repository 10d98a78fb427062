package org.lenet5.train;

import org.lenet5.train.ParameterDescriptor.Exposure;

/**
 * How the front ends offer a {@link RecipeParameter} or a {@link RunSetting}: the part of its
 * {@link ParameterDescriptor} that its enum constant declares.
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
