package org.lenet5.export;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * The nodes of a serving graph that nothing serving needs: neither a signature output, the saver
 * nor a variable initializer reaches them through data or control inputs.
 */
final class ServingGraphNodes {

  /**
   * The op TF Java gathers the graph's initializers under (its {@code Graph.INIT_OP_NAME}): the
   * variables' initial values and {@code Assign} ops.
   */
  static final String INITIALIZERS = "Init";

  private ServingGraphNodes() {}

  /** The names of the nodes of {@code graph} that none of {@code roots} depends on. */
  static List<String> unreachable(GraphDef graph, Collection<String> roots) {
    Map<String, NodeDef> byName = new HashMap<>();
    graph.getNodeList().forEach(node -> byName.put(node.getName(), node));
    Set<String> reached = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>();
    for (String root : roots) {
      String name = nodeOf(root);
      if (byName.containsKey(name) && reached.add(name)) {
        pending.add(name);
      }
    }
    while (!pending.isEmpty()) {
      for (String input : byName.get(pending.poll()).getInputList()) {
        String name = nodeOf(input);
        if (reached.add(name)) {
          pending.add(name);
        }
      }
    }
    return graph.getNodeList().stream()
        .map(NodeDef::getName)
        .filter(name -> !reached.contains(name))
        .toList();
  }

  /** The tensor names of the signatures' outputs. */
  static List<String> outputs(Collection<SignatureDef> signatures) {
    return signatures.stream()
        .flatMap(signature -> signature.getOutputsMap().values().stream())
        .map(TensorInfo::getName)
        .toList();
  }

  /** {@code node} from {@code node:1} or {@code ^node}. */
  private static String nodeOf(String input) {
    String name = input.startsWith("^") ? input.substring(1) : input;
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(0, colon);
  }
}
