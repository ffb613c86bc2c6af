package io.github.storageagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.demo.pbs.PbsScenario;
import io.github.storageagent.demo.pbs.PbsSimulator;
import io.github.storageagent.testing.Exposition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A PBS with 20,000 snapshots over 200 groups: the agent (the jar, -Xmx128m as AgentProcess starts
 * it) reads every group's snapshot list within its 60 s interval without running out of heap.
 */
class PbsScaleIT {

  @Test
  void twentyThousandSnapshotsWithinTheIntervalIn128MiBOfHeap() throws Exception {
    String secret = java.util.UUID.randomUUID().toString();
    try (PbsSimulator sim =
        PbsSimulator.start(
            PbsScenario.generated(2, 200, 100, Instant.now()), "monitor@pbs!scale", secret)) {
      Path dir = Files.createTempDirectory("pbs-scale-it-");
      Path token = dir.resolve("token");
      Files.writeString(token, secret);
      Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
      Path config = dir.resolve("config.yml");
      Files.writeString(
          config,
          """
          backup:
            pbs:
              - name: big
                url: %s
                token_id: "monitor@pbs!scale"
                token_secret_file: %s
                fingerprint: "%s"
                interval: 60s
            pve:
              enabled: false
          """
              .formatted(sim.url(), token, sim.fingerprint()));
      long started = System.nanoTime();
      try (AgentProcess agent = AgentProcess.start(Map.of(), "--config.file=" + config)) {
        Exposition e =
            agent.scrapeUntil(
                x -> x.named("storage_pbs_snapshot_verify").size() == 600, Duration.ofSeconds(60));
        double took = (System.nanoTime() - started) / 1e9;
        assertThat(sim.requests("/admin/datastore/{store}/snapshots")).isEqualTo(200);
        assertThat(e.value("storage_pbs_up{target=\"big\"}")).isEqualTo(1);
        assertThat(e.value("storage_collector_success{collector=\"pbs\",target=\"big\"}"))
            .isEqualTo(1);
        assertThat(e.named("storage_pbs_group_snapshots").values()).allMatch(v -> v == 100);
        double duration =
            e.value("storage_collector_duration_seconds{collector=\"pbs\",target=\"big\"}");
        assertThat(duration).isLessThan(60);
        assertThat(agent.logs()).doesNotContain("OutOfMemoryError");
        assertThat(agent.isAlive()).isTrue();
        String rss =
            Files.readAllLines(Path.of("/proc/" + agent.pid() + "/status")).stream()
                .filter(l -> l.startsWith("VmRSS") || l.startsWith("VmHWM"))
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String heap = "";
        if (Files.isExecutable(jcmd)) {
          Process p =
              new ProcessBuilder(jcmd.toString(), Long.toString(agent.pid()), "GC.heap_info")
                  .redirectErrorStream(true)
                  .start();
          heap =
              new String(
                  p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
          p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        System.out.println("PbsScaleIT heap: " + heap.replaceAll("\\s+", " "));
        System.out.printf(
            "PbsScaleIT: 20,000 snapshots / 200 groups collected in %.2f s (first good scrape after %.1f s), -Xmx128m, %s%n",
            duration, took, rss.replaceAll("\\s+", " "));
      }
    }
  }
}
