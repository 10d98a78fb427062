package org.lenet5.train;

import java.nio.file.Path;
import java.util.Optional;
import org.lenet5.Lenet5Exception;

/**
 * A run is to be resumed with a recipe parameter of another value than it was trained with. Holds
 * the facts — the run, the parameter, both values, and whether the other value was given
 * explicitly or comes from the named recipe that was — so that each front end names the parameter
 * and the fix in its own terms ({@code --epochs}, {@code <epochs>}).
 */
public final class ResumeConflictException extends Lenet5Exception {

  private static final long serialVersionUID = 1L;

  private final transient Path runDirectory;
  private final RecipeParameter parameter;
  private final String savedValue;
  private final String askedValue;
  private final String namedRecipe;

  ResumeConflictException(
      Path runDirectory, RecipeParameter parameter, Object savedValue, Object askedValue,
      Optional<String> namedRecipe) {
    super("the run to resume (" + runDirectory + ") was trained with " + parameter.id() + " "
        + savedValue + ", not " + askedValue
        + namedRecipe.map(recipe -> " (recipe " + recipe + ")").orElse("")
        + "; leave " + namedRecipe.map(recipe -> "the recipe").orElse(parameter.id())
        + " out to continue it, or start a new run");
    this.runDirectory = runDirectory;
    this.parameter = parameter;
    this.savedValue = String.valueOf(savedValue);
    this.askedValue = String.valueOf(askedValue);
    this.namedRecipe = namedRecipe.orElse(null);
  }

  /** The run directory to resume. */
  public Path runDirectory() {
    return runDirectory;
  }

  /** The first parameter whose value differs. */
  public RecipeParameter parameter() {
    return parameter;
  }

  /** Its value in the run, as a user would write it. */
  public String savedValue() {
    return savedValue;
  }

  /** The value asked for now. */
  public String askedValue() {
    return askedValue;
  }

  /**
   * The named recipe given explicitly, whose value it is, when the parameter itself was not
   * given; empty when it was.
   */
  public Optional<String> namedRecipe() {
    return Optional.ofNullable(namedRecipe);
  }
}
