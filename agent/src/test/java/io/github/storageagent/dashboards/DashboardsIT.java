package io.github.storageagent.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.storageagent.dashboards.DashboardFiles.Query;
import io.github.storageagent.it.AgentProcess;
import io.github.storageagent.it.PrometheusProcess;
import io.github.storageagent.it.ShippedRules;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every query of every dashboard panel, run against Debian's Prometheus scraping the demo agent
 * every second with the project's rules loaded, returns data. Template variables are filled in as
 * Grafana would on opening the dashboard: each query variable from its own {@code label_values}
 * query (All = the regex of every value, or the variable's allValue; otherwise the first value),
 * and Grafana's interval variables with fixed durations.
 */
@Timeout(240)
class DashboardsIT {

  /** Grafana's built-in interval variables; 1 m holds ~60 samples at the test's 1 s scrape. */
  private static final Map<String, String> BUILTINS =
      Map.of("__rate_interval", "1m", "__interval", "15s", "__range", "1h");

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)");
  private static final Pattern LABEL_VALUES =
      Pattern.compile("label_values\\((?:(.*),\\s*)?(\\w+)\\)", Pattern.DOTALL);

  @Test
  void everyPanelQueryReturnsDataFromPrometheusScrapingTheDemoAgent() throws Exception {
    Map<String, JsonNode> dashboards = DashboardFiles.load();
    assertThat(dashboards).hasSize(3);
    try (AgentProcess agent = AgentProcess.start(Map.of(), "--demo");
        PrometheusProcess prometheus =
            PrometheusProcess.start(
                PrometheusProcess.Options.scraping("127.0.0.1:" + agent.port())
                    .withRuleFiles(ruleFiles()))) {
      String instance = "127.0.0.1:" + agent.port();
      prometheus.awaitQuery(
          "count(storage_disk_read_await_seconds_count) > 0",
          r -> r.path("result").size() > 0,
          Duration.ofSeconds(60));
      // rate() over $__rate_interval and the rules' deriv()/predict_linear() need a history.
      prometheus.awaitQuery(
          "count_over_time(up{job=\"storage-agent\"}[1m]) >= 35",
          r -> r.path("result").size() > 0,
          Duration.ofSeconds(90));

      List<String> failures = new ArrayList<>();
      int checked = 0;
      for (Map.Entry<String, JsonNode> d : dashboards.entrySet()) {
        Map<String, String> values =
            resolveVariables(prometheus, d.getKey(), d.getValue(), failures);
        assertThat(values.get("instance"))
            .as(d.getKey() + ": $instance is the demo agent")
            .isIn(instance, "(" + regexEscape(instance) + ")");
        for (Query q : DashboardFiles.queries(d.getKey(), d.getValue())) {
          String expr = substitute(q.expr(), values);
          checked++;
          try {
            JsonNode range =
                prometheus.queryRange(expr, Duration.ofSeconds(60), Duration.ofSeconds(5));
            if (range.path("result").isEmpty()) {
              failures.add(q + ": no data over the last 60 s for\n    " + expr);
              continue;
            }
            if (q.instant() && prometheus.query(expr).path("result").isEmpty()) {
              failures.add(q + ": instant query has no data for\n    " + expr);
            }
            if (expr.contains("group_left (device, model)")) {
              checkOneRowPerDrive(q, prometheus.query(expr).path("result"), failures);
            }
          } catch (AssertionError prometheusRefused) {
            failures.add(q + ": " + prometheusRefused.getMessage());
          }
        }
      }
      System.out.println("DashboardsIT: checked " + checked + " panel queries");
      assertThat(failures).as("panel queries without data (of " + checked + " checked)").isEmpty();
      assertThat(checked).isGreaterThan(100);
    }
  }

  /**
   * SMART rows keyed by serial: at most one per drive, each with its current kernel device and
   * model joined in from storage_smart_device_info.
   */
  private static void checkOneRowPerDrive(Query q, JsonNode result, List<String> failures) {
    List<String> serials = new ArrayList<>();
    for (JsonNode r : result) {
      JsonNode m = r.path("metric");
      serials.add(m.path("serial").asText());
      if (m.path("device").asText().isEmpty() || m.path("model").asText().isEmpty()) {
        failures.add(q + ": a row without device or model: " + m);
      }
    }
    if (serials.stream().distinct().count() != serials.size() || serials.contains("")) {
      failures.add(q + ": rows are not one per serial: " + serials);
    }
  }

  /** The shipped rules, every group at Prometheus's 1 s evaluation interval. */
  private static List<Path> ruleFiles() throws Exception {
    List<Path> files =
        ShippedRules.atGlobalInterval(
            DashboardFiles.ROOT, Files.createTempDirectory("storage-agent-dashboard-rules-"));
    assertThat(files).as("rules/*.rules.yml").isNotEmpty();
    return files;
  }

  /** Values of the dashboard's query variables, in order (later ones may use earlier ones). */
  private static Map<String, String> resolveVariables(
      PrometheusProcess prometheus, String file, JsonNode d, List<String> failures)
      throws Exception {
    Map<String, String> values = new LinkedHashMap<>(BUILTINS);
    for (JsonNode v : DashboardFiles.variables(d)) {
      if (!v.path("type").asText().equals("query")) {
        continue; // the datasource variable never appears in an expression
      }
      String name = v.path("name").asText();
      Matcher m = LABEL_VALUES.matcher(v.path("definition").asText());
      assertThat(m.matches()).as("variable " + name + " is label_values(...)").isTrue();
      String path = "/api/v1/label/" + m.group(2) + "/values";
      if (m.group(1) != null) {
        path +=
            "?match[]=" + URLEncoder.encode(substitute(m.group(1), values), StandardCharsets.UTF_8);
      }
      List<String> options = new ArrayList<>();
      prometheus.api(path).forEach(n -> options.add(n.asText()));
      if (options.isEmpty()) {
        // Reported, and its panels still run (matching anything) to show what else is missing.
        failures.add(file + ": variable $" + name + " has no values: " + v.path("definition"));
        values.put(name, ".*");
        continue;
      }
      boolean all = v.path("current").path("value").toString().contains("$__all");
      if (all && v.hasNonNull("allValue")) {
        values.put(name, v.path("allValue").asText());
      } else if (all) {
        values.put(
            name,
            "(" + String.join("|", options.stream().map(DashboardsIT::regexEscape).toList()) + ")");
      } else {
        values.put(name, options.get(0));
      }
    }
    return values;
  }

  private static String substitute(String expr, Map<String, String> values) {
    Matcher m = VARIABLE.matcher(expr);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      String value = values.get(name);
      assertThat(value).as("value for $" + name + " in " + expr).isNotNull();
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Grafana's escaping of multi-value variables for Prometheus: regex metacharacters get a
   * backslash, written doubled inside the PromQL string.
   */
  private static String regexEscape(String value) {
    return value.replaceAll("([\\\\$^*{}\\[\\]'+?.()|])", "\\\\\\\\$1");
  }
}
