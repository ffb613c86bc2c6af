package io.github.storageagent.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.github.storageagent.status.NodeStatus.Backups;
import io.github.storageagent.status.NodeStatus.CollectorRow;
import io.github.storageagent.status.NodeStatus.Datastore;
import io.github.storageagent.status.NodeStatus.Drive;
import io.github.storageagent.status.NodeStatus.Forecast;
import io.github.storageagent.status.NodeStatus.Guest;
import io.github.storageagent.status.NodeStatus.HistoryBounds;
import io.github.storageagent.status.NodeStatus.Job;
import io.github.storageagent.status.NodeStatus.Point;
import io.github.storageagent.status.NodeStatus.Pool;
import io.github.storageagent.status.NodeStatus.SelfTest;
import io.github.storageagent.status.NodeStatus.Target;
import io.github.storageagent.status.NodeStatus.Volume;
import io.github.storageagent.status.SeriesSet.Sample;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The status JSON written by {@link StatusJson} is, byte for byte, what databind wrote with the
 * configuration the agent had before (kept here as the reference), and it matches the published
 * schema.
 */
class StatusJsonTest {

  /** The agent's former writer: databind, snake case, verdicts by their {@code @JsonValue}. */
  static final ObjectMapper DATABIND =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .addMixIn(Verdict.class, VerdictAsWord.class);

  /** Verdict carried {@code @JsonValue} on {@link Verdict#word()}; main code no longer does. */
  abstract static class VerdictAsWord {
    @JsonValue
    abstract String word();
  }

  /** Everything a string may hold that a writer could get wrong. */
  static final String NASTY =
      "quote \" backslash \\ slash / </script><script>alert(1)</script> "
          + "tab\t cr\r lf\n nul\u0000 unit\u001f del\u007f nbsp\u00a0 ls\u2028 ps\u2029 "
          + "Grüße, Ærø, 日本語, emoji 🙂, lone surrogate \ud800 end";

  static final Instant NOW = StatusBuilderTest.NOW;

  static Schema schema;

  @BeforeAll
  static void readSchema() throws Exception {
    schema =
        SchemaRegistry.withDialect(Dialects.getDraft202012())
            .getSchema(
                Files.readString(StatusBuilderTest.ROOT.resolve("docs/status-api.schema.json")));
  }

  @Test
  void theDemoNodeWithAFailingDriveAPoolOutOfDataAndAFailedBackup() throws Exception {
    History history = History.bounded();
    StatusBuilder.record(
        SeriesSet.of(StatusBuilderTest.families(4), StatusBuilder::recorded),
        history,
        NOW.minus(Duration.ofMinutes(30)));
    StatusBuilder.record(
        SeriesSet.of(StatusBuilderTest.families(7), StatusBuilder::recorded),
        history,
        NOW.minus(Duration.ofMinutes(20)));
    NodeStatus status = StatusBuilderTest.status(history);
    assertThat(status.verdict()).isEqualTo(Verdict.FAILING);

    String json = sameAsDatabind(status);
    assertSchemaValid(json);
    assertThat(json)
        .startsWith("{\"version\":\"1.2.3\",\"generated_at\":" + NOW.getEpochSecond() + ",")
        .contains("\"verdict\":\"failing\"")
        .contains("\"health\":\"out_of_data\"");
  }

  @Test
  void aBusyNodeWithEveryKindOfRow() throws Exception {
    NodeStatus status = busyNode();
    // the built status has what this test is about: charts, a forecast, volumes, every backup row
    assertThat(status.drives()).allMatch(d -> !d.temperatureHistory().isEmpty());
    assertThat(status.drives()).anyMatch(d -> d.selfTest() != null && d.selfTest().inProgress());
    assertThat(status.pools().get(0).forecast().secondsToFull()).isNotNull();
    assertThat(status.pools().get(0).biggestVolumes()).hasSize(3);
    assertThat(status.backups().guests()).hasSize(3);
    assertThat(status.backups().datastores()).hasSize(2);
    assertThat(status.backups().jobs()).hasSize(2);
    assertThat(status.backups().targets()).hasSize(2);

    assertSchemaValid(sameAsDatabind(status));
  }

