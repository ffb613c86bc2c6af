package io.github.storageagent.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.storageagent.it.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped alerting and recording rules: promtool and amtool accept them, their unit tests pass,
 * and every alert follows the project's conventions (labels, annotations, runbook, tests both
 * ways).
 */
class RulesIT {

  static final Path ROOT =
      Path.of(System.getProperty("storage.project.root", "..")).toAbsolutePath().normalize();
  static final Path RULES = ROOT.resolve("rules");
  static final ObjectMapper JSON = new ObjectMapper();

  /** Reads YAML with anchors and aliases resolved (Jackson's YAML reader leaves aliases empty). */
  static JsonNode readYaml(Path file) throws IOException {
    Object tree = new org.yaml.snakeyaml.Yaml().load(Files.readString(file));
    return JSON.valueToTree(tree);
  }

  /**
   * The default rule files ({@code rules/*.rules.yml}) and the optional ones users enable
   * themselves ({@code rules/optional/}); both are held to the same conventions and tests.
   */
  static List<Path> ruleFiles() throws IOException {
    List<Path> files = new ArrayList<>(ruleFilesIn(RULES));
    files.addAll(ruleFilesIn(RULES.resolve("optional")));
    return files;
  }

  private static List<Path> ruleFilesIn(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".rules.yml")).sorted().toList();
    }
  }

  static List<Path> testFiles() throws IOException {
    try (Stream<Path> s = Files.list(RULES.resolve("tests"))) {
      return s.filter(p -> p.getFileName().toString().endsWith(".test.yml")).sorted().toList();
    }
  }

  static String run(List<String> argv) throws Exception {
    Process p = new ProcessBuilder(argv).directory(ROOT.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", argv) + " did not finish in 300 s");
    }
    if (p.exitValue() != 0) {
      fail(String.join(" ", argv) + " exited " + p.exitValue() + ":\n" + out);
    }
    return out;
  }

  @Test
  void promtoolAcceptsTheRules() throws Exception {
    List<String> argv =
        new ArrayList<>(
            List.of(Tools.require("promtool", "prometheus").toString(), "check", "rules"));
    ruleFiles().forEach(p -> argv.add(ROOT.relativize(p).toString()));
    String out = run(argv);
    assertThat(out).doesNotContain("FAILED").contains("SUCCESS");
  }

  @Test
  void promtoolUnitTestsPass() throws Exception {
    List<String> argv =
        new ArrayList<>(
            List.of(Tools.require("promtool", "prometheus").toString(), "test", "rules"));
    testFiles().forEach(p -> argv.add(ROOT.relativize(p).toString()));
    String out = run(argv);
    assertThat(out).doesNotContain("FAILED");
  }

  @Test
  void amtoolAcceptsTheExampleAlertmanagerConfig() throws Exception {
    String out =
        run(
            List.of(
                Tools.require("amtool", "prometheus-alertmanager").toString(),
                "check-config",
                "rules/alertmanager.example.yml"));
    assertThat(out).contains("SUCCESS");
  }

  @Test
  void everyAlertHasSeverityAnnotationsAndARunbookEntryInTheReadme() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    Set<String> anchors = new HashSet<>();
    readme
        .lines()
        .filter(l -> l.startsWith("#### "))
        .forEach(l -> anchors.add(l.substring(5).strip().toLowerCase(Locale.ROOT)));
    for (JsonNode rule : rules()) {
      if (!rule.has("alert")) {
        continue;
      }
      String name = rule.get("alert").asText();
      assertThat(rule.at("/labels/severity").asText()).as(name).isIn("warning", "critical");
      assertThat(rule.at("/annotations/summary").asText()).as(name).isNotBlank();
      assertThat(rule.at("/annotations/description").asText()).as(name).isNotBlank();
      String runbook = rule.at("/annotations/runbook_url").asText();
      assertThat(runbook).as(name).endsWith("README.md#" + name.toLowerCase(Locale.ROOT));
      assertThat(anchors)
          .as("README runbook heading for " + name)
          .contains(name.toLowerCase(Locale.ROOT));
      assertThat(rule.has("for")).as(name + " has a for: that rides out one bad scrape").isTrue();
    }
  }

  @Test
  void everyAlertHasAFiringAndANonFiringTestCase() throws Exception {
    Set<String> alerts = new TreeSet<>();
    for (JsonNode rule : rules()) {
      if (rule.has("alert")) {
        alerts.add(rule.get("alert").asText());
      }
    }
    Set<String> fires = new HashSet<>();
    Set<String> silent = new HashSet<>();
    for (Path f : testFiles()) {
      for (JsonNode test : readYaml(f).path("tests")) {
        for (JsonNode c : test.path("alert_rule_test")) {
          String name = c.path("alertname").asText();
          if (c.path("exp_alerts").isEmpty()) {
            silent.add(name);
          } else {
            fires.add(name);
          }
        }
      }
    }
    assertThat(alerts).hasSizeGreaterThanOrEqualTo(30);
    assertThat(fires).as("alerts with a firing case").containsAll(alerts);
    assertThat(silent).as("alerts with a must-not-fire case").containsAll(alerts);
  }

  private static List<JsonNode> rules() throws IOException {
    List<JsonNode> all = new ArrayList<>();
    for (Path f : ruleFiles()) {
      for (JsonNode group : readYaml(f).path("groups")) {
        group.path("rules").forEach(all::add);
      }
    }
    return all;
  }
}
