package org.lenet5.train;

import java.util.ArrayList;
import java.util.List;
import org.lenet5.data.Preprocessing;
import org.lenet5.model.Lenet5Graph;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One Adam step on a batch: the gradients of the loss with respect to every trainable variable
 * (TensorFlow's graph gradients), Adam's update, and the BatchNorm running-average updates, run
 * together as one op.
 */
final class TrainingStep {

  private final Lenet5Graph model;
  private final Op step;
  private final float baseLearningRate;

  TrainingStep(Graph graph, Lenet5Graph model, Recipe recipe) {
    this.model = model;
    List<Variable<TFloat32>> variables = model.trainableVariables();
    Output<?>[] inputs = new Output<?>[variables.size()];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = variables.get(i).asOutput();
    }
    Output<?>[] gradients = graph.addGradients(model.loss().asOutput(), inputs);
    List<Output<TFloat32>> typed = new ArrayList<>();
    for (Output<?> gradient : gradients) {
      typed.add(asFloat(gradient));
    }
    List<Op> updates = new ArrayList<>(model.statisticUpdates());
    updates.add(OrderedAdam.step(model.ops(), variables, typed, recipe));
    this.baseLearningRate = recipe.learningRate();
    this.step = model.ops().withName("train_step").withControlDependencies(updates).noOp();
  }

  @SuppressWarnings("unchecked")
  private static Output<TFloat32> asFloat(Output<?> gradient) {
    return (Output<TFloat32>) gradient;
  }

  /** The op that runs one step. */
  Op target() {
    return step;
  }

  /**
   * Trains on the first {@code size} images of the batch arrays at the configured learning rate.
   *
   * @return the batch's loss before the update
   */
  float run(Session session, float[] pixels, int[] labels, int size) {
    return run(session, pixels, labels, size, baseLearningRate);
  }

  /**
   * Trains on the first {@code size} images of the batch arrays at the given learning rate.
   *
   * @return the batch's loss before the update
   */
  float run(Session session, float[] pixels, int[] labels, int size, float learningRate) {
    return execute(session, pixels, labels, size, true, learningRate);
  }

  /** The batch's loss under the training path, without changing any variable. */
  float loss(Session session, float[] pixels, int[] labels, int size) {
    return execute(session, pixels, labels, size, false, baseLearningRate);
  }

  private float execute(
      Session session, float[] pixels, int[] labels, int size, boolean train,
      float learningRate) {
    int side = Lenet5Graph.INPUT_SIZE;
    try (TFloat32 images =
            TFloat32.tensorOf(
                Shape.of(size, side, side, 1),
                DataBuffers.of(pixels, true, false)
                    .narrow((long) size * Preprocessing.MODEL_PIXELS));
        TInt32 classes =
            TInt32.tensorOf(Shape.of(size), DataBuffers.of(labels, true, false).narrow(size))) {
      Session.Runner runner =
          session.runner().feed(model.images(), images).feed(model.labels(), classes);
      if (train) {
        runner.addTarget(step);
      }
      if (!train || learningRate == baseLearningRate) {
        return fetchLoss(runner);
      }
      try (TFloat32 rate = TFloat32.scalarOf(learningRate)) {
        return fetchLoss(runner.feed(OrderedAdam.LEARNING_RATE, rate));
      }
    }
  }

  private float fetchLoss(Session.Runner runner) {
    try (Result result = runner.fetch(model.loss()).run()) {
      return ((TFloat32) result.get(0)).getFloat();
    }
  }
}
