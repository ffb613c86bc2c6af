package io.github.storageagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A real Prometheus scrapes the demo agent: the target is up and its series are queryable. */
class PrometheusProcessIT {

  @Test
  void prometheusScrapesTheDemoAgent() throws Exception {
    try (AgentProcess agent = AgentProcess.start(Map.of(), "--demo");
        PrometheusProcess prometheus =
            PrometheusProcess.start(
                PrometheusProcess.Options.scraping("127.0.0.1:" + agent.port()))) {
      prometheus.awaitQuery(
          "up{job=\"storage-agent\"} == 1",
          r -> r.path("result").size() == 1,
          Duration.ofSeconds(30));
      JsonNode series =
          prometheus.awaitQuery(
              "storage_disk_info{vmid=\"100\"}",
              r -> r.path("result").size() >= 1,
              Duration.ofSeconds(30));
      assertThat(series.path("result").get(0).path("metric").path("vg").asText()).isEqualTo("pve");
    }
  }
}
