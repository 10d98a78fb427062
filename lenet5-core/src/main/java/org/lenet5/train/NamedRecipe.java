package org.lenet5.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The recipes that have a name, for {@code --recipe} (plugin: {@code lenet5.recipe}). Each is a
 * starting point: values set afterwards on its {@link #builder()} override the recipe's.
 *
 * <pre>{@code
 * Recipe recipe = NamedRecipe.AUGMENTED.builder().seed(2).build();
 * }</pre>
 */
public enum NamedRecipe {

  /** The PyTorch tutorial's: 10 epochs, batch 64, Adam at a constant 0.001, no augmentation. */
  REFERENCE("reference"),

  /**
   * 45 epochs on randomly shifted and rotated images, Adam at 0.002 multiplied by 0.9 after
   * every epoch; otherwise the reference's.
   */
  AUGMENTED("augmented");

  private final String id;

  NamedRecipe(String id) {
    this.id = id;
  }

  /** The name on the command line and in POMs. */
  public String id() {
    return id;
  }

  /** A builder holding this recipe's values. */
  public Recipe.Builder builder() {
    Recipe.Builder builder = Recipe.builder();
    return switch (this) {
      case REFERENCE -> builder;
      case AUGMENTED ->
          builder.augment(true).epochs(45).learningRate(0.002).learningRateDecay(0.9);
    };
  }

  /**
   * The recipe named {@code id}.
   *
   * @throws InvalidConfigException naming the known recipes if there is none by that name
   */
  public static NamedRecipe fromId(String id) {
    for (NamedRecipe recipe : values()) {
      if (recipe.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
        return recipe;
      }
    }
    throw InvalidConfigException.unknownName(
        "recipe", id, "a recipe", "choose one of " + idList());
  }

  /** The recipes' names, comma separated, for help texts and messages. */
  public static String idList() {
    return Arrays.stream(values()).map(NamedRecipe::id).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return id;
  }
}
