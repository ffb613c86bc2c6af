package io.github.storageagent.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.github.storageagent.collect.Families;
import io.github.storageagent.collect.Family;
import io.github.storageagent.status.SeriesSet.Sample;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * From the metric families the collectors publish to the status: typed rows with verdicts in words,
 * and JSON that matches the published schema.
 */
class StatusBuilderTest {

  static final Path ROOT =
      Path.of(System.getProperty("storage.project.root", "..")).toAbsolutePath().normalize();
  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  static final Family INFO =
      Family.info(
          "storage_smart_device_info", "x", "device", "model", "protocol", "serial", "type");
  static final Family SPARE =
      Family.gauge("storage_nvme_available_spare_ratio", "x", "device", "serial");
  static final Family SPARE_THRESHOLD =
      Family.gauge("storage_nvme_available_spare_threshold_ratio", "x", "device", "serial");
  static final Family MEDIA_ERRORS =
      Family.counter("storage_nvme_media_errors_total", "x", "device", "serial");
  static final Family ACTIVE = Family.gauge("storage_smart_device_active", "x", "device", "serial");
  static final Family CAPACITY =
      Family.gauge("storage_smart_capacity_bytes", "x", "device", "serial");
  static final Family ATA_RAW =
      Family.gauge("storage_ata_attribute_raw", "x", "device", "id", "name", "serial");
  static final Family POOL_SIZE =
      Family.gauge("storage_lvm_thinpool_size_bytes", "x", "pool", "vg");
  static final Family POOL_DATA =
      Family.gauge("storage_lvm_thinpool_data_used_ratio", "x", "pool", "vg");
  static final Family POOL_HEALTH =
      Family.stateSet("storage_lvm_thinpool_health", "x", "state", "pool", "state", "vg");
  static final Family GROUP_LAST =
      Family.gauge(
          "storage_pbs_group_last_backup_timestamp_seconds",
          "x",
          "backup_id",
          "backup_type",
          "datastore",
          "namespace",
          "target");
  static final Family TASK_SUCCESS =
      Family.gauge(
          "storage_pbs_backup_last_task_success",
          "x",
          "backup_id",
          "backup_type",
          "datastore",
          "target");
  static final Family DISK_AWAIT = Family.gauge("storage_disk_io_time_seconds", "x", "device");

  static SeriesSet series(double mediaErrors) {
    return SeriesSet.of(families(mediaErrors), StatusBuilder::wanted);
  }

  static List<MetricSnapshot> families(double mediaErrors) {
    Families f = new Families();
    f.info(INFO, "nvme0", "SAMSUNG X", "NVMe", "S1", "nvme");
    f.add(ACTIVE, 1, "nvme0", "S1");
    f.add(CAPACITY, 1.92e12, "nvme0", "S1");
    f.add(SPARE, 0.09, "nvme0", "S1");
    f.add(SPARE_THRESHOLD, 0.10, "nvme0", "S1");
    f.add(MEDIA_ERRORS, mediaErrors, "nvme0", "S1");
    f.info(INFO, "sda", "WDC", "ATA", "W1", "sat");
    f.add(ACTIVE, 1, "sda", "W1");
    f.add(ATA_RAW, 16, "sda", "197", "Current_Pending_Sector", "W1");
    f.info(INFO, "sdb", "WDC", "ATA", "W2", "sat");
    f.add(ACTIVE, 0, "sdb", "W2");
    f.add(POOL_SIZE, 1e12, "data", "pve");
    f.add(POOL_DATA, 1.0, "data", "pve");
    f.states(
        POOL_HEALTH,
        io.prometheus.metrics.model.snapshots.Labels.of("pool", "data", "vg", "pve"),
        List.of("ok", "out_of_data"),
        "out_of_data");
    f.add(GROUP_LAST, NOW.getEpochSecond() - 7200, "100", "vm", "main", "", "pbs1");
    f.add(TASK_SUCCESS, 0, "100", "vm", "main", "pbs1");
    f.add(DISK_AWAIT, 1, "nvme0n1");
    return f.build();
  }

  static NodeStatus status(History history) {
    return StatusBuilder.build(
        "1.2.3",
        series(7),
        history,
        NOW,
        List.of(new NodeStatus.CollectorRow("smart", "", "ok", 300, NOW.getEpochSecond(), 0, null)),
        new NodeStatus.HistoryBounds(300, 604800, history.seriesCount()));
  }

  @Test
  void onlyTheFamiliesTheStatusReadsAreKept() {
    SeriesSet s = series(0);
    assertThat(s.all("storage_disk_io_time_seconds")).isEmpty();
    assertThat(s.all("storage_nvme_media_errors_total")).hasSize(1);
    assertThat(s.all("storage_smart_device_info")).hasSize(3);
  }

