package org.lenet5.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.lenet5.data.Preprocessing;
import org.lenet5.model.Lenet5Graph;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.framework.optimizers.Optimizer.GradAndVar;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * One Adam step on a batch: the gradients of the loss with respect to every trainable variable
 * (TensorFlow's graph gradients), Adam's update, and the BatchNorm running-average updates, run
 * together as one op.
 */
final class TrainingStep {

  /** The index of the learning-rate input of TensorFlow's ApplyAdam op. */
  private static final int APPLY_ADAM_LEARNING_RATE = 5;

  private final Lenet5Graph model;
  private final Op step;
  private final float baseLearningRate;
  private final List<Output<?>> learningRateInputs = new ArrayList<>();

  TrainingStep(Graph graph, Lenet5Graph model, TrainingConfig config) {
    this.model = model;
    List<Variable<TFloat32>> variables = model.trainableVariables();
    Output<?>[] inputs = new Output<?>[variables.size()];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = variables.get(i).asOutput();
    }
    Output<?>[] gradients = graph.addGradients(model.loss().asOutput(), inputs);
    List<GradAndVar<? extends TType>> pairs = new ArrayList<>();
    for (int i = 0; i < inputs.length; i++) {
      pairs.add(gradAndVar(gradients[i], inputs[i]));
    }
    Adam adam =
        new Adam(graph, config.learningRate(), config.beta1(), config.beta2(), config.epsilon());
    List<Op> updates = new ArrayList<>(model.statisticUpdates());
    updates.add(adam.applyGradients(pairs, "adam"));
    this.baseLearningRate = config.learningRate();
    // The framework's Adam (TF Java 1.1.0) bakes its learning rate into the graph and has no
    // setter. A session may feed any tensor, so a scheduled rate is fed into the learning-rate
    // input of each ApplyAdam op instead.
    for (Iterator<GraphOperation> ops = graph.operations(); ops.hasNext(); ) {
      GraphOperation op = ops.next();
      if (op.type().equals("ApplyAdam")) {
        learningRateInputs.add(op.input(APPLY_ADAM_LEARNING_RATE));
      }
    }
    this.step = model.ops().withName("train_step").withControlDependencies(updates).noOp();
  }

  @SuppressWarnings("unchecked")
  private static GradAndVar<? extends TType> gradAndVar(Output<?> gradient, Output<?> variable) {
    return new GradAndVar<>((Output<TFloat32>) gradient, (Output<TFloat32>) variable);
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
        for (Output<?> input : learningRateInputs) {
          runner.feed(input, rate);
        }
        return fetchLoss(runner);
      }
    }
  }

  private float fetchLoss(Session.Runner runner) {
    try (Result result = runner.fetch(model.loss()).run()) {
      return ((TFloat32) result.get(0)).getFloat();
    }
  }
}
