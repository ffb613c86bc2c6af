package io.github.storageagent.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The committed dashboard JSON: the output of {@link GenerateDashboards}, importable (valid JSON,
 * schema 39, unique ids, no overlapping panels) and following the project's rules (units and
 * thresholds everywhere, every query on the datasource variable, runbook links that exist).
 */
class DashboardsStaticTest {

  private static final Set<String> EXPECTED =
      Set.of("storage-fleet.json", "storage-node.json", "storage-backups.json");

  /** How to bring dashboards/ up to date with {@link StorageDashboards}. */
  static final String REGENERATE =
      "./mvnw -q -pl dashboards-generator package -DskipTests"
          + " && java -jar dashboards-generator/target/dashboards-generator.jar";

  @Test
  void committedFilesAreTheGeneratorOutput(@TempDir Path out) throws Exception {
    GenerateDashboards.main(new String[] {out.toString()});
    List<String> generated;
    try (Stream<Path> files = Files.list(out)) {
      generated = files.map(f -> f.getFileName().toString()).sorted().toList();
    }
    assertThat(generated).containsExactlyInAnyOrderElementsOf(EXPECTED);
    List<String> stale = new ArrayList<>();
    for (String name : generated) {
      Path committed = DashboardFiles.DIR.resolve(name);
      if (!Files.exists(committed) || Files.mismatch(committed, out.resolve(name)) != -1) {
        stale.add(name);
      }
    }
    assertThat(stale)
        .as(
            "files in %s that differ from the output of StorageDashboards; regenerate them with %s"
                + " and commit them",
            DashboardFiles.DIR, REGENERATE)
        .isEmpty();
  }

  @Test
  void theGeneratorRewritesOnlyWhatChanged(@TempDir Path out) throws Exception {
    Map<String, String> files = GenerateDashboards.render();
    assertThat(GenerateDashboards.write(out, files)).hasSize(files.size());
    assertThat(GenerateDashboards.write(out, files)).isEmpty();
    Path node = out.resolve("storage-node.json");
    Files.writeString(node, "{}\n");
    assertThat(GenerateDashboards.write(out, files)).containsExactly(node);
    assertThat(Files.readString(node)).isEqualTo(files.get("storage-node.json"));
  }

  @Test
  void theThreeDashboardsAreThere() throws Exception {
    assertThat(DashboardFiles.load().keySet()).containsExactlyInAnyOrderElementsOf(EXPECTED);
  }

  @Test
  void dashboardsAreImportableGrafanaJson() throws Exception {
    Set<String> uids = new HashSet<>();
    for (Map.Entry<String, JsonNode> e : DashboardFiles.load().entrySet()) {
      JsonNode d = e.getValue();
      String file = e.getKey();
      assertThat(d.path("schemaVersion").asInt()).as(file).isEqualTo(39);
      assertThat(d.path("title").asText()).as(file).isNotBlank();
      assertThat(uids.add(d.path("uid").asText())).as(file + " uid unique").isTrue();
      assertThat(d.path("uid").asText().length()).as(file + " uid length").isBetween(1, 40);
      assertThat(d.has("id")).as(file + " has no instance-specific id").isFalse();

      Set<Integer> ids = new HashSet<>();
      List<int[]> boxes = new ArrayList<>();
      for (JsonNode p : DashboardFiles.panels(d)) {
        String where = file + " / " + p.path("title").asText();
        assertThat(p.path("id").isInt()).as(where + " has an id").isTrue();
        assertThat(ids.add(p.path("id").asInt())).as(where + " id unique").isTrue();
        JsonNode g = p.path("gridPos");
        int x = g.path("x").asInt(-1);
        int y = g.path("y").asInt(-1);
        int w = g.path("w").asInt(0);
        int h = g.path("h").asInt(0);
        assertThat(x).as(where + " x").isBetween(0, 23);
        assertThat(y).as(where + " y").isGreaterThanOrEqualTo(0);
        assertThat(w).as(where + " w").isBetween(1, 24 - x);
        assertThat(h).as(where + " h").isPositive();
        for (int[] b : boxes) {
          boolean overlap = x < b[0] + b[2] && b[0] < x + w && y < b[1] + b[3] && b[1] < y + h;
          assertThat(overlap).as(where + " overlaps another panel").isFalse();
        }
        boxes.add(new int[] {x, y, w, h});
      }
    }
  }

