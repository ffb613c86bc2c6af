package io.github.storageagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.demo.pbs.PbsScenario;
import io.github.storageagent.demo.pbs.PbsSimulator;
import io.github.storageagent.demo.pbs.PbsSimulator.Fault;
import io.github.storageagent.testing.Exposition;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real jar with six PBS targets, each a simulator: one healthy, and one each answering 401,
 * 500, garbage, too slowly, or with another certificate. Every faulty target turns only its own
 * storage_pbs_up to 0 with a clear log line; the healthy one and the disk collector are untouched;
 * no token secret appears in any log line, scrape, landing page or doctor output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PbsFaultsIT {

  static final String TOKEN = "monitor@pbs!storage-agent";

  final Map<String, PbsSimulator> sims = new LinkedHashMap<>();
  final Map<String, String> secrets = new LinkedHashMap<>();
  Path dir;
  Path config;
  AgentProcess agent;
  Exposition scrape;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("pbs-faults-it-");
    Map<String, Fault> faults = new LinkedHashMap<>();
    faults.put("good", Fault.NONE);
    faults.put("unauthorized", Fault.NONE); // wrong secret in its token file: a real 401
    faults.put("error500", Fault.SERVER_ERROR);
    faults.put("garbage", Fault.GARBAGE);
    faults.put("slow", Fault.SLOW);
    faults.put("wrongcert", Fault.WRONG_CERTIFICATE);
    StringBuilder yaml = new StringBuilder("backup:\n  pbs:\n");
    for (var f : faults.entrySet()) {
      String name = f.getKey();
      String secret = "s3cr3t-" + name + "-" + java.util.UUID.randomUUID();
      secrets.put(name, secret);
      PbsSimulator sim = PbsSimulator.start(PbsScenario.demo(Instant.now()), TOKEN, secret);
      sim.fault(f.getValue());
      sim.slowDelay(Duration.ofSeconds(20));
      sims.put(name, sim);
      Path token = dir.resolve(name + ".token");
      Files.writeString(token, (name.equals("unauthorized") ? "not-" + secret : secret) + "\n");
      Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
      yaml.append("    - name: ")
          .append(name)
          .append('\n')
          .append("      url: ")
          .append(sim.url())
          .append('\n')
          .append("      token_id: \"")
          .append(TOKEN)
          .append("\"\n")
          .append("      token_secret_file: ")
          .append(token)
          .append('\n')
          .append("      fingerprint: \"")
          .append(sim.fingerprint())
          .append("\"\n")
          .append("      interval: 5s\n")
          // opt-in, so that the healthy target shows every family
          .append(
              name.equals("good")
                  ? "      group_info: true\n      group_snapshot_size: true\n"
                  : "")
          // Short timeouts make the faulty targets fail fast; the healthy one gets room for a
          // busy machine so that it only goes down for a real fault.
          .append(name.equals("good") ? "      timeout: 10s\n" : "      timeout: 2s\n")
          .append(
              name.equals("good") ? "      connect_timeout: 10s\n" : "      connect_timeout: 2s\n");
    }
    yaml.append("  pve:\n    enabled: false\n");
    config = dir.resolve("config.yml");
    Files.writeString(config, yaml.toString());
    agent = AgentProcess.start(Map.of(), "--config.file=" + config);
    scrape =
        agent.scrapeUntil(
            e ->
                e.named("storage_pbs_up").size() == 6
                    // A cold JVM on a busy machine can miss the first run's time budget; the
                    // next run completes from the cache. The claims below are about steady state.
                    && Double.valueOf(1).equals(e.value("storage_pbs_up{target=\"good\"}"))
                    && e.value("storage_collector_success{collector=\"disk\"}") != null,
            Duration.ofSeconds(45));
  }

  /** Every series carrying this target label. */
  /** The target's PBS series (not the agent's own storage_collector_* about its collector). */
  static List<String> seriesOf(Exposition e, String target) {
    return e.all().keySet().stream()
        .filter(k -> k.contains("target=\"" + target + "\""))
        .filter(k -> !k.startsWith("storage_collector_"))
        .toList();
  }

  @AfterAll
  void stop() throws Exception {
    if (agent != null) {
      agent.close();
    }
    sims.values().forEach(PbsSimulator::close);
  }

  private String agentLog() {
    try {
      return agent.logs();
    } catch (Exception e) {
      return "(no log: " + e + ")";
    }
  }

  @Test
  void onlyTheHealthyTargetIsUpAndItHasAllItsFamilies() {
    assertThat(scrape.value("storage_pbs_up{target=\"good\"}")).isEqualTo(1);
    for (String bad : List.of("unauthorized", "error500", "garbage", "slow", "wrongcert")) {
      assertThat(scrape.value("storage_pbs_up{target=\"" + bad + "\"}")).as(bad).isEqualTo(0);
      assertThat(seriesOf(scrape, bad))
          .as(bad)
          .containsExactly("storage_pbs_up{target=\"" + bad + "\"}");
    }
    for (String family :
        List.of(
            "storage_pbs_datastore_size_bytes",
            "storage_pbs_datastore_used_bytes",
            "storage_pbs_datastore_available_bytes",
            "storage_pbs_datastore_estimated_full_timestamp_seconds",
            "storage_pbs_group_last_backup_timestamp_seconds",
            "storage_pbs_group_snapshots",
            "storage_pbs_group_info",
            "storage_pbs_snapshot_verify",
            "storage_pbs_backup_last_task_success",
            "storage_pbs_job_last_run_success",
            "storage_pbs_job_last_run_end_timestamp_seconds",
            "storage_pbs_job_next_run_timestamp_seconds",
            "storage_pbs_gc_pending_bytes",
            "storage_pbs_datastore_dedup_ratio",
            "storage_pbs_datastore_info",
            "storage_pbs_group_newest_snapshot_size_bytes",
            "storage_pbs_datastore_s3_requests_total",
            "storage_pbs_datastore_s3_uploaded_bytes_total",
            "storage_pbs_datastore_s3_downloaded_bytes_total")) {
      assertThat(scrape.named(family)).as(family).isNotEmpty();
    }
    // the demo's archive store keeps its chunks in S3 (PBS 4)
    assertThat(
            scrape.value(
                "storage_pbs_datastore_info{backend=\"s3\",datastore=\"archive\",maintenance=\"none\",mount=\"nonremovable\",target=\"good\"}"))
        .isEqualTo(1);
    assertThat(scrape.named("storage_pbs_group_snapshots")).hasSize(30);
    assertThat(scrape.value("storage_pbs_datastore_size_bytes{datastore=\"main\",target=\"good\"}"))
        .isEqualTo(8000.0 * 1024 * 1024 * 1024);
    // each target has its own collector; every one ran, and a failing target is a problem of its
    // own collector only, not a failed run
    assertThat(scrape.value("storage_collector_success{collector=\"pbs\",target=\"good\"}"))
        .isEqualTo(1);
    // Seen once under a load average of 13: the healthy target with one error; the log says why.
    assertThat(scrape.value("storage_collector_errors_total{collector=\"pbs\",target=\"good\"}"))
        .as("errors of the healthy target; agent log:\n%s", agentLog())
        .isZero();
    for (String bad : List.of("unauthorized", "error500", "garbage", "slow", "wrongcert")) {
      String labels = "{collector=\"pbs\",target=\"" + bad + "\"}";
      assertThat(scrape.value("storage_collector_success" + labels)).as(bad).isEqualTo(1);
      assertThat(scrape.value("storage_collector_errors_total" + labels)).as(bad).isPositive();
    }
  }

  @Test
  void diskMetricsAreUntouched() {
    assertThat(scrape.value("storage_collector_success{collector=\"disk\"}")).isEqualTo(1);
    assertThat(scrape.named("storage_disk_reads_completed_total")).isNotEmpty();
  }

  @Test
  void eachFaultHasAClearLogLine() throws Exception {
    agent.scrapeUntil(
        e -> {
          try {
            return agent.logs().contains("pbs target slow down");
          } catch (java.io.IOException ex) {
            return false;
          }
        },
        Duration.ofSeconds(20));
    String logs = agent.logs();
    assertThat(logs)
        .contains("pbs target unauthorized down: GET /api2/json/admin/datastore: HTTP 401")
        .contains("pbs target error500 down: GET /api2/json/admin/datastore: HTTP 500")
        .contains("pbs target garbage down: GET /api2/json/admin/datastore: not JSON")
        .contains(
            "pbs target wrongcert down: GET /api2/json/admin/datastore: TLS handshake failed: certificate fingerprint mismatch");
    assertThat(logs)
        .containsPattern(
            "pbs target slow down: (GET /api2/json/admin/datastore: no answer within 2s|no complete answer within)");
    assertThat(logs).doesNotContain("pbs target good down: GET");
  }

  @Test
  void noSecretInLogsScrapesLandingPageOrDoctor() throws Exception {
    List<String> texts = new ArrayList<>();
    texts.add(agent.logs());
    texts.add(agent.scrape().text());
    for (String accept :
        List.of("application/openmetrics-text; version=1.0.0", "text/plain;version=0.0.4")) {
      HttpResponse<byte[]> r = agent.get("/metrics", Map.of("Accept", accept));
      texts.add(new String(r.body(), StandardCharsets.UTF_8));
    }
    texts.add(new String(agent.get("/", Map.of()).body(), StandardCharsets.UTF_8));
    texts.add(new String(agent.get("/api/v1/status", Map.of()).body(), StandardCharsets.UTF_8));
    texts.add(new String(agent.get("/nonexistent", Map.of()).body(), StandardCharsets.UTF_8));
    AgentProcess.Finished doctor = AgentProcess.run(Map.of(), "doctor", "--config.file=" + config);
    texts.add(doctor.stdout());
    texts.add(doctor.stderr());
    assertThat(doctor.stdout()).contains("pbs good: ok").contains("pbs unauthorized: FAIL");
    for (String text : texts) {
      for (var secret : secrets.entrySet()) {
        assertThat(text).as(secret.getKey()).doesNotContain(secret.getValue());
        // nor a recognisable part of it
        assertThat(text)
            .doesNotContain(secret.getValue().substring(secret.getValue().length() - 12));
      }
    }
  }

  @Test
  void theHealthyTargetStillRecoversTheFaultyOneWhenItHeals() throws Exception {
    sims.get("error500").fault(Fault.NONE);
    Exposition healed =
        agent.scrapeUntil(
            e -> Double.valueOf(1).equals(e.value("storage_pbs_up{target=\"error500\"}")),
            Duration.ofSeconds(30));
    assertThat(healed.value("storage_pbs_up{target=\"good\"}")).isEqualTo(1);
    assertThat(seriesOf(healed, "error500")).hasSizeGreaterThan(100);
    sims.get("error500").fault(Fault.SERVER_ERROR);
  }
}
