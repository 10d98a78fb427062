package org.lenet5.maven;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code verify} found, for machines: a JSON document and a JUnit XML report with one test
 * case per gate, the format CI servers (Jenkins, GitLab, GitHub Actions' test reporters) show as
 * test results.
 */
final class GateReport {

  /** One gate's outcome; {@code skipped} when it had nothing to compare against. */
  record Gate(String name, boolean passed, boolean skipped, String message) {}

  /** An evaluated model: where it is, what it records, and how it scored. */
  record Scored(
      String directory,
      String version,
      String fingerprint,
      String lenet5Version,
      String tensorflowVersion,
      String artifact,
      int correct,
      int total,
      List<String> classNames,
      double[] perClassAccuracy) {

    double accuracy() {
      return total == 0 ? 0 : 100.0 * correct / total;
    }
  }

  /**
   * What the serving check found: the versions it checked, how many warmup responses they gave
   * again, and the problem, or null.
   */
  record Serving(List<String> versions, int warmupRecords, String problem) {}

  private GateReport() {}

  /** Writes {@code <name>.json} and {@code TEST-<name>.xml} into {@code dir}. */
  static void write(
      Path dir,
      String name,
      String dataset,
      Scored model,
      Scored baseline,
      Serving serving,
      Map<String, Object> thresholds,
      List<Gate> gates,
      double seconds)
      throws IOException {
    Files.createDirectories(dir);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("passed", gates.stream().allMatch(Gate::passed));
    json.put("dataset", dataset);
    json.put("model", describe(model));
    json.put("accuracy", round(model.accuracy()));
    json.put("perClassAccuracy", perClass(model));
    json.put("thresholds", thresholds);
    json.put("baseline", baseline == null ? null : describe(baseline));
    Map<String, Object> servingCheck = new LinkedHashMap<>();
    servingCheck.put("passed", serving.problem() == null);
    servingCheck.put("versions", serving.versions());
    servingCheck.put("warmupRecords", serving.warmupRecords());
    servingCheck.put("problem", serving.problem());
    json.put("serving", servingCheck);
    List<Map<String, Object>> gateList = new ArrayList<>();
    for (Gate gate : gates) {
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("name", gate.name());
      g.put("passed", gate.passed());
      g.put("skipped", gate.skipped());
      g.put("message", gate.message());
      gateList.add(g);
    }
    json.put("gates", gateList);
    Files.writeString(
        dir.resolve(name + ".json"),
        JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(json),
        StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("TEST-" + name + ".xml"), junit(name, gates, seconds), StandardCharsets.UTF_8);
  }

  private static Map<String, Object> describe(Scored model) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("directory", model.directory());
    m.put("version", model.version());
    m.put("fingerprint", model.fingerprint());
    m.put("lenet5Version", model.lenet5Version());
    m.put("tensorflowVersion", model.tensorflowVersion());
    if (model.artifact() != null) {
      m.put("artifact", model.artifact());
    }
    m.put("accuracy", round(model.accuracy()));
    m.put("correct", model.correct());
    m.put("total", model.total());
    return m;
  }

  private static Map<String, Object> perClass(Scored model) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int label = 0; label < model.perClassAccuracy().length; label++) {
      double accuracy = model.perClassAccuracy()[label];
      // A class without images to score (a folder of new images of some classes) has none.
      m.put(model.classNames().get(label), Double.isNaN(accuracy) ? null : round(accuracy));
    }
    return m;
  }

  private static double round(double percent) {
    return Math.round(percent * 100) / 100.0;
  }

  /** Surefire's format: a testsuite, a testcase per gate, failure or skipped elements. */
  private static String junit(String name, List<Gate> gates, double seconds) {
    long failures = gates.stream().filter(g -> !g.passed()).count();
    long skipped = gates.stream().filter(Gate::skipped).count();
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append(
        String.format(
            Locale.ROOT,
            "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\""
                + " time=\"%.3f\" timestamp=\"%s\">\n",
            escape(name), gates.size(), failures, skipped, seconds, Instant.now()));
    for (Gate gate : gates) {
      xml.append(
          String.format(
              Locale.ROOT, "  <testcase classname=\"%s\" name=\"%s\" time=\"0\"",
              escape(name), escape(gate.name())));
      if (gate.skipped()) {
        xml.append(">\n    <skipped message=\"").append(escape(gate.message())).append("\"/>\n");
        xml.append("  </testcase>\n");
      } else if (!gate.passed()) {
        xml.append(">\n    <failure message=\"").append(escape(gate.message()))
            .append("\" type=\"lenet5.gate\">").append(escape(gate.message()))
            .append("</failure>\n");
        xml.append("  </testcase>\n");
      } else {
        xml.append(">\n    <system-out>").append(escape(gate.message())).append("</system-out>\n");
        xml.append("  </testcase>\n");
      }
    }
    xml.append("</testsuite>\n");
    return xml.toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
