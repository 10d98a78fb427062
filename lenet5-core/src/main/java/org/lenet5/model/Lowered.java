package org.lenet5.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * An architecture lowered to TensorFlow ops on one input: its logits, the BatchNorm running
 * averages' updates (training only), and each layer's output.
 *
 * <p>A fast formulation may never compute some layers' outputs as such (the first block by
 * pooling phase has no plain BatchNorm output; a folded BatchNorm no convolution output): those
 * are built only when {@link #output} asks for them, so real graphs do not carry them.
 */
final class Lowered {

  private final Ops tf;
  private final Architecture architecture;
  private final ModelVariables variables;
  private final boolean training;
  private final List<Op> statisticUpdates = new ArrayList<>();
  private final Map<String, Supplier<Operand<TFloat32>>> outputs = new HashMap<>();
  private final Map<String, Operand<TFloat32>> built = new HashMap<>();
  private Operand<TFloat32> logits;

  Lowered(Ops tf, Architecture architecture, ModelVariables variables, boolean training) {
    this.tf = tf;
    this.architecture = architecture;
    this.variables = variables;
    this.training = training;
  }

  /** The {@code Ops} to build with. */
  Ops tf() {
    return tf;
  }

  /** The architecture being lowered. */
  Architecture architecture() {
    return architecture;
  }

  /** Layer {@code index} of the architecture. */
  Layer layer(int index) {
    return architecture.layers().get(index);
  }

  /** The variables the ops read. */
  ModelVariables variables() {
    return variables;
  }

  /** Whether BatchNorm normalizes with the batch's statistics (training) or the running ones. */
  boolean training() {
    return training;
  }

  /** Records a layer's output. */
  void output(Layer layer, Operand<TFloat32> output) {
    built.put(layer.name(), output);
    outputs.put(layer.name(), () -> output);
  }

  /** Records how to build a layer's output that the formulation does not compute as such. */
  void outputOnRequest(Layer layer, Supplier<Operand<TFloat32>> output) {
    outputs.put(layer.name(), output);
  }

  /** Adds an op that moves a BatchNorm layer's running averages; training only. */
  void statisticUpdate(Op update) {
    statisticUpdates.add(update);
  }

  void logits(Operand<TFloat32> logits) {
    this.logits = logits;
  }

  /** The logits, {@code [batch, 10]}. */
  Operand<TFloat32> logits() {
    return logits;
  }

  /** The ops that move the BatchNorm running averages towards this batch's statistics. */
  List<Op> statisticUpdates() {
    return Collections.unmodifiableList(statisticUpdates);
  }

  /**
   * The output of the named layer in the declaration's layout, building it if the formulation
   * did not (for inspecting a lowering; such ops are off the logits' path).
   */
  Operand<TFloat32> output(String layer) {
    return built.computeIfAbsent(
        layer,
        name -> {
          Supplier<Operand<TFloat32>> output = outputs.get(name);
          if (output == null) {
            throw new IllegalArgumentException("no layer " + name);
          }
          return output.get();
        });
  }
}