  @Test
  void everyPanelHasAUnitThresholdsAndQueriesOnTheDatasourceVariable() throws Exception {
    for (Map.Entry<String, JsonNode> e : DashboardFiles.load().entrySet()) {
      for (JsonNode p : DashboardFiles.panels(e.getValue())) {
        if (DashboardFiles.isRow(p)) {
          continue;
        }
        String where = e.getKey() + " / " + p.path("title").asText();
        JsonNode defaults = p.path("fieldConfig").path("defaults");
        assertThat(defaults.path("unit").asText()).as(where + " unit").isNotBlank();
        assertThat(defaults.path("thresholds").path("steps").size())
            .as(where + " thresholds")
            .isPositive();
        assertDatasourceVariable(p.path("datasource"), where);
        assertThat(p.path("targets").size()).as(where + " has queries").isPositive();
        for (JsonNode t : p.path("targets")) {
          assertDatasourceVariable(t.path("datasource"), where + " / " + t.path("refId"));
          assertThat(t.path("expr").asText()).as(where + " expr").isNotBlank();
        }
        if ("table".equals(p.path("type").asText())) {
          for (JsonNode o : p.path("fieldConfig").path("overrides")) {
            boolean hasUnit = false;
            for (JsonNode prop : o.path("properties")) {
              hasUnit |= "unit".equals(prop.path("id").asText());
            }
            assertThat(hasUnit).as(where + " column " + o.path("matcher").path("options")).isTrue();
          }
        }
      }
    }
  }

  private static void assertDatasourceVariable(JsonNode ds, String where) {
    assertThat(ds.path("type").asText()).as(where + " datasource type").isEqualTo("prometheus");
    assertThat(ds.path("uid").asText()).as(where + " datasource uid").isEqualTo("${datasource}");
  }

  @Test
  void everyDashboardHasTheDatasourceAndInstanceVariables() throws Exception {
    for (Map.Entry<String, JsonNode> e : DashboardFiles.load().entrySet()) {
      List<JsonNode> vars = DashboardFiles.variables(e.getValue());
      JsonNode ds =
          vars.stream()
              .filter(v -> v.path("name").asText().equals("datasource"))
              .findFirst()
              .orElse(null);
      assertThat(ds).as(e.getKey() + " datasource variable").isNotNull();
      assertThat(ds.path("type").asText()).isEqualTo("datasource");
      assertThat(ds.path("query").asText()).isEqualTo("prometheus");
      assertThat(vars)
          .as(e.getKey() + " instance variable")
          .anyMatch(v -> v.path("name").asText().equals("instance"));
      for (JsonNode v : vars) {
        if (v.path("type").asText().equals("query")) {
          assertDatasourceVariable(
              v.path("datasource"), e.getKey() + " variable " + v.path("name"));
          assertThat(v.path("definition").asText())
              .as(e.getKey() + " variable " + v.path("name"))
              .startsWith("label_values(");
        }
      }
    }
  }

  @Test
  void runbookLinksPointAtTheRulesRunbooks() throws Exception {
    Set<String> runbooks = new TreeSet<>();
    try (Stream<Path> files = Files.list(DashboardFiles.ROOT.resolve("rules"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".rules.yml")).toList()) {
        Matcher m = Pattern.compile("runbook_url:\\s*(\\S+)").matcher(Files.readString(f));
        while (m.find()) {
          runbooks.add(m.group(1));
        }
      }
    }
    assertThat(runbooks).isNotEmpty();
    String readme = Files.readString(DashboardFiles.ROOT.resolve("README.md"));
    assertThat(readme).contains("### Alert list");
    int linked = 0;
    for (Map.Entry<String, JsonNode> e : DashboardFiles.load().entrySet()) {
      for (JsonNode p : DashboardFiles.panels(e.getValue())) {
        for (JsonNode l : p.path("links")) {
          String url = l.path("url").asText();
          String where = e.getKey() + " / " + p.path("title").asText() + " -> " + url;
          if (url.endsWith("#alert-list")) {
            assertThat(url).as(where).isEqualTo(Grafana.README + "#alert-list");
          } else {
            assertThat(runbooks).as(where + " is a rule's runbook_url").contains(url);
            linked++;
          }
        }
      }
    }
    assertThat(linked).isGreaterThan(20);
  }

  @Test
  void provisioningExamplesAreGrafanaProvisioningYaml() throws Exception {
    Path dir = DashboardFiles.DIR.resolve("provisioning");
    Map<String, Object> dashboards =
        new Yaml().load(Files.readString(dir.resolve("dashboards/storage-agent.yml")));
    assertThat(dashboards).containsEntry("apiVersion", 1);
    assertThat(String.valueOf(dashboards.get("providers"))).contains("type=file");
    Map<String, Object> datasources =
        new Yaml().load(Files.readString(dir.resolve("datasources/prometheus.yml")));
    assertThat(datasources).containsEntry("apiVersion", 1);
    assertThat(String.valueOf(datasources.get("datasources"))).contains("type=prometheus");
  }
}
