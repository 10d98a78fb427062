package org.lenet5.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lenet5.data.DataDescription;
import org.lenet5.data.Dataset;
import org.lenet5.model.ModelVariant;
import org.tensorflow.Graph;
import org.tensorflow.Signature;
import org.tensorflow.proto.GraphDef;

class ServingGraphTest {

  /**
   * Every node of every variant's serving graph is on a signature output's path or a variable
   * initializer's: nodes only tests fetch (a layer's output in the plain layout, a class ArgMax
   * beside the signatures' own) are not built. SavedModelExporterTest checks the exported file,
   * saver included.
   */
  @ParameterizedTest
  @EnumSource(ModelVariant.class)
  void holdsOnlyWhatServingNeeds(ModelVariant variant) {
    try (Graph graph = new Graph()) {
      ServingGraph serving = ServingGraph.build(graph, DataDescription.of(Dataset.MNIST), variant);
      GraphDef graphDef = graph.toGraphDef();
      List<String> roots = new ArrayList<>();
      for (Signature signature : List.of(serving.serving(), serving.preprocessed())) {
        signature.getOutputs().values().forEach(output -> roots.add(output.name));
      }
      roots.add(ServingGraphNodes.INITIALIZERS);

      assertThat(graphDef.getNodeList())
          .anyMatch(node -> node.getName().equals(ServingGraphNodes.INITIALIZERS));
      assertThat(ServingGraphNodes.unreachable(graphDef, roots)).isEmpty();
    }
  }
}
