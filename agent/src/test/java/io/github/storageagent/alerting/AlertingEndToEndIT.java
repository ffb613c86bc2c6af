package io.github.storageagent.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.storageagent.it.AgentProcess;
import io.github.storageagent.it.AlertmanagerProcess;
import io.github.storageagent.it.PrometheusProcess;
import io.github.storageagent.it.WebhookReceiver;
import io.github.storageagent.smart.FakeSmartctlScript;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole alerting path on real software: the agent jar reads a node with injected faults,
 * Debian's Prometheus scrapes it and evaluates the project's rules, Debian's Alertmanager routes
 * and inhibits with the example configuration, and a webhook receives exactly the expected alerts.
 *
 * <p>Only the rules' {@code for:} durations (minutes, to ride out bad scrapes) are cut to seconds;
 * expressions, labels, routes and inhibitions are the shipped ones.
 */
class AlertingEndToEndIT {

  static final Path ROOT =
      Path.of(System.getProperty("storage.project.root", "..")).toAbsolutePath().normalize();
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void injectedFaultsArriveAsExactlyTheExpectedAlertsAndInhibitedOnesDoNot() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    fakeSmartctl(bin);
    fakeLvm(bin);
    Path procfs = Files.createDirectories(dir.resolve("proc"));
    Files.writeString(procfs.resolve("diskstats"), resource("diskstats-idle.txt"));
    Path config =
        Files.writeString(
            dir.resolve("agent.yml"),
            """
            disk:
              histograms: false
            smart:
              interval: 2s
              timeout: 5s
            lvm:
              interval: 2s
              timeout: 5s
            """);
    Path rules = shortenedRules();

    try (WebhookReceiver sink = new WebhookReceiver();
        AlertmanagerProcess alertmanager =
            AlertmanagerProcess.start(ROOT.resolve("rules/alertmanager.example.yml"), sink);
        AgentProcess agent =
            AgentProcess.start(
                Map.of("PATH", bin + ":" + System.getenv("PATH")),
                "--config.file=" + config,
                "--path.procfs=" + procfs,
                "--path.sysfs=" + dir.resolve("sys"));
        PrometheusProcess prometheus =
            PrometheusProcess.start(
                PrometheusProcess.Options.scraping("127.0.0.1:" + agent.port())
                    .withRuleFiles(ruleFiles(rules))
                    .withAlertmanager(alertmanager.address()))) {

      Set<String> expected =
          Set.of(
              "StorageNvmeCriticalWarning critical device=nvme0 flag=reliability",
              "StorageSmartFailed critical device=sda",
              "StorageAtaPendingSectors warning device=sda",
              "StorageThinPoolUnhealthy critical pool=data state=out_of_data vg=pve");
      // Inhibited by StorageThinPoolUnhealthy (critical) for the same pool: Prometheus fires
      // them, Alertmanager must not deliver them.
      Set<String> inhibited =
          Set.of(
              "StorageThinPoolDataAlmostFull critical pool=data vg=pve",
              "StorageThinPoolDataAlmostFull warning pool=data vg=pve");

      prometheus.awaitQuery(
          "ALERTS{alertstate=\"firing\"}",
          r -> firing(r).containsAll(expected) && firing(r).containsAll(inhibited),
          Duration.ofSeconds(90));

      // Let Alertmanager group, inhibit and notify (group_wait 1s), then a little longer so
      // that anything unexpected would have arrived too.
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!delivered(sink).containsAll(expected) && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }
      Thread.sleep(5000);