  @Test
  void aNodeWithNothingToReport() throws Exception {
    NodeStatus status =
        StatusBuilder.build(
            "",
            new SeriesSet(Map.of()),
            History.bounded(),
            NOW,
            List.of(),
            new HistoryBounds(300, 604800, 0));

    String json = sameAsDatabind(status);
    assertSchemaValid(json);
    assertThat(json)
        .isEqualTo(
            "{\"version\":\"\",\"generated_at\":"
                + NOW.getEpochSecond()
                + ",\"verdict\":\"healthy\",\"drives\":[],\"pools\":[],"
                + "\"backups\":{\"verdict\":\"healthy\",\"guests\":[],\"datastores\":[],"
                + "\"jobs\":[],\"targets\":[]},\"collectors\":[],"
                + "\"history\":{\"step_seconds\":300,\"retention_seconds\":604800,\"series\":0}}");
  }

  @Test
  void everyOptionalValuePresentAndEveryStringNeedingEscapes() throws Exception {
    NodeStatus status = handMade(false);
    String json = sameAsDatabind(status);
    assertSchemaValid(json);
    // JSON escapes quotes, backslashes and control characters, and nothing else: non-ASCII
    // stays as it is, and "</" is left for the page to break up where it embeds the JSON.
    assertThat(json)
        .contains(
            "quote \\\" backslash \\\\ slash / </script><script>alert(1)</script> "
                + "tab\\t cr\\r lf\\n nul\\u0000 unit\\u001F del\u007f nbsp\u00a0 ls\u2028 ps\u2029 "
                + "Grüße, Ærø, 日本語, emoji 🙂");
  }

  @Test
  void everyOptionalValueAbsent() throws Exception {
    NodeStatus status = handMade(true);
    String json = sameAsDatabind(status);
    assertSchemaValid(json);
    assertThat(json)
        .contains(
            "\"self_test\":null",
            "\"rate_per_second\":null,\"seconds_to_full\":null",
            "\"last_error\":null");
  }

  @Test
  void numbersAtTheirEdges() throws Exception {
    for (double d :
        new double[] {
          0.0,
          -0.0,
          1,
          300,
          0.1,
          1e-7,
          1.92e12,
          1e21,
          123456789.125,
          Double.MIN_VALUE,
          Double.MAX_VALUE,
          -Double.MAX_VALUE,
          Double.NaN,
          Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY
        }) {
      NodeStatus status =
          new NodeStatus(
              "v",
              Long.MIN_VALUE,
              Verdict.WATCH,
              List.of(drive("sda", d, List.of(new Point(Long.MAX_VALUE, d)))),
              List.of(),
              new Backups(Verdict.HEALTHY, List.of(), List.of(), List.of(), List.of()),
              List.of(new CollectorRow("c", "", "ok", d, Long.MIN_VALUE, Long.MAX_VALUE, null)),
              new HistoryBounds(Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE));
      sameAsDatabind(status);
    }
  }

  @Test
  void sectionsTheRecordsAllowToBeNull() throws Exception {
    // The builder always fills these, but the records allow nulls, and databind wrote null.
    sameAsDatabind(new NodeStatus(null, 0, null, List.of(), List.of(), null, List.of(), null));
    NodeStatus full = handMade(true);
    Pool p = full.pools().get(0);
    Pool withoutForecast =
        new Pool(
            p.vg(),
            p.pool(),
            p.health(),
            null,
            p.reasons(),
            p.sizeBytes(),
            p.dataUsedRatio(),
            p.metadataUsedRatio(),
            p.provisionedBytes(),
            p.overcommitRatio(),
            p.vgFreeBytes(),
            null,
            p.dataHistory(),
            p.metadataHistory(),
            p.biggestVolumes());
    assertThat(
            sameAsDatabind(
                new NodeStatus(
                    full.version(),
                    full.generatedAt(),
                    full.verdict(),
                    full.drives(),
                    List.of(withoutForecast),
                    full.backups(),
                    full.collectors(),
                    full.history())))
        .contains("\"verdict\":null,", "\"forecast\":null,");
    sameAsDatabind(
        new NodeStatus(
            "v",
            0,
            Verdict.HEALTHY,
            List.of(),
            List.of(),
            new Backups(
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(new Target(null, false), new Target("pbs1", true))),
            List.of(),
            new HistoryBounds(0, 0, 0)));
  }

