package org.lenet5.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.ndarray.Shape;

/**
 * A network as a table of layers applied in order to a batch of 32x32 one-channel images, ending
 * in one logit per class. It says what the network computes; {@link Lowering} turns it into
 * TensorFlow ops.
 *
 * @param layers the layers from input to logits
 */
public record Architecture(List<Layer> layers) {

  /** The input's shape: a batch of normalized 32x32 images with one channel. */
  public static final Shape INPUT =
      Shape.of(-1, Lenet5Graph.INPUT_SIZE, Lenet5Graph.INPUT_SIZE, 1);

  public Architecture {
    layers = List.copyOf(layers);
    Shape logits = outputShape(layers, layers.size());
    if (logits.numDimensions() != 2 || logits.size(1) < 2) {
      throw new IllegalArgumentException("the last layer must give one logit per class");
    }
  }

  /** The architecture with these layers. */
  public static Architecture of(Layer... layers) {
    return new Architecture(List.of(layers));
  }

  /** The number of classes: the width of the last layer's output. */
  public int classes() {
    return (int) outputShape(layers, layers.size()).size(1);
  }

  /** The shape of the input of layer {@code index}; {@code size()} gives the logits' shape. */
  public Shape inputShape(int index) {
    return outputShape(layers, index);
  }

  /** Every variable of the network, layer by layer, in the order they are created. */
  public List<Layer.Parameter> parameters() {
    List<Layer.Parameter> parameters = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      parameters.addAll(layers.get(i).parameters(inputShape(i)));
    }
    return parameters;
  }

  private static Shape outputShape(List<Layer> layers, int count) {
    Shape shape = INPUT;
    for (Layer layer : layers.subList(0, count)) {
      shape = layer.outputShape(shape);
    }
    return shape;
  }
}
