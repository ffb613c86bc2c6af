package io.github.storageagent.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The committed dashboards under {@code dashboards/} and the panels in them. The agent's {@code
 * DashboardsIT} reads them the same way, with its own copy of this reading.
 */
final class DashboardFiles {

  static final Path ROOT =
      Path.of(System.getProperty("storage.project.root", "..")).toAbsolutePath().normalize();
  static final Path DIR = ROOT.resolve("dashboards");

  private DashboardFiles() {}

  /** File name to parsed dashboard, for every {@code dashboards/*.json}. */
  static Map<String, JsonNode> load() throws IOException {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        out.put(f.getFileName().toString(), Grafana.JSON.readTree(f.toFile()));
      }
    }
    return out;
  }

  /** Every panel, rows included, with the panels of collapsed rows. */
  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode p : dashboard.path("panels")) {
      out.add(p);
      p.path("panels").forEach(out::add);
    }
    return out;
  }

  static boolean isRow(JsonNode panel) {
    return "row".equals(panel.path("type").asText());
  }

  static List<JsonNode> variables(JsonNode dashboard) {
    List<JsonNode> out = new ArrayList<>();
    dashboard.path("templating").path("list").forEach(out::add);
    return out;
  }
}