  /** Ours, after checking it equals databind's output for the same status. */
  static String sameAsDatabind(NodeStatus status) throws Exception {
    String ours = StatusService.json(status);
    assertThat(ours).isEqualTo(DATABIND.writeValueAsString(status));
    return ours;
  }

  static void assertSchemaValid(String json) throws Exception {
    List<String> errors =
        schema.validate(new ObjectMapper().readTree(json)).stream().map(Object::toString).toList();
    assertThat(errors).as("schema errors").isEmpty();
  }

  /** A status with every record type in it; all optional values null when {@code absent}. */
  static NodeStatus handMade(boolean absent) {
    Double n = absent ? null : 0.5;
    String s = absent ? null : NASTY;
    List<Reason> reasons =
        List.of(
            Reason.failing("StorageNvmeSpareLow", NASTY),
            Reason.watch("Storage\"Quoted\"", "ÄÖÜ"),
            Reason.note("in standby, not woken"));
    Drive drive =
        new Drive(
            "nvme0",
            NASTY,
            "SAMSUNG \"MZ\" </script> ©",
            "NVMe",
            "nvme",
            absent ? null : 1.92e12,
            !absent,
            Verdict.FAILING,
            reasons,
            n,
            absent ? null : 41.0,
            absent ? null : 70.0,
            absent ? null : 3.6e7,
            absent ? null : 7.0,
            n,
            absent ? null : new SelfTest(NASTY, "short", 3600.0, true),
            absent ? List.of() : List.of(new Point(1, 40.5), new Point(2, 41)));
    Pool pool =
        new Pool(
            "pve",
            NASTY,
            s,
            Verdict.WATCH,
            reasons,
            absent ? null : 1e12,
            n,
            n,
            absent ? null : 2e12,
            absent ? null : 2.0,
            absent ? null : 0.0,
            absent
                ? new Forecast(86400, null, null, "no data fill reported")
                : new Forecast(86400, 1.2e-7, 2.5e6, NASTY),
            absent ? List.of() : List.of(new Point(10, 0.1)),
            absent ? List.of() : List.of(new Point(10, 0.01)),
            List.of(new Volume("vm-100-disk-0", "100", 3.2e10, n), new Volume(NASTY, "", 0, n)));
    Backups backups =
        new Backups(
            Verdict.FAILING,
            List.of(
                new Guest(
                    "pbs",
                    "vm",
                    "100",
                    NASTY,
                    Verdict.FAILING,
                    reasons,
                    n,
                    absent ? null : "failed",
                    absent ? null : "failed",
                    n),
                new Guest(
                    "pve",
                    "lxc",
                    "101",
                    "vzdump",
                    Verdict.HEALTHY,
                    List.of(),
                    n,
                    absent ? null : "warnings",
                    null,
                    null)),
            List.of(new Datastore("pbs1", NASTY, !absent, Verdict.WATCH, reasons, n, n, n)),
            List.of(
                new Job("pbs", "pbs1", "verify", NASTY, "main", Verdict.FAILING, reasons, n, n),
                new Job("pve", "", "vzdump", "backup-1", "", Verdict.HEALTHY, List.of(), n, n)),
            List.of(new Target(NASTY, !absent)));
    List<CollectorRow> collectors =
        List.of(
            new CollectorRow("smart", "", "pending", 300, null, 0, null),
            new CollectorRow("pbs", NASTY, "failing", 60.5, absent ? null : 1_700_000_000L, 12, s));
    return new NodeStatus(
        NASTY,
        NOW.getEpochSecond(),
        Verdict.FAILING,
        List.of(drive),
        List.of(pool),
        backups,
        collectors,
        new HistoryBounds(300, 604800, 42));
  }

  static Drive drive(String device, double value, List<Point> history) {
    return new Drive(
        device,
        "S",
        "M",
        "ATA",
        "sat",
        value,
        true,
        Verdict.HEALTHY,
        List.of(),
        value,
        value,
        value,
        value,
        value,
        value,
        new SelfTest("passed", "long", value, false),
        history);
  }