      Set<String> delivered = delivered(sink);
      assertThat(delivered)
          .as(
              "alerts delivered to the webhook; Prometheus fires %s",
              firing(prometheus.query("ALERTS{alertstate=\"firing\"}")))
          .isEqualTo(expected);
      assertThat(firing(prometheus.query("ALERTS{alertstate=\"firing\"}"))).containsAll(inhibited);
      assertThat(sink.received())
          .allSatisfy(
              a -> {
                String severity = a.labels().path("severity").asText();
                assertThat(a.receiver()).isEqualTo(severity.equals("critical") ? "pager" : "chat");
                assertThat(a.labels().path("instance").asText())
                    .isEqualTo("127.0.0.1:" + agent.port());
                assertThat(a.status()).isEqualTo("firing");
              });
    }
  }

  /** "AlertName severity label=value ..." for the identifying labels of each firing alert. */
  static Set<String> firing(JsonNode result) {
    Set<String> out = new TreeSet<>();
    for (JsonNode series : result.path("result")) {
      out.add(describe(series.path("metric")));
    }
    return out;
  }

  static Set<String> delivered(WebhookReceiver sink) {
    Set<String> out = new TreeSet<>();
    for (WebhookReceiver.Received r : sink.received()) {
      out.add(describe(r.labels()));
    }
    return out;
  }

  private static final List<String> IDENTIFYING =
      List.of(
          "device",
          "flag",
          "pool",
          "state",
          "vg",
          "target",
          "datastore",
          "backup_type",
          "backup_id",
          "job_type",
          "job_id");

  static String describe(JsonNode labels) {
    StringBuilder sb =
        new StringBuilder(labels.path("alertname").asText())
            .append(' ')
            .append(labels.path("severity").asText());
    new TreeSet<>(IDENTIFYING)
        .forEach(
            l -> {
              if (labels.has(l)) {
                sb.append(' ').append(l).append('=').append(labels.path(l).asText());
              }
            });
    return sb.toString();
  }

  private void fakeSmartctl(Path bin) throws Exception {
    FakeSmartctlScript smartctl = new FakeSmartctlScript(bin);
    ObjectNode nvme = (ObjectNode) JSON.readTree(smartResource("nvme-samsung-pm9a3-healthy.json"));
    // Bit 2: NVM subsystem reliability degraded. smartctl sets exit bit 3 only for a failed
    // overall status, which the drive still reports as passed.
    ((ObjectNode) nvme.path("nvme_smart_health_information_log")).put("critical_warning", 4);
    ((ObjectNode) nvme.path("device")).put("name", "/dev/nvme0");
    smartctl.deviceJson("nvme0", "nvme", JSON.writeValueAsString(nvme), 0);
    smartctl.deviceJson("sda", "sat", smartResource("sata-hdd-wdc-failing-exit56.json"), 56);
  }

  private void fakeLvm(Path bin) throws IOException {
    Files.writeString(dir.resolve("lvs.json"), resource("lvs-out-of-data.json"));
    Files.writeString(dir.resolve("vgs.json"), resource("vgs.json"));
    executable(bin.resolve("lvs"), "#!/bin/sh\ncat " + dir.resolve("lvs.json") + "\n");
    executable(bin.resolve("vgs"), "#!/bin/sh\ncat " + dir.resolve("vgs.json") + "\n");
  }

  private static void executable(Path file, String content) throws IOException {
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** The shipped rule files with every {@code for:} cut to 2 s. */
  private Path shortenedRules() throws IOException {
    Path out = Files.createDirectories(dir.resolve("rules"));
    try (Stream<Path> files = Files.list(ROOT.resolve("rules"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".rules.yml")).toList()) {
        String text = Files.readString(f).replaceAll("(?m)^(\\s+for:\\s*)\\S+\\s*$", "$12s");
        Files.writeString(out.resolve(f.getFileName()), text);
      }
    }
    return out;
  }

  private static List<Path> ruleFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return new ArrayList<>(s.sorted().toList());
    }
  }

  private static String resource(String name) throws IOException {
    return read("/alerting/" + name);
  }

  private static String smartResource(String name) throws IOException {
    return read("/smart/" + name);
  }

  private static String read(String path) throws IOException {
    try (InputStream in = AlertingEndToEndIT.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("missing test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
