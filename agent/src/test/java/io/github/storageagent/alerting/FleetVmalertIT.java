package io.github.storageagent.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.storageagent.fleet.FleetSimulator;
import io.github.storageagent.it.AlertmanagerProcess;
import io.github.storageagent.it.ShippedRules;
import io.github.storageagent.it.VictoriaMetricsProcess;
import io.github.storageagent.it.VmagentProcess;
import io.github.storageagent.it.VmalertProcess;
import io.github.storageagent.it.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet simulator's faults through the path past one Prometheus: the agent jar reads a healthy
 * node, its exposition becomes the template of 24 simulated nodes, two vmagent members shard them
 * (membersCount 2) and remote-write to Debian's single-node VictoriaMetrics, vmalert evaluates the
 * shipped rules there, and Debian's Alertmanager with the example configuration delivers exactly
 * the faults' alerts, each on its node, and nothing else: the same alerts as one Prometheus.
 *
 * <p>Only the rules' {@code for:} durations are cut to seconds, and every group runs at the global
 * interval.
 */
class FleetVmalertIT {

  static final Path ROOT =
      Path.of(System.getProperty("storage.project.root", "..")).toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void eachInjectedFaultGivesExactlyItsAlertsOnItsNodeThroughVmalert() throws Exception {
    Path template = FleetCase.healthyNodeExposition(dir);

    try (FleetSimulator fleet = FleetCase.startFleet(template);
        VictoriaMetricsProcess vm = VictoriaMetricsProcess.start();
        VmagentProcess member0 =
            VmagentProcess.start("storage-agent", fleet.targets(), 2, 0, vm.writeUrl());
        VmagentProcess member1 =
            VmagentProcess.start("storage-agent", fleet.targets(), 2, 1, vm.writeUrl());
        WebhookReceiver sink = new WebhookReceiver();
        AlertmanagerProcess alertmanager =
            AlertmanagerProcess.start(ROOT.resolve("rules/alertmanager.example.yml"), sink);
        VmalertProcess vmalert =
            VmalertProcess.start(
                ShippedRules.shortened(ROOT, dir.resolve("rules"), "2s"),
                vm,
                "http://" + alertmanager.address())) {

      FleetCase.Expected expected = FleetCase.expected(fleet.injected());
      Set<String> firing = expected.firing();
      Set<String> delivered = expected.delivered();

      // The members split the fleet: each scrapes a part, together all of it, none twice.
      List<String> scraped = new java.util.ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (scraped.size() < FleetCase.NODES && System.nanoTime() < deadline) {
        Thread.sleep(500);
        scraped = new java.util.ArrayList<>(member0.activeTargets());
        scraped.addAll(member1.activeTargets());
      }
      assertThat(scraped).containsExactlyInAnyOrderElementsOf(fleet.targets());
      assertThat(member0.activeTargets()).isNotEmpty().hasSizeLessThan(FleetCase.NODES);
      vm.awaitQuery(
          "count(up{job=\"storage-agent\"} == 1)",
          r -> r.path("result").path(0).path("value").path(1).asText().equals("" + FleetCase.NODES),
          Duration.ofSeconds(60));

      deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
      while (!(alerts(vmalert, true).containsAll(firing)
              && FleetCase.delivered(sink).containsAll(delivered))
          && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }
      // A little longer, so that anything unexpected would have fired and arrived too.
      Thread.sleep(10_000);

      assertThat(alerts(vmalert, true)).as("alerts firing in vmalert").isEqualTo(firing);
      assertThat(alerts(vmalert, false))
          .as("alerts firing or pending in vmalert")
          .isEqualTo(firing);
      assertThat(FleetCase.delivered(sink))
          .as("alerts delivered to the webhook")
          .isEqualTo(delivered);
    }
  }

  /** "AlertName severity label=value ... instance=host:port" for each of vmalert's alerts. */
  static Set<String> alerts(VmalertProcess vmalert, boolean firingOnly) throws Exception {
    Set<String> out = new TreeSet<>();
    for (JsonNode a : vmalert.alerts()) {
      if (firingOnly && !"firing".equals(a.path("state").asText())) {
        continue;
      }
      JsonNode labels = a.path("labels");
      out.add(
          AlertingEndToEndIT.describe(labels) + " instance=" + labels.path("instance").asText());
    }
    return out;
  }
}
