package org.lenet5.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Properties;

/**
 * What a checkpoint records besides the variables: the recipe, so that a resumed run trains on
 * exactly as before, the run's schedule, which a resumed run keeps unless told otherwise, and the
 * epochs already done.
 *
 * @param recipe the run's recipe
 * @param schedule the run's settings, of which only those {@linkplain RunSetting#recordedByRuns()
 *     recorded by runs} are (where it reads and writes and the device are the caller's own)
 * @param epochs the finished epochs, in order
 */
record TrainingState(Recipe recipe, RunSettings schedule, List<EpochResult> epochs) {

  private static final int FORMAT = 1;

  TrainingState {
    epochs = List.copyOf(epochs);
  }

  int epochsDone() {
    return epochs.size();
  }

  Properties toProperties() {
    Properties p = new Properties();
    p.setProperty("format", String.valueOf(FORMAT));
    recipe.values().forEach(p::setProperty);
    for (RunSetting setting : RunSetting.values()) {
      if (setting.recordedByRuns()) {
        p.setProperty(setting.id(), String.valueOf(setting.valueIn(schedule).orElseThrow()));
      }
    }
    p.setProperty("epochsDone", String.valueOf(epochs.size()));
    for (EpochResult epoch : epochs) {
      String key = "epoch." + epoch.epoch() + ".";
      p.setProperty(key + "meanLoss", Double.toString(epoch.meanLoss()));
      p.setProperty(key + "seconds", Double.toString(epoch.seconds()));
      p.setProperty(key + "images", String.valueOf(epoch.images()));
      p.setProperty(key + "residentBytes", String.valueOf(epoch.residentBytes()));
      epoch
          .testAccuracy()
          .ifPresent(accuracy -> p.setProperty(key + "testAccuracy", Double.toString(accuracy)));
      epoch.testLoss().ifPresent(loss -> p.setProperty(key + "testLoss", Double.toString(loss)));
    }
    return p;
  }

  /**
   * Reads a state written by {@link #toProperties()}; a schedule setting it lacks is the
   * default.
   *
   * @throws IllegalArgumentException if a value is missing or malformed
   */
  static TrainingState fromProperties(Properties p) {
    if (Integer.parseInt(required(p, "format")) != FORMAT) {
      throw new IllegalArgumentException("unknown checkpoint format " + p.getProperty("format"));
    }
    Map<String, String> values = new HashMap<>();
    p.stringPropertyNames().forEach(key -> values.put(key, p.getProperty(key)));
    Recipe recipe = Recipe.fromValues(values);
    RunSettings schedule =
        RunSetting.setGiven(
                RunSettings.builder(),
                setting ->
                    setting.recordedByRuns() && values.containsKey(setting.id())
                        ? setting.parse(values.get(setting.id()))
                        : null)
            .build();
    int done = Integer.parseInt(required(p, "epochsDone"));
    List<EpochResult> epochs = new ArrayList<>();
    for (int epoch = 1; epoch <= done; epoch++) {
      String key = "epoch." + epoch + ".";
      epochs.add(
          new EpochResult(
              epoch,
              Double.parseDouble(required(p, key + "meanLoss")),
              Double.parseDouble(required(p, key + "seconds")),
              Integer.parseInt(required(p, key + "images")),
              Long.parseLong(required(p, key + "residentBytes")),
              optional(p, key + "testAccuracy"),
              optional(p, key + "testLoss")));
    }
    return new TrainingState(recipe, schedule, epochs);
  }

  private static OptionalDouble optional(Properties p, String key) {
    return p.containsKey(key)
        ? OptionalDouble.of(Double.parseDouble(p.getProperty(key)))
        : OptionalDouble.empty();
  }

  private static String required(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null) {
      throw new IllegalArgumentException("missing " + key);
    }
    return value;
  }
}
