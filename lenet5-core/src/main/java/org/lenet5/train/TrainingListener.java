package org.lenet5.train;

/**
 * Observes a training run. Every method has an empty default, so a listener implements only what
 * it needs. Listeners are called on the training thread; a slow listener slows training.
 */
public interface TrainingListener {

  /** Called once the data is loaded and the graph is built, before the first step. */
  default void onTrainingStart(TrainingStart start) {}

  /**
   * Called after every training step.
   *
   * @param epoch 1-based epoch
   * @param step 1-based step within the epoch
   * @param loss the step's mean loss over its batch
   */
  default void onStep(int epoch, int step, float loss) {}

  /** Called after every epoch. */
  default void onEpochEnd(EpochResult epoch) {}

  /** Called once the test set has been evaluated and the outputs written. */
  default void onTrainingEnd(TrainingResult result) {}
}
