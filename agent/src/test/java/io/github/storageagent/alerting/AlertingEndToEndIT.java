package io.github.storageagent.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.storageagent.demo.pbs.PbsSimulator;
import io.github.storageagent.it.AgentProcess;
import io.github.storageagent.it.AlertmanagerProcess;
import io.github.storageagent.it.PrometheusProcess;
import io.github.storageagent.it.ShippedRules;
import io.github.storageagent.it.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole alerting path on real software: the agent jar reads a node with injected faults,
 * Debian's Prometheus scrapes it and evaluates the project's rules, Debian's Alertmanager routes
 * and inhibits with the example configuration, and a webhook receives exactly the expected alerts.
 *
 * <p>Faults: those of {@link FaultyNode}.
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
    FaultyNode node = FaultyNode.create(dir);
    List<Path> rules = ShippedRules.shortened(ROOT, dir.resolve("rules"), "2s");

    try (PbsSimulator pbs = FaultyNode.startPbs(Instant.now());
        WebhookReceiver sink = new WebhookReceiver();
        AlertmanagerProcess alertmanager =
            AlertmanagerProcess.start(ROOT.resolve("rules/alertmanager.example.yml"), sink);
        AgentProcess agent = AgentProcess.start(node.env(), node.args(pbs).toArray(String[]::new));
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
}
