package org.lenet5.train;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * The data races a graph's step can hold on reference variables ({@code VariableV2}): an op that
 * rewrites a variable in place ({@code ApplyAdam}, {@code Assign}, ...) and another op of the same
 * step that reads or writes that variable, with no path between them, so that which comes first
 * depends on thread scheduling. Reads through {@code Identity} and same-type {@code Cast}, which
 * hand on the variable's buffer, count as reads of the variable.
 */
final class StepRaces {

  /** The inputs of each writing op type that it rewrites in place. */
  private static final Map<String, Set<Integer>> WRITTEN_INPUTS =
      Map.of(
          "ApplyAdam", Set.of(0, 1, 2),
          "Assign", Set.of(0),
          "AssignAdd", Set.of(0),
          "AssignSub", Set.of(0));

  private final Map<String, Set<String>> writers = new LinkedHashMap<>();
  private final List<String> unordered = new ArrayList<>();

  private StepRaces() {}

  /** The races among the ops that running {@code fetches} (op names) executes. */
  static StepRaces of(GraphDef graph, List<String> fetches) {
    Map<String, NodeDef> nodes = new HashMap<>();
    for (NodeDef node : graph.getNodeList()) {
      nodes.put(node.getName(), node);
    }
    Set<String> step = ancestors(nodes, fetches);
    Map<String, Set<String>> readers = new LinkedHashMap<>();
    StepRaces races = new StepRaces();
    for (String name : step) {
      NodeDef node = nodes.get(name);
      for (int i = 0; i < node.getInputCount(); i++) {
        String input = node.getInput(i);
        if (input.startsWith("^")) {
          continue;
        }
        String variable = variableBehind(nodes, opName(input));
        if (variable == null) {
          continue;
        }
        boolean writes = WRITTEN_INPUTS.getOrDefault(node.getOp(), Set.of()).contains(i);
        (writes ? races.writers : readers)
            .computeIfAbsent(variable, v -> new LinkedHashSet<>())
            .add(name);
      }
    }
    Map<String, Set<String>> ancestry = new HashMap<>();
    for (Map.Entry<String, Set<String>> written : races.writers.entrySet()) {
      Set<String> accesses = new LinkedHashSet<>(written.getValue());
      accesses.addAll(readers.getOrDefault(written.getKey(), Set.of()));
      accesses.removeIf(access -> nodes.get(access).getOp().equals("Identity")
          || isForwardingCast(nodes.get(access)));
      for (String writer : written.getValue()) {
        for (String access : accesses) {
          if (access.equals(writer)) {
            continue;
          }
          boolean ordered =
              ancestry.computeIfAbsent(writer, w -> ancestors(nodes, List.of(w))).contains(access)
                  || ancestry.computeIfAbsent(access, a -> ancestors(nodes, List.of(a)))
                      .contains(writer);
          if (!ordered) {
            races.unordered.add(
                written.getKey() + ": " + nodes.get(writer).getOp() + " " + writer
                    + " unordered with " + nodes.get(access).getOp() + " " + access);
          }
        }
      }
    }
    return races;
  }

  /** The names of the graph's reference variables. */
  static List<String> variableNames(GraphDef graph) {
    List<String> names = new ArrayList<>();
    for (NodeDef node : graph.getNodeList()) {
      if (node.getOp().equals("VariableV2")) {
        names.add(node.getName());
      }
    }
    return names;
  }

  /** Each pair of accesses to one variable that no path orders, as a line. */
  List<String> unorderedAccesses() {
    return unordered;
  }

  /** The variables that the step rewrites. */
  Set<String> writtenVariables() {
    return writers.keySet();
  }

  /** The variable whose buffer {@code name}'s first output is, or null. */
  private static String variableBehind(Map<String, NodeDef> nodes, String name) {
    NodeDef node = nodes.get(name);
    while (node != null
        && (node.getOp().equals("Identity") || isForwardingCast(node))) {
      node = nodes.get(opName(node.getInput(0)));
    }
    return node != null && node.getOp().equals("VariableV2") ? node.getName() : null;
  }

  private static boolean isForwardingCast(NodeDef node) {
    return node.getOp().equals("Cast")
        && node.getAttrOrThrow("SrcT").getType() == node.getAttrOrThrow("DstT").getType();
  }

  private static Set<String> ancestors(Map<String, NodeDef> nodes, List<String> roots) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> pending = new ArrayDeque<>(roots);
    while (!pending.isEmpty()) {
      String name = pending.pop();
      if (!seen.add(name)) {
        continue;
      }
      for (String input : nodes.get(name).getInputList()) {
        pending.push(opName(input));
      }
    }
    return seen;
  }

  private static String opName(String input) {
    String name = input.startsWith("^") ? input.substring(1) : input;
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(0, colon);
  }
}
