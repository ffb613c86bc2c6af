package io.github.storageagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sharded path on Debian's VictoriaMetrics: two vmagent members split two demo agents between
 * them (one each), both remote-write to one VictoriaMetrics, and vmalert loads every shipped rule
 * file and evaluates it there without an error, writing the recording rules back.
 */
class VictoriaMetricsStackIT {

  static final Path ROOT =
      Path.of(System.getProperty("storage.project.root", "..")).toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void twoVmagentShardsSplitTheTargetsAndVmalertEvaluatesTheShippedRules() throws Exception {
    List<Path> rules = ShippedRules.shortened(ROOT, dir.resolve("rules"), "2s");
    try (AgentProcess a = AgentProcess.start(Map.of(), "--demo");
        AgentProcess b = AgentProcess.start(Map.of(), "--demo");
        VictoriaMetricsProcess vm = VictoriaMetricsProcess.start();
        WebhookReceiver sink = new WebhookReceiver();
        AlertmanagerProcess am =
            AlertmanagerProcess.start(ROOT.resolve("rules/alertmanager.example.yml"), sink)) {
      List<String> targets = List.of("127.0.0.1:" + a.port(), "127.0.0.1:" + b.port());
      try (VmagentProcess shard0 =
              VmagentProcess.start("storage-agent", targets, 2, 0, vm.writeUrl());
          VmagentProcess shard1 =
              VmagentProcess.start("storage-agent", targets, 2, 1, vm.writeUrl());
          VmalertProcess vmalert = VmalertProcess.start(rules, vm, "http://" + am.address())) {
        // Together the members scrape both targets, each once. Which member keeps which is a
        // hash of the target's labels: with two targets both land on one member half the time
        // (FleetVmalertIT shows the split on 24).
        List<String> scraped = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (scraped.size() < 2 && System.nanoTime() < deadline) {
          Thread.sleep(500);
          scraped = new ArrayList<>(shard0.activeTargets());
          scraped.addAll(shard1.activeTargets());
        }
        assertThat(scraped).containsExactlyInAnyOrderElementsOf(targets);

        vm.awaitQuery(
            "up{job=\"storage-agent\"} == 1",
            r -> r.path("result").size() == 2,
            Duration.ofSeconds(60));
        vm.awaitQuery(
            "count(storage:lvm_thinpool_data_used_ratio:predict_linear1h_4h)",
            r -> r.path("result").size() == 1,
            Duration.ofSeconds(60));

        // Every shipped group is loaded; after some evaluations none has a rule in error.
        JsonNode groups = vmalert.groups();
        TreeSet<String> names = new TreeSet<>();
        for (JsonNode g : groups) {
          names.add(g.path("name").asText());
        }
        assertThat(names)
            .contains(
                "storage-agent",
                "storage-backup.age",
                "storage-capacity",
                "storage-health.smart",
                "storage-health.nvme-wear-forecast");
        Thread.sleep(3000);
        List<String> errors = new ArrayList<>();
        for (JsonNode g : vmalert.groups()) {
          for (JsonNode r : g.path("rules")) {
            if (!r.path("lastError").asText().isEmpty()) {
              errors.add(r.path("name").asText() + ": " + r.path("lastError").asText());
            }
          }
        }
        assertThat(errors).as(vmalert.logs()).isEmpty();
      }
    }
  }
}
