package io.github.storageagent.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.storageagent.fleet.FleetSimulator;
import io.github.storageagent.it.AlertmanagerProcess;
import io.github.storageagent.it.PrometheusProcess;
import io.github.storageagent.it.ShippedRules;
import io.github.storageagent.it.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet simulator's faults through the whole alerting path: the agent jar reads a healthy node
 * (fake smartctl and lvm, a PBS simulator), its exposition becomes the template of 24 simulated
 * nodes, Debian's Prometheus scrapes them all with the shipped rules, and Debian's Alertmanager
 * with the example configuration delivers exactly the faults' alerts, each on its node, and nothing
 * else.
 *
 * <p>Only the rules' {@code for:} durations are cut to seconds, and every group runs at the global
 * interval.
 */
class FleetAlertsIT {

  static final Path ROOT =
      Path.of(System.getProperty("storage.project.root", "..")).toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void eachInjectedFaultGivesExactlyItsAlertsOnItsNode() throws Exception {
    Path template = FleetCase.healthyNodeExposition(dir);

    try (FleetSimulator fleet = FleetCase.startFleet(template);
        WebhookReceiver sink = new WebhookReceiver();
        AlertmanagerProcess alertmanager =
            AlertmanagerProcess.start(ROOT.resolve("rules/alertmanager.example.yml"), sink);
        PrometheusProcess prometheus =
            PrometheusProcess.start(
                new PrometheusProcess.Options(
                    fleet.targets(),
                    ShippedRules.shortened(ROOT, dir.resolve("rules"), "2s"),
                    alertmanager.address(),
                    "storage-agent",
                    ""))) {

      FleetCase.Expected expected = FleetCase.expected(fleet.injected());
      Set<String> firing = expected.firing();
      Set<String> delivered = expected.delivered();

      prometheus.awaitQuery(
          "count(up == 1)",
          r -> r.path("result").path(0).path("value").path(1).asText().equals("" + FleetCase.NODES),
          Duration.ofSeconds(60));
      prometheus.awaitQuery(
          "ALERTS{alertstate=\"firing\"}",
          r -> firing(r).containsAll(firing),
          Duration.ofSeconds(120));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!FleetCase.delivered(sink).containsAll(delivered) && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }
      // A little longer, so that anything unexpected would have fired and arrived too.
      Thread.sleep(10_000);

      assertThat(firing(prometheus.query("ALERTS{alertstate=\"firing\"}")))
          .as("alerts firing in Prometheus")
          .isEqualTo(firing);
      assertThat(firing(prometheus.query("ALERTS")))
          .as("alerts firing or pending in Prometheus")
          .isEqualTo(firing);
      assertThat(FleetCase.delivered(sink))
          .as("alerts delivered to the webhook")
          .isEqualTo(delivered);
    }
  }

  /** "AlertName severity label=value ... instance=host:port" for each alert. */
  static Set<String> firing(JsonNode result) {
    Set<String> out = new TreeSet<>();
    for (JsonNode series : result.path("result")) {
      JsonNode labels = series.path("metric");
      out.add(
          AlertingEndToEndIT.describe(labels) + " instance=" + labels.path("instance").asText());
    }
    return out;
  }
}
