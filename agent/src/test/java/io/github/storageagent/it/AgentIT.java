package io.github.storageagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.testing.Exposition;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The real jar on the built-in demo node, scraped as Prometheus would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentIT {

  /** What the demo exports by default (disk.counters: essential, disk.histograms: whole_disks). */
  static final List<String> DISK_FAMILIES =
      List.of(
          "storage_disk_reads_completed_total",
          "storage_disk_read_bytes_total",
          "storage_disk_read_time_seconds_total",
          "storage_disk_writes_completed_total",
          "storage_disk_written_bytes_total",
          "storage_disk_write_time_seconds_total",
          "storage_disk_io_time_seconds_total",
          "storage_disk_info",
          "storage_disk_read_await_seconds_bucket",
          "storage_disk_read_await_seconds_sum",
          "storage_disk_read_await_seconds_count",
          "storage_disk_write_await_seconds_bucket",
          "storage_disk_write_await_seconds_sum",
          "storage_disk_write_await_seconds_count");

  /** The families that only disk.counters: all adds (node_exporter exports them too). */
  static final List<String> DISK_FAMILIES_WITH_COUNTERS_ALL =
      List.of(
          "storage_disk_reads_merged_total",
          "storage_disk_writes_merged_total",
          "storage_disk_io_time_weighted_seconds_total",
          "storage_disk_discards_completed_total",
          "storage_disk_discards_merged_total",
          "storage_disk_discarded_bytes_total",
          "storage_disk_discard_time_seconds_total",
          "storage_disk_flushes_completed_total",
          "storage_disk_flush_time_seconds_total",
          "storage_disk_io_in_progress");

  AgentProcess agent;
  Exposition warm;

  @BeforeAll
  void startDemo() throws Exception {
    agent = AgentProcess.start(Map.of(), "--demo");
    // Await histograms fill from the second sample on; wait for a few.
    warm =
        agent.scrapeUntil(
            e -> {
              Double n = e.value("storage_disk_read_await_seconds_count{device=\"nvme0n1\"}");
              return n != null && n >= 3;
            },
            Duration.ofSeconds(30));
  }

  @AfterAll
  void stop() throws Exception {
    agent.close();
  }

  @Test
  void demoScrapeHasEveryDefaultDiskFamilyWithValues() {
    for (String family : DISK_FAMILIES) {
      assertThat(warm.named(family)).as(family).isNotEmpty();
    }
    // disk.counters defaults to essential: the rest of /proc/diskstats is node_exporter's.
    for (String family : DISK_FAMILIES_WITH_COUNTERS_ALL) {
      assertThat(warm.named(family)).as(family).isEmpty();
    }
    assertThat(warm.all().keySet())
        .filteredOn(k -> k.startsWith("storage_disk_"))
        .allSatisfy(k -> assertThat(DISK_FAMILIES).contains(k.replaceAll("\\{.*", "")));
    assertThat(warm.value("storage_collector_success{collector=\"disk\"}")).isEqualTo(1);
    assertThat(warm.value("storage_disk_reads_completed_total{device=\"nvme0n1\"}")).isPositive();
    assertThat(warm.named("storage_agent_build_info")).hasSize(1);
    assertThat(warm.named("storage_collector_last_success_timestamp_seconds").values())
        .allSatisfy(v -> assertThat(v).isGreaterThan(1.7e9));
  }

  @Test
  void demoWithCountersAllHasEveryDiskFamilyWithValues() throws Exception {
    try (AgentProcess all =
        AgentProcess.launch().config("disk:\n  counters: all\n").start("--demo")) {
      Exposition e =
          all.scrapeUntil(
              "histograms with observations",
              x -> {
                Double n = x.value("storage_disk_read_await_seconds_count{device=\"nvme0n1\"}");
                return n != null && n >= 1;
              },
              Duration.ofSeconds(30));
      for (String family : DISK_FAMILIES) {
        assertThat(e.named(family)).as(family).isNotEmpty();
      }
      for (String family : DISK_FAMILIES_WITH_COUNTERS_ALL) {
        assertThat(e.named(family)).as(family).isNotEmpty();
      }
      // 16 counters, io_in_progress and info for each device, dm volumes included
      assertThat(e.all().keySet()).filteredOn(k -> k.contains("device=\"dm-6\"")).hasSize(18);
    }
  }

  @Test
  void demoKeepsAwaitHistogramsForWholeDisksAndCountersForEveryDevice() {
    // disk.histograms defaults to whole_disks: the demo's dm volumes (busy guest disks) have
    // counters and an identity, but no histograms.
    assertThat(devices(warm, "storage_disk_read_await_seconds_count"))
        .contains("nvme0n1", "nvme1n1", "sda")
        .allSatisfy(d -> assertThat(d).matches("nvme\\d+n\\d+|sd[a-z]+"));
    assertThat(devices(warm, "storage_disk_write_await_seconds_bucket"))
        .allSatisfy(d -> assertThat(d).matches("nvme\\d+n\\d+|sd[a-z]+"));
    assertThat(devices(warm, "storage_disk_reads_completed_total"))
        .contains("nvme0n1", "sda", "dm-1", "dm-6", "dm-11");
    assertThat(warm.value("storage_disk_reads_completed_total{device=\"dm-6\"}")).isPositive();
  }

  private static List<String> devices(Exposition e, String name) {
    return e.named(name).keySet().stream()
        .map(k -> k.replaceAll(".*device=\"([^\"]+)\".*", "$1"))
        .distinct()
        .toList();
  }

  @Test
  void demoNamesThinVolumesByGuest() {
    assertThat(warm.named("storage_disk_info").keySet())
        .anySatisfy(
            k ->
                assertThat(k).contains("dm_name=\"pve-vm--100--disk--0\"").contains("vmid=\"100\""))
        .anySatisfy(
            k -> assertThat(k).contains("lv=\"base-9000-disk-0\"").contains("vmid=\"9000\""));
    // partitions and loop devices are filtered by default
    assertThat(warm.text())
        .doesNotContain("device=\"nvme0n1p1\"")
        .doesNotContain("device=\"loop0\"");
  }

  @Test
  void promtoolFindsNothingToCheckInTheScrape() throws Exception {
    Path promtool = Tools.require("promtool", "prometheus");
    Process p =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().write(warm.text().getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).isEmpty();
    assertThat(p.exitValue()).isZero();
  }

  @Test
  void speaksOpenMetricsWhenAsked() throws Exception {
    HttpResponse<byte[]> r =
        agent.get(
            "/metrics",
            Map.of("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8"));

    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/openmetrics-text"));
    String body = new String(r.body(), StandardCharsets.UTF_8);
    assertThat(body).contains("# TYPE storage_disk_read_await_seconds histogram");
    assertThat(body).contains("# TYPE storage_agent_build info");
    assertThat(body).endsWith("# EOF\n");
  }

  @Test
  void speaksProtobufWhenAsked() throws Exception {
    HttpResponse<byte[]> r =
        agent.get(
            "/metrics",
            Map.of(
                "Accept",
                "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited"));

    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/vnd.google.protobuf"));
    Map<String, Integer> families = ProtobufFamilies.read(r.body());
    assertThat(families)
        .containsEntry("storage_disk_read_await_seconds", ProtobufFamilies.HISTOGRAM)
        .containsEntry("storage_disk_reads_completed_total", ProtobufFamilies.COUNTER)
        .containsEntry("storage_collector_success", ProtobufFamilies.GAUGE);
  }

  @Test
  void gzipsWhenAsked() throws Exception {
    HttpResponse<byte[]> r = agent.get("/metrics", Map.of("Accept-Encoding", "gzip"));

    assertThat(r.headers().firstValue("Content-Encoding")).contains("gzip");
    String body;
    try (var in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(body).contains("storage_disk_info{");
  }

  @Test
  void probesAndLandingPage() throws Exception {
    assertThat(agent.get("/-/healthy", Map.of()).statusCode()).isEqualTo(200);
    assertThat(agent.get("/-/ready", Map.of()).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> landing = agent.get("/", Map.of());
    assertThat(landing.statusCode()).isEqualTo(200);
    // The status page carries its first data in it (the script renders it) and links the rest.
    assertThat(new String(landing.body(), StandardCharsets.UTF_8))
        .contains("\"collector\":\"disk\"")
        .contains("href=\"metrics\"")
        .contains("href=\"api/v1/status\"");
    HttpResponse<byte[]> status = agent.get("/api/v1/status", Map.of());
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
  }

  @Test
  void scrapesNeverRunCollectors() throws Exception {
    // Sixty back-to-back scrapes must not change how often the disk collector ran: it runs on its
    // own 1 s schedule. The duration gauge only moves when a run happens.
    Exposition before = agent.scrape();
    int distinct = 0;
    Double last = null;
    for (int i = 0; i < 60; i++) {
      Double d = agent.scrape().value("storage_collector_duration_seconds{collector=\"disk\"}");
      if (!d.equals(last)) {
        distinct++;
        last = d;
      }
    }
    assertThat(before.value("storage_collector_success{collector=\"disk\"}")).isEqualTo(1);
    // 60 scrapes take far less than 60 collector seconds; allow generously for a slow machine.
    assertThat(distinct).isLessThan(60);
  }
}
