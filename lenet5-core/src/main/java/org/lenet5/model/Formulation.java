package org.lenet5.model;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * One way of computing one or more consecutive layers as TensorFlow ops: a rule of {@link
 * Lowering}. A formulation says where it applies ({@link #span}) and builds the ops ({@link
 * #lower}); the layers' semantics stay the declaration's.
 */
interface Formulation {

  /**
   * How many layers, from layer {@code at} of {@code architecture}, this formulation computes
   * together; 0 if it does not apply there.
   */
  int span(Architecture architecture, int at);

  /**
   * Builds the ops of layers {@code at} to {@code at + span - 1} on {@code input}, recording each
   * layer's output (or how to build it on request) in {@code network}.
   *
   * @return the last layer's output
   */
  Operand<TFloat32> lower(Lowered network, int at, Operand<TFloat32> input);
}
