package org.lenet5.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tensorflow.ndarray.Shape;

/**
 * The model's variant, layers with output shapes and parameter counts, printed before training;
 * read from the variant's declaration ({@link ModelVariant#architecture()}).
 */
public record ModelSummary(ModelVariant variant, List<Row> layers, long nonTrainableParameters) {

  public ModelSummary {
    layers = List.copyOf(layers);
  }

  /** The summary of a variant's declared layers for ten classes. */
  public static ModelSummary of(ModelVariant variant) {
    return of(variant, variant.architecture());
  }

  /** The summary of {@code architecture}, declared by {@code variant}. */
  public static ModelSummary of(ModelVariant variant, Architecture architecture) {
    List<Row> rows = new ArrayList<>();
    long statistics = 0;
    for (int i = 0; i < architecture.layers().size(); i++) {
      Layer layer = architecture.layers().get(i);
      Shape input = architecture.inputShape(i);
      long parameters = 0;
      for (Layer.Parameter parameter : layer.parameters(input)) {
        if (parameter.trainable()) {
          parameters += parameter.shape().size();
        } else {
          statistics += parameter.shape().size();
        }
      }
      rows.add(new Row(layer.name(), layer.type(), layer.outputShape(input), parameters));
    }
    return new ModelSummary(variant, rows, statistics);
  }

  /** The number of classes: the width of the last layer's output. */
  public int classes() {
    return (int) layers.get(layers.size() - 1).outputShape().size(1);
  }

  /** One layer: its name, kind, output shape ({@code -1} is the batch) and parameter count. */
  public record Row(String name, String type, Shape outputShape, long parameters) {}

  /** The number of trainable parameters. */
  public long trainableParameters() {
    return layers.stream().mapToLong(Row::parameters).sum();
  }

  /** A table of the layers, followed by the totals. */
  public String format() {
    StringBuilder text = new StringBuilder();
    text.append("LeNet5, variant ").append(variant.id()).append(System.lineSeparator());
    String row = "%-9s %-22s %-18s %,10d%n";
    text.append(String.format(Locale.ROOT, "%-9s %-22s %-18s %10s%n",
        "Layer", "Type", "Output shape", "Parameters"));
    for (Row layer : layers) {
      text.append(String.format(Locale.ROOT, row, layer.name(), layer.type(),
          layer.outputShape().toString(), layer.parameters()));
    }
    text.append(String.format(Locale.ROOT, "Trainable parameters: %,d", trainableParameters()));
    if (nonTrainableParameters > 0) {
      text.append(String.format(Locale.ROOT, " (plus %,d BatchNorm running statistics)",
          nonTrainableParameters));
    }
    text.append(System.lineSeparator());
    return text.toString();
  }
}
