package io.github.storageagent.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.storageagent.demo.pbs.PbsScenario;
import io.github.storageagent.demo.pbs.PbsSimulator;
import io.github.storageagent.it.AgentProcess;
import io.github.storageagent.it.AlertmanagerProcess;
import io.github.storageagent.it.PrometheusProcess;
import io.github.storageagent.it.ShippedRules;
import io.github.storageagent.it.WebhookReceiver;
import io.github.storageagent.smart.FakeSmartctlScript;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole alerting path on real software: the agent jar reads a node with injected faults,
 * Debian's Prometheus scrapes it and evaluates the project's rules, Debian's Alertmanager routes
 * and inhibits with the example configuration, and a webhook receives exactly the expected alerts.
 *
 * <p>Faults: an NVMe raising the reliability warning, a failing SATA disk (which also has pending
 * sectors), a thin pool out of data space, a PBS group whose last backup task failed and a PBS
 * datastore whose garbage collection failed.
 *
 * <p>Only the rules' {@code for:} durations (minutes, to ride out bad scrapes) are cut to seconds;
 * expressions, labels, routes and inhibitions are the shipped ones.
 */
class AlertingEndToEndIT {

  static final Path ROOT =
      Path.of(System.getProperty("storage.project.root", "..")).toAbsolutePath().normalize();
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TOKEN_ID = "monitor@pbs!e2e";
  static final String TOKEN_SECRET = "0b6e2f1c-5d7a-4e39-9c1a-7f3e2d8b4a60";

  @TempDir Path dir;

  @Test
  void injectedFaultsArriveAsExactlyTheExpectedAlertsAndInhibitedOnesDoNot() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    fakeSmartctl(bin);
    fakeLvm(bin);
    Path procfs = Files.createDirectories(dir.resolve("proc"));
    Files.writeString(procfs.resolve("diskstats"), resource("diskstats-idle.txt"));
    List<Path> rules = ShippedRules.shortened(ROOT, dir.resolve("rules"), "2s");

    try (PbsSimulator pbs = PbsSimulator.start(pbsScenario(Instant.now()), TOKEN_ID, TOKEN_SECRET);
        WebhookReceiver sink = new WebhookReceiver();
        AlertmanagerProcess alertmanager =
            AlertmanagerProcess.start(ROOT.resolve("rules/alertmanager.example.yml"), sink);
        AgentProcess agent =
            AgentProcess.start(
                Map.of("PATH", bin + ":" + System.getenv("PATH")),
                "--config.file=" + agentConfig(pbs),
                "--path.procfs=" + procfs,
                "--path.sysfs=" + dir.resolve("sys"));
        PrometheusProcess prometheus =
            PrometheusProcess.start(
                PrometheusProcess.Options.scraping("127.0.0.1:" + agent.port())
                    .withRuleFiles(rules)
                    .withAlertmanager(alertmanager.address()))) {

      Set<String> expected =
          Set.of(
              // SMART alerts name the drive by serial, not by its kernel name (device)
              "StorageNvmeCriticalWarning critical flag=reliability serial=S64GNE0R601234",
              "StorageSmartFailed critical serial=WD-WMC5D0D4XK1R",
              "StorageAtaPendingSectors warning serial=WD-WMC5D0D4XK1R",
              "StorageThinPoolUnhealthy critical pool=data state=out_of_data vg=pve",
              "StorageBackupTaskFailed warning backup_id=100 backup_type=vm datastore=main target=pbs1",
              "StoragePbsJobFailed warning datastore=main job_id=main job_type=gc target=pbs1");
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

  private Path agentConfig(PbsSimulator pbs) throws IOException {
    Path token = dir.resolve("pbs1.token");
    Files.writeString(token, TOKEN_SECRET + "\n");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    return Files.writeString(
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
        backup:
          pve:
            enabled: false
          pbs:
            - name: pbs1
              url: %s
              token_id: "%s"
              token_secret_file: %s
              fingerprint: "%s"
              interval: 5s
              snapshot_interval: 5s
        """
            .formatted(pbs.url(), TOKEN_ID, token, pbs.fingerprint()));
  }

  /**
   * One datastore, healthy but for two faults: the newest backup task of vm/100 failed (its last
   * good backup is two hours old, so it is not missing), and the store's garbage collection failed.
   */
  static PbsScenario pbsScenario(Instant now) {
    long t = now.getEpochSecond();
    long day = Duration.ofDays(1).toSeconds();
    long gib = 1024L * 1024 * 1024;
    List<PbsScenario.Group> groups =
        List.of(
            new PbsScenario.Group("", "vm", "100", "web01", 14, t - 7200, day, "ok", "ok", true),
            new PbsScenario.Group("", "vm", "101", "db01", 14, t - 7200, day, "ok", "ok", false),
            new PbsScenario.Group("", "ct", "100", "dns", 14, t - 7200, day, "ok", "ok", false));
    PbsScenario.Gc failedGc =
        new PbsScenario.Gc(
            900 * gib,
            300 * gib,
            2 * gib,
            "TASK ERROR: unable to access chunk store",
            t - 3600,
            t + day,
            "daily");
    PbsScenario.Store main =
        new PbsScenario.Store(
            "main", 4000 * gib, 1600 * gib, 0L, null, true, failedGc, List.of(), groups);
    return new PbsScenario(List.of(main), List.of());
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
          "serial",
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