  /**
   * A node as the builder makes it from series: two drives with a day of temperatures, a growing
   * pool with volumes, PBS and vzdump backups, datastores, jobs and targets, and collectors in
   * every state.
   */
  static NodeStatus busyNode() {
    History history = History.bounded();
    for (int i = 24; i >= 1; i--) {
      Instant at = NOW.minus(Duration.ofHours(i));
      Map<String, List<Sample>> past = new LinkedHashMap<>();
      add(past, "storage_smart_temperature_celsius", 40 + i % 3, "device", "nvme0", "serial", "S1");
      add(past, "storage_smart_temperature_celsius", 35, "device", "sda", "serial", "W1");
      add(
          past,
          "storage_lvm_thinpool_data_used_ratio",
          0.5 + (24 - i) * 0.01,
          "vg",
          "pve",
          "pool",
          "data");
      add(past, "storage_lvm_thinpool_metadata_used_ratio", 0.1, "vg", "pve", "pool", "data");
      StatusBuilder.record(new SeriesSet(past), history, at);
    }

    Map<String, List<Sample>> m = new LinkedHashMap<>();
    add(
        m,
        "storage_smart_device_info",
        1,
        "device",
        "nvme0",
        "model",
        "Samsung \"990\" </script>",
        "protocol",
        "NVMe",
        "serial",
        "S1",
        "type",
        "nvme");
    add(
        m,
        "storage_smart_device_info",
        1,
        "device",
        "sda",
        "model",
        "WDC Größe ✓",
        "protocol",
        "ATA",
        "serial",
        "W1",
        "type",
        "sat");
    add(m, "storage_smart_capacity_bytes", 1.92e12, "device", "nvme0", "serial", "S1");
    add(m, "storage_smart_temperature_celsius", 44, "device", "nvme0", "serial", "S1");
    add(m, "storage_smart_temperature_celsius", 36, "device", "sda", "serial", "W1");
    add(
        m,
        "storage_smart_temperature_limit_celsius",
        80,
        "device",
        "nvme0",
        "serial",
        "S1",
        "limit",
        "operating_max");
    add(m, "storage_smart_power_on_seconds", 3.6e7, "device", "nvme0", "serial", "S1");
    add(m, "storage_nvme_percentage_used_ratio", 0.97, "device", "nvme0", "serial", "S1");
    add(m, "storage_nvme_available_spare_ratio", 1, "device", "nvme0", "serial", "S1");
    add(m, "storage_nvme_media_errors_total", 0, "device", "nvme0", "serial", "S1");
    add(m, "storage_ata_percentage_used_ratio", 0.1, "device", "sda", "serial", "W1");
    add(
        m,
        "storage_smart_selftest_last_result",
        1,
        "device",
        "sda",
        "serial",
        "W1",
        "result",
        "failed");
    add(m, "storage_smart_selftest_last_type", 1, "device", "sda", "serial", "W1", "type", "long");
    add(m, "storage_smart_selftest_last_age_seconds", 7200, "device", "sda", "serial", "W1");
    add(m, "storage_smart_selftest_in_progress", 1, "device", "sda", "serial", "W1");

    add(m, "storage_lvm_thinpool_size_bytes", 1e12, "vg", "pve", "pool", "data");
    add(m, "storage_lvm_thinpool_data_used_ratio", 0.75, "vg", "pve", "pool", "data");
    add(m, "storage_lvm_thinpool_metadata_used_ratio", 0.1, "vg", "pve", "pool", "data");
    add(m, "storage_lvm_thinpool_provisioned_bytes", 1.5e12, "vg", "pve", "pool", "data");
    add(m, "storage_lvm_vg_free_bytes", 0, "vg", "pve");
    add(m, "storage_lvm_thinpool_health", 1, "vg", "pve", "pool", "data", "state", "ok");
    add(m, "storage_lvm_thinpool_health", 0, "vg", "pve", "pool", "data", "state", "out_of_data");
    add(
        m,
        "storage_lvm_thin_volume_size_bytes",
        3.2e10,
        "vg",
        "pve",
        "pool",
        "data",
        "lv",
        "vm-100-disk-0",
        "vmid",
        "100");
    add(
        m,
        "storage_lvm_thin_volume_used_ratio",
        0.4,
        "vg",
        "pve",
        "pool",
        "data",
        "lv",
        "vm-100-disk-0");
    add(
        m,
        "storage_lvm_thin_volume_size_bytes",
        1e11,
        "vg",
        "pve",
        "pool",
        "data",
        "lv",
        "vm-101-disk-0",
        "vmid",
        "101");
    add(
        m,
        "storage_lvm_thin_volume_size_bytes",
        4e6,
        "vg",
        "pve",
        "pool",
        "data",
        "lv",
        "base-ünï",
        "vmid",
        "");

    long t = NOW.getEpochSecond();
    add(m, "storage_pbs_up", 1, "target", "pbs1");
    add(m, "storage_pbs_up", 0, "target", "pbs-\"2\"");
    add(
        m,
        "storage_pbs_group_last_backup_timestamp_seconds",
        t - 3600,
        "target",
        "pbs1",
        "datastore",
        "main",
        "namespace",
        "prod/eu",
        "backup_type",
        "vm",
        "backup_id",
        "100");
    add(
        m,
        "storage_pbs_backup_last_task_success",
        1,
        "target",
        "pbs1",
        "datastore",
        "main",
        "backup_type",
        "vm",
        "backup_id",
        "100");
    add(
        m,
        "storage_pbs_snapshot_verify",
        1,
        "target",
        "pbs1",
        "datastore",
        "main",
        "namespace",
        "prod/eu",
        "backup_type",
        "vm",
        "backup_id",
        "100",
        "state",
        "failed");
    add(
        m,
        "storage_pbs_group_snapshots",
        14,
        "target",
        "pbs1",
        "datastore",
        "main",
        "namespace",
        "prod/eu",
        "backup_type",
        "vm",
        "backup_id",
        "100");
    add(
        m,
        "storage_pbs_group_last_backup_timestamp_seconds",
        t - 9 * 86400,
        "target",
        "pbs1",
        "datastore",
        "main",
        "namespace",
        "",
        "backup_type",
        "ct",
        "backup_id",
        "101");
    add(m, "storage_pve_guest_last_backup_success", 0, "vmid", "102", "type", "qemu");
    add(
        m,
        "storage_pve_guest_last_backup_timestamp_seconds",
        t - 86400,
        "vmid",
        "102",
        "type",
        "qemu");
    add(m, "storage_pbs_datastore_up", 1, "target", "pbs1", "datastore", "main");
    add(m, "storage_pbs_datastore_size_bytes", 8e12, "target", "pbs1", "datastore", "main");
    add(m, "storage_pbs_datastore_available_bytes", 4e11, "target", "pbs1", "datastore", "main");
    add(
        m,
        "storage_pbs_datastore_estimated_full_timestamp_seconds",
        t + 86400 * 30,
        "target",
        "pbs1",
        "datastore",
        "main");
    add(m, "storage_pbs_datastore_up", 0, "target", "pbs1", "datastore", "usb");
    add(
        m,
        "storage_pbs_job_last_run_success",
        0,
        "target",
        "pbs1",
        "datastore",
        "main",
        "job_type",
        "verify",
        "job_id",
        "v-1");
    add(
        m,
        "storage_pbs_job_last_run_end_timestamp_seconds",
        t - 600,
        "target",
        "pbs1",
        "datastore",
        "main",
        "job_type",
        "verify",
        "job_id",
        "v-1");
    add(
        m,
        "storage_pbs_job_next_run_timestamp_seconds",
        t + 600,
        "target",
        "pbs1",
        "datastore",
        "main",
        "job_type",
        "verify",
        "job_id",
        "v-1");
    add(m, "storage_pve_backup_job_last_run_success", 1, "job_id", "backup-ü");

    List<CollectorRow> collectors = new ArrayList<>();
    collectors.add(new CollectorRow("smart", "", "ok", 300, t - 10, 0, null));
    collectors.add(new CollectorRow("lvm", "", "pending", 60, null, 0, null));
    collectors.add(
        new CollectorRow(
            "pbs",
            "pbs-\"2\"",
            "failing",
            60,
            t - 3600,
            3,
            "GET https://pbs2:8007/api2/json/status: 401 {\"message\":\"ticket invalid\"}\n"
                + "</script> ünïcödé"));
    return StatusBuilder.build(
        "1.2.3-ü",
        new SeriesSet(m),
        history,
        NOW,
        collectors,
        new HistoryBounds(300, 604800, history.seriesCount()));
  }

  private static void add(Map<String, List<Sample>> m, String name, double v, String... labels) {
    Map<String, String> l = new LinkedHashMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      l.put(labels[i], labels[i + 1]);
    }
    m.computeIfAbsent(name, k -> new ArrayList<>()).add(new Sample(l, v));
  }
}