  @Test
  void verdictsWithTheirReasonsInWords() {
    History history = History.bounded();
    // media errors were 4 half an hour ago, 7 now
    // as the agent records on publish: only the families the history keeps
    StatusBuilder.record(
        SeriesSet.of(families(4), StatusBuilder::recorded),
        history,
        NOW.minus(Duration.ofMinutes(30)));
    StatusBuilder.record(
        SeriesSet.of(families(7), StatusBuilder::recorded),
        history,
        NOW.minus(Duration.ofMinutes(20)));
    NodeStatus s = status(history);

    NodeStatus.Drive nvme = s.drives().get(0);
    assertThat(nvme.device()).isEqualTo("nvme0");
    assertThat(nvme.capacityBytes()).isEqualTo(1.92e12);
    assertThat(nvme.verdict()).isEqualTo(Verdict.FAILING);
    assertThat(nvme.reasons())
        .extracting(Reason::text)
        .containsExactly(
            "spare at 9 %, threshold 10 %", "3 new media errors in the last hour (7 in all)");
    NodeStatus.Drive sda = s.drives().get(1);
    assertThat(sda.verdict()).isEqualTo(Verdict.WATCH);
    assertThat(sda.reasons()).extracting(Reason::text).containsExactly("pending sectors: 16");
    NodeStatus.Drive sdb = s.drives().get(2);
    assertThat(sdb.verdict()).isEqualTo(Verdict.HEALTHY);
    assertThat(sdb.reasons().get(0).text()).startsWith("in standby, not woken");

    NodeStatus.Pool pool = s.pools().get(0);
    assertThat(pool.verdict()).isEqualTo(Verdict.FAILING);
    assertThat(pool.reasons())
        .extracting(Reason::text)
        .contains("pool state: out of data", "data 100 % used, limit 95 %");

    NodeStatus.Guest guest = s.backups().guests().get(0);
    assertThat(guest.verdict()).isEqualTo(Verdict.FAILING);
    assertThat(guest.where()).isEqualTo("pbs1/main");
    assertThat(guest.lastResult()).isEqualTo("failed");
    assertThat(guest.lastBackupAgeSeconds()).isEqualTo(7200);
    assertThat(s.verdict()).isEqualTo(Verdict.FAILING);
  }

  @Test
  void forecastFromTheKeptHistory() {
    History history = History.bounded();
    // 1 % per hour for 10 hours, now at 80 %: full in about 20 hours
    for (int i = 10; i >= 1; i--) {
      history.record(
          StatusBuilder.poolDataKey("pve", "data"),
          NOW.minus(Duration.ofHours(i)),
          0.80 - i * 0.01);
    }
    NodeStatus.Forecast f =
        StatusBuilder.forecast(
            0.80,
            history.since(StatusBuilder.poolDataKey("pve", "data"), NOW, Duration.ofDays(7)),
            NOW);
    assertThat(f.secondsToFull())
        .isCloseTo(20 * 3600.0, org.assertj.core.data.Offset.offset(120.0));
    assertThat(f.text()).isEqualTo("full in about 20 hours at the rate of the last 10 hours");
    assertThat(StatusBuilder.forecast(0.80, List.of(), NOW).text()).startsWith("no forecast yet");
  }

  @Test
  void jsonMatchesThePublishedSchema() throws Exception {
    String json = StatusService.json(status(History.bounded()));
    JsonNode node = new ObjectMapper().readTree(json);
    assertThat(node.path("drives").get(0).path("reasons").get(0).path("alert").asText())
        .isEqualTo("StorageNvmeSpareLow");
    assertThat(node.path("drives").get(0).path("verdict").asText()).isEqualTo("failing");
    var errors =
        SchemaRegistry.withDialect(Dialects.getDraft202012())
            .getSchema(Files.readString(ROOT.resolve("docs/status-api.schema.json")))
            .validate(node);
    assertThat(errors).as(json).isEmpty();
  }

  static final Family DATASTORE_UP =
      Family.gauge("storage_pbs_datastore_up", "x", "datastore", "target");
  static final Family DATASTORE_INFO =
      Family.info(
          "storage_pbs_datastore_info",
          "x",
          "backend",
          "datastore",
          "maintenance",
          "mount",
          "target");

  @Test
  void aDatastoreThatCannotBeReadFailsUnlessItsInfoSaysItIsUnmountedOrOffline() {
    Families f = new Families();
    f.add(DATASTORE_UP, 0, "broken", "pbs1");
    f.info(DATASTORE_INFO, "filesystem", "broken", "none", "mounted", "pbs1");
    f.add(DATASTORE_UP, 0, "usb", "pbs1");
    f.info(DATASTORE_INFO, "filesystem", "usb", "none", "notmounted", "pbs1");
    f.add(DATASTORE_UP, 0, "moving", "pbs1");
    f.info(DATASTORE_INFO, "filesystem", "moving", "offline", "nonremovable", "pbs1");
    NodeStatus s =
        StatusBuilder.build(
            "1.2.3",
            SeriesSet.of(f.build(), StatusBuilder::wanted),
            History.bounded(),
            NOW,
            List.of(),
            new NodeStatus.HistoryBounds(300, 604800, 0));

    assertThat(s.backups().datastores())
        .extracting(NodeStatus.Datastore::datastore, NodeStatus.Datastore::verdict)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("broken", Verdict.FAILING),
            org.assertj.core.groups.Tuple.tuple("moving", Verdict.HEALTHY),
            org.assertj.core.groups.Tuple.tuple("usb", Verdict.HEALTHY));
  }

  @Test
  void samplesKeepTheirLabels() {
    Sample s = new Sample(Map.of("vg", "pve"), 1);
    assertThat(s.label("vg")).isEqualTo("pve");
    assertThat(s.label("pool")).isEmpty();
  }
}
