package io.github.storageagent.dashboards;

import static io.github.storageagent.dashboards.Grafana.YEAR_SECONDS;
import static io.github.storageagent.dashboards.Grafana.steps;
import static io.github.storageagent.dashboards.Grafana.valueMap;
import static io.github.storageagent.dashboards.Grafana.yearOrMore;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.storageagent.dashboards.Grafana.Dashboard;
import io.github.storageagent.dashboards.Grafana.Panel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dashboards shipped in {@code dashboards/}: the source of truth for their JSON. Edit here,
 * then regenerate the files with {@link GenerateDashboards}; {@code DashboardsStaticTest} fails
 * while they differ.
 *
 * <p>Every expression must return data on a healthy node too (the integration test runs each one
 * against the demo agent): counts of problems end in {@code or vector(0)}, tables list every object
 * with its state rather than only the broken ones, sorted problems first.
 */
final class StorageDashboards {

  private StorageDashboards() {}

  /** File name (without .json) to dashboard. */
  static Map<String, ObjectNode> all() {
    Map<String, ObjectNode> all = new LinkedHashMap<>();
    all.put("storage-fleet", fleet().toJson());
    all.put("storage-node", node().toJson());
    all.put("storage-backups", backups().toJson());
    return all;
  }

  private static final String INSTANCES = "label_values(storage_agent_build_info, instance)";

  private static final String STORAGE_ALERTS = "alertname=~\"Storage.*\"";

  private static ArrayNode okFailed() {
    return valueMap(1, "ok", "green", 0, "FAILED", "red");
  }

  private static ArrayNode percentFill(double warn, double crit) {
    return steps("green", warn, "orange", crit, "red");
  }

  /** ok / warnings / failed state set as one value: 2 ok, 1 warnings, 0 failed. */
  private static String outcomeState(String family, String in) {
    return "sum without (state) ("
        + family
        + "{"
        + in
        + ", state=\"ok\"}) * 2\n+\nsum without (state) ("
        + family
        + "{"
        + in
        + ", state=\"warnings\"})";
  }

  private static ArrayNode outcomes() {
    return valueMap(2, "ok", "green", 1, "warnings", "yellow", 0, "FAILED", "red");
  }

  private static ArrayNode anyIsBad(String colour) {
    return steps("green", 1, colour);
  }

  /**
   * Time to full for data and metadata, and overcommit: the thin-pool columns both tables share.
   */
  private static Panel poolForecastColumns(Panel table, String i) {
    return table
        .column(
            "Data full in",
            timeToFull(
                "storage_lvm_thinpool_data_used_ratio" + i,
                "storage:lvm_thinpool_data_used_ratio:deriv6h" + i),
            "s",
            steps("red", 4 * 3600, "orange", 24 * 3600, "green"),
            yearOrMore(),
            "color-text")
        .column(
            "Metadata full in",
            timeToFull(
                "storage_lvm_thinpool_metadata_used_ratio" + i,
                "storage:lvm_thinpool_metadata_used_ratio:deriv6h" + i),
            "s",
            steps("red", 4 * 3600, "orange", 24 * 3600, "green"),
            yearOrMore(),
            "color-text")
        .column(
            "Provisioned / size",
            "storage_lvm_thinpool_provisioned_bytes"
                + i
                + " / (storage_lvm_thinpool_size_bytes"
                + i
                + " > 0)",
            "percentunit",
            steps("green", 2, "orange"),
            null,
            "color-text");
  }

  /** Seconds until {@code ratio} reaches 1 at the rate of {@code deriv}, capped at a year. */
  private static String timeToFull(String ratio, String deriv) {
    return "clamp_max((1 - "
        + ratio
        + ") / ("
        + deriv
        + " > 0), "
        + YEAR_SECONDS
        + ")\nor\n("
        + ratio
        + " * 0 + "
        + YEAR_SECONDS
        + ")";
  }

  /**
   * One row per drive: a per-device SMART series keyed by serial (the drive's identity, which
   * survives kernel renames), with the drive's current kernel device and model joined from
   * storage_smart_device_info.
   */
  private static String withIdentity(String series, String sel) {
    return withDevice("max without (device) (" + series + ")", sel);
  }

  /**
   * Joins an expression keyed by serial with the drive's current kernel device and model; topk
   * takes one info series per drive even in the moment a rename leaves two.
   */
  private static String withDevice(String bySerial, String sel) {
    return bySerial
        + " * on (instance, job, serial) group_left (device, model)"
        + " topk by (instance, job, serial) (1, storage_smart_device_info"
        + sel
        + ")";
  }

  // ---------------------------------------------------------------- fleet

  static Dashboard fleet() {
    String i = "{instance=~\"$instance\"}";
    String in = "instance=~\"$instance\"";
    String zeroPerNode = "0 * group by (instance) (up" + i + ")";
    Dashboard d =
        new Dashboard(
            "storage-fleet",
            "Storage / Fleet",
            "All storage-agent nodes at a glance: problems first, thin pools, disk wear, backups,"
                + " firing storage alerts.");
    d.variable(
        "instance",
        "Node",
        INSTANCES,
        true,
        null,
        "storage-agent targets (their Prometheus instance label).");

    d.row("Problems");
    d.add(
        Panel.stat("Agents down")
            .size(3, 4)
            .description("storage-agent targets Prometheus cannot scrape.")
            .instant("count(up" + i + " == 0) or vector(0)", "")
            .unit("none")
            .thresholds(anyIsBad("red"))
            .runbooks("StorageAgentDown"));
    d.add(
        Panel.stat("Critical storage alerts")
            .size(3, 4)
            .description("Firing storage alerts with severity critical.")
            .instant(
                "count(ALERTS{"
                    + STORAGE_ALERTS
                    + ", alertstate=\"firing\", severity=\"critical\", "
                    + in
                    + "}) or vector(0)",
                "")
            .unit("none")
            .thresholds(anyIsBad("red"))
            .link("Alert list", Grafana.README + "#alert-list"));
    d.add(
        Panel.stat("Storage warnings")
            .size(3, 4)
            .description("Firing storage alerts with severity warning.")
            .instant(
                "count(ALERTS{"
                    + STORAGE_ALERTS
                    + ", alertstate=\"firing\", severity=\"warning\", "
                    + in
                    + "}) or vector(0)",
                "")
            .unit("none")
            .thresholds(anyIsBad("orange"))
            .link("Alert list", Grafana.README + "#alert-list"));
    d.add(
        Panel.stat("SMART failed disks")
            .size(3, 4)
            .description("Disks whose SMART overall health self-assessment is FAILED.")
            .instant(
                "count(min without (device) (storage_smart_healthy" + i + ") == 0) or vector(0)",
                "")
            .unit("none")
            .thresholds(anyIsBad("red"))
            .runbooks("StorageSmartFailed"));
    d.add(
        Panel.stat("Failing collectors")
            .description("Collectors whose latest run failed (their metrics are withheld).")
            .instant("count(storage_collector_success" + i + " == 0) or vector(0)", "")
            .unit("none")
            .thresholds(anyIsBad("orange"))
            .runbooks("StorageCollectorFailing"));
    d.add(
        Panel.stat("Guests with vzdump problems")
            .description(
                "Guests whose last vzdump attempt failed or whose newest backup is older than its"
                    + " limit (storage:pve_guest_backup_age_to_limit:ratio above 1), over all"
                    + " nodes.")
            .instant(
                "count(\n  storage_pve_guest_last_backup_success"
                    + i
                    + " == 0\n  or\n  storage:pve_guest_backup_age_to_limit:ratio"
                    + i
                    + " > 1\n) or vector(0)",
                "")
            .unit("none")
            .thresholds(anyIsBad("orange"))
            .runbooks("StorageBackupMissing", "StorageGuestBackupFailed"));
    d.add(
        Panel.stat("PBS groups failing verify")
            .description(
                "PBS backup groups whose newest snapshot failed verification, over all nodes"
                    + " (one per node whose agent queries that PBS).")
            .instant(
                "count(storage_pbs_snapshot_verify{"
                    + in
                    + ", state=\"failed\"} == 1) or vector(0)",
                "")
            .unit("none")
            .thresholds(anyIsBad("red"))
            .runbooks("StorageBackupVerifyFailed"));
    d.add(
        Panel.table("Nodes, problems first")
            .description(
                "One row per node, sorted by the number of firing storage alerts. Worst values"
                    + " per node: thin pool data fill, SSD wear, disk temperature, p99 read await"
                    + " of physical disks over 5 m.")
            .size(24, 8)
            .column(
                "Firing alerts",
                "count by (instance) (ALERTS{"
                    + STORAGE_ALERTS
                    + ", alertstate=\"firing\", "
                    + in
                    + "})\nor\n"
                    + zeroPerNode,
                "none",
                anyIsBad("orange"),
                null,
                "color-background")
            .column(
                "Critical",
                "count by (instance) (ALERTS{"
                    + STORAGE_ALERTS
                    + ", alertstate=\"firing\", severity=\"critical\", "
                    + in
                    + "})\nor\n"
                    + zeroPerNode,
                "none",
                anyIsBad("red"),
                null,
                "color-background")
            .column(
                "Scrape",
                "min by (instance) (up" + i + ")",
                "none",
                steps("red", 1, "green"),
                valueMap(1, "up", "green", 0, "DOWN", "red"),
                "color-text")
            .column(
                "Failing collectors",
                "count by (instance) (storage_collector_success" + i + " == 0)\nor\n" + zeroPerNode,
                "none",
                anyIsBad("orange"),
                null,
                "color-text")
            .column(
                "Fullest thin pool",
                "max by (instance) (storage_lvm_thinpool_data_used_ratio" + i + ")",
                "percentunit",
                percentFill(0.9, 0.95),
                null,
                "gauge")
            .column(
                "Most worn SSD",
                "max by (instance) (storage_nvme_percentage_used_ratio"
                    + i
                    + " or storage_ata_percentage_used_ratio"
                    + i
                    + ")",
                "percentunit",
                percentFill(0.8, 0.95),
                null,
                "color-text")
            .column(
                "Hottest disk",
                "max by (instance) (storage_smart_temperature_celsius" + i + ")",
                "celsius",
                steps("green", 55, "orange", 65, "red"),
                null,
                "color-text")
            .column(
                "Slowest p99 read",
                "max by (instance) (storage:disk_read_await_seconds:p99_5m{"
                    + in
                    + ", device!~\"dm-.*|md.*|zd.*\"})",
                "s",
                steps("green", 0.05, "orange", 0.25, "red"),
                null,
                "color-text")
            .sortBy("Firing alerts", true)
            .runbooks("StorageAgentDown", "StorageCollectorFailing"));

    d.row("Storage alerts");
    d.add(
        Panel.table("Storage alerts, firing and pending")
            .description(
                "The ALERTS series of the storage-agent rules (alertname Storage*). Pending alerts"
                    + " have not lasted their 'for' yet. The README's alert list links each"
                    + " alert's runbook.")
            .size(24, 8)
            .column("Active", "ALERTS{" + STORAGE_ALERTS + ", " + in + "}", "none")
            .hide("Value", "__name__")
            .style(
                "alertstate",
                valueMap("firing", "firing", "red", "pending", "pending", "orange"),
                "color-background")
            .style(
                "severity",
                valueMap("critical", "critical", "red", "warning", "warning", "orange"),
                "color-text")
            .sortBy("alertstate", false)
            .link("Alert list and runbooks", Grafana.README + "#alert-list"));

    d.row("Thin pools");
    d.add(
        Panel.table("Thin pools by fill")
            .description(
                "Every LVM-thin pool, fullest first. Forecasts use the 6 h trend (the same"
                    + " recording rules as the filling-up alerts); 'full in' is capped at a"
                    + " year, which also means 'not growing'.")
            .size(24, 9)
            .column(
                "Data used",
                "storage_lvm_thinpool_data_used_ratio" + i,
                "percentunit",
                percentFill(0.9, 0.95),
                null,
                "gauge")
            .column(
                "Metadata used",
                "storage_lvm_thinpool_metadata_used_ratio" + i,
                "percentunit",
                percentFill(0.8, 0.9),
                null,
                "gauge")
            .column(
                "Data in 24 h",
                "clamp(storage:lvm_thinpool_data_used_ratio:predict_linear6h_24h" + i + ", 0, 1)",
                "percentunit",
                percentFill(0.9, 1),
                null,
                "color-text")
            .with(p -> poolForecastColumns(p, i))
            .column(
                "Health",
                "sum without (state) (storage_lvm_thinpool_health{" + in + ", state=\"ok\"})",
                "none",
                steps("red", 1, "green"),
                valueMap(1, "ok", "green", 0, "NOT OK", "red"),
                "color-background")
            .sortBy("Data used", true)
            .runbooks(
                "StorageThinPoolDataFillingUp",
                "StorageThinPoolMetadataFillingUp",
                "StorageThinPoolDataAlmostFull",
                "StorageThinPoolMetadataAlmostFull",
                "StorageThinPoolUnhealthy",
                "StorageThinPoolOvercommitted"));
    d.add(
        Panel.timeseries("Thin pool data used")
            .description(
                "The "
                    + CHART_SERIES
                    + " thin pools with the fullest data area at the end of the time range.")
            .query(
                fullestAtEnd("storage_lvm_thinpool_data_used_ratio" + i, "instance, job, vg, pool"),
                "{{instance}} {{vg}}/{{pool}}")
            .unit("percentunit")
            .range(0, 1)
            .thresholds(percentFill(0.9, 0.95))
            .thresholdLines()
            .runbooks("StorageThinPoolDataFillingUp", "StorageThinPoolDataAlmostFull"));
    d.add(
        Panel.timeseries("Thin pool metadata used")
            .description(
                "The "
                    + CHART_SERIES
                    + " thin pools with the fullest metadata area at the end of the time range.")
            .query(
                fullestAtEnd(
                    "storage_lvm_thinpool_metadata_used_ratio" + i, "instance, job, vg, pool"),
                "{{instance}} {{vg}}/{{pool}}")
            .unit("percentunit")
            .range(0, 1)
            .thresholds(percentFill(0.8, 0.9))
            .thresholdLines()
            .runbooks("StorageThinPoolMetadataFillingUp", "StorageThinPoolMetadataAlmostFull"));

    d.row("Disks");
    d.add(
        Panel.barGauge("SSD wear (Percentage Used)")
            .description(
                "The drive's estimate of its rated write endurance used (NVMe health log, SATA"
                    + " SSD device statistics); can pass 100 %. The "
                    + TABLE_ROWS
                    + " most worn, most worn first.")
            .size(8, 9)
            .instant(
                "sort_desc(topk("
                    + TABLE_ROWS
                    + ", storage_nvme_percentage_used_ratio"
                    + i
                    + " or storage_ata_percentage_used_ratio"
                    + i
                    + "))",
                "{{instance}} {{serial}} ({{device}})")
            .unit("percentunit")
            .range(0, 1)
            .thresholds(percentFill(0.8, 0.95))
            .runbooks("StorageNvmeWearHigh", "StorageNvmeWearOutForecast"));
    d.add(
        Panel.barGauge("NVMe spare above the drive's threshold")
            .description(
                "Available spare minus the drive's own spare threshold, in points: at 0 the"
                    + " drive raises its spare critical warning (alert critical), below 10 points"
                    + " the alert warns. The "
                    + TABLE_ROWS
                    + " lowest, lowest first.")
            .size(8, 9)
            .instant(
                "sort(bottomk("
                    + TABLE_ROWS
                    + ", storage_nvme_available_spare_ratio"
                    + i
                    + " - storage_nvme_available_spare_threshold_ratio"
                    + i
                    + "))",
                "{{instance}} {{serial}} ({{device}})")
            .unit("percentunit")
            .range(0, 1)
            .thresholds(steps("red", 0.0001, "orange", 0.1, "green"))
            .runbooks("StorageNvmeSpareLow"));
    d.add(
        Panel.table("SMART health by drive")
            .description(
                "Every disk SMART reads, one row per drive (serial) with its current kernel"
                    + " device, failed first. Disks in standby are not woken: they show 'standby'"
                    + " and keep no health verdict.")
            .size(8, 9)
            .column(
                "Health",
                withIdentity("storage_smart_healthy" + i, i),
                "none",
                steps("red", 1, "green"),
                valueMap(1, "PASSED", "green", 0, "FAILED", "red"),
                "color-background")
            .column(
                "Power",
                withIdentity("storage_smart_device_active" + i, i),
                "none",
                steps("blue", 1, "green"),
                valueMap(1, "active", "green", 0, "standby", "blue"),
                "color-text")
            .column(
                "smartctl exit",
                withIdentity("storage_smartctl_exit_status" + i, i),
                "none",
                steps("green", 1, "orange"),
                null,
                "color-text")
            .sortBy("Health", false)
            .runbooks("StorageSmartFailed", "StorageSmartReadFailing"));
    d.add(
        Panel.barGauge("NVMe media errors, last 24 h")
            .description(
                "Increase of unrecovered media and data-integrity errors per drive (serial),"
                    + " counted across kernel renames; the "
                    + TABLE_ROWS
                    + " highest.")
            .size(12, 8)
            .instant(
                "sort_desc(topk("
                    + TABLE_ROWS
                    + ", "
                    + withDevice(
                        "increase(storage:nvme_media_errors_total:by_serial" + i + "[24h])", i)
                    + "))",
                "{{instance}} {{serial}} ({{device}})")
            .unit("none")
            .min(0)
            .thresholds(steps("green", 1, "orange"))
            .runbooks("StorageNvmeMediaErrors"));
    d.add(
        Panel.timeseries("p99 await of physical disks (5 m)")
            .description(
                "p99 of the per-second mean read and write latency over 5 minutes, from the"
                    + " agent's 1 Hz histograms (dm, md and zd devices left out).")
            .size(12, 8)
            .query(
                "storage:disk_read_await_seconds:p99_5m{" + in + ", device!~\"dm-.*|md.*|zd.*\"}",
                "{{instance}} {{device}} read")
            .query(
                "storage:disk_write_await_seconds:p99_5m{" + in + ", device!~\"dm-.*|md.*|zd.*\"}",
                "{{instance}} {{device}} write")
            .unit("s")
            .min(0)
            .thresholds(steps("green", 0.05, "orange", 0.25, "red"))
            .thresholdLines()
            .runbooks("StorageDiskLatencyHigh"));

    d.row("Backups");
    String guestAgeRatio = "storage:pve_guest_backup_age_to_limit:ratio" + i;
    d.add(
        Panel.table("Guests by backup age (vzdump, the " + TABLE_ROWS + " oldest)")
            .description(
                "The guests in the nodes' vzdump task logs whose newest good backup is oldest"
                    + " against its limit, at most "
                    + TABLE_ROWS
                    + " (a fleet has tens of thousands); and whether the last attempt backed it"
                    + " up (ok includes warnings, which the job's last run shows). Failed"
                    + " attempts of any age are counted in \"Guests with vzdump problems\".")
            .size(12, 9)
            .column(
                "Age / limit",
                top(guestAgeRatio),
                "percentunit",
                steps("green", 0.75, "orange", 1, "red"),
                null,
                "color-background")
            .column(
                "Newest backup age",
                among(
                    "time() - storage_pve_guest_last_backup_timestamp_seconds" + i, guestAgeRatio),
                "s")
            .column(
                "Last attempt",
                among("storage_pve_guest_last_backup_success" + i, guestAgeRatio),
                "none",
                steps("red", 1, "green"),
                okFailed(),
                "color-text")
            .sortBy("Age / limit", true)
            .runbooks("StorageBackupMissing", "StorageGuestBackupFailed"));
    d.add(
        Panel.table("PBS datastores by fill")
            .description(
                "Each PBS datastore the nodes' agents query (one row per querying node). Full"
                    + " in: from the 6 h trend of available space, and PBS's own estimate;"
                    + " capped at a year.")
            .size(12, 9)
            .column(
                "Used",
                "storage:pbs_datastore_used_ratio" + i,
                "percentunit",
                percentFill(0.85, 0.95),
                null,
                "gauge")
            .column(
                "Full in (6 h trend)",
                "clamp_max(\n  storage_pbs_datastore_available_bytes"
                    + i
                    + "\n    / (-storage:pbs_datastore_available_bytes:deriv6h"
                    + i
                    + " > 0),\n  "
                    + YEAR_SECONDS
                    + "\n)\nor\n(storage_pbs_datastore_available_bytes"
                    + i
                    + " * 0 + "
                    + YEAR_SECONDS
                    + ")",
                "s",
                steps("red", 24 * 3600, "orange", 7 * 24 * 3600, "green"),
                yearOrMore(),
                "color-text")
            .column(
                "Full in (PBS estimate)",
                "clamp_max(storage_pbs_datastore_estimated_full_timestamp_seconds"
                    + i
                    + " - time(), "
                    + YEAR_SECONDS
                    + ")\nor\n(storage_pbs_datastore_size_bytes"
                    + i
                    + " * 0 + "
                    + YEAR_SECONDS
                    + ")",
                "s",
                steps("red", 24 * 3600, "orange", 7 * 24 * 3600, "green"),
                yearOrMore(),
                "color-text")
            .sortBy("Used", true)
            .runbooks("StoragePbsDatastoreFillingUp", "StoragePbsDatastoreAlmostFull"));
    String groups = "storage_pbs_group_last_backup_timestamp_seconds" + i;
    String groupAgeRatio = "storage:pbs_group_backup_age_to_limit:ratio" + i;
    d.add(
        Panel.table("PBS backup groups by age (the " + TABLE_ROWS + " oldest)")
            .description(
                "The PBS backup groups whose newest backup is oldest against its limit, at most "
                    + TABLE_ROWS
                    + " (one row per node whose agent queries that PBS). Verify failures are"
                    + " counted above; the backups dashboard has every group of a node with its"
                    + " verify state, tasks and jobs.")
            .size(24, 9)
            .column(
                "Age / limit",
                top(groupAgeRatio),
                "percentunit",
                steps("green", 0.75, "orange", 1, "red"),
                null,
                "color-background")
            .column("Newest backup age", among("time() - " + groups, groupAgeRatio), "s")
            .sortBy("Age / limit", true)
            .runbooks("StorageBackupMissing", "StorageBackupVerifyFailed"));
    return d;
  }

  /**
   * Rows of a fleet table that lists one row per guest or backup group: tens of thousands at a
   * thousand nodes, more than a table can show and a query should return.
   */
  static final int TABLE_ROWS = 50;

  /** Lines of a fleet time series chart: more are unreadable, and costly to fetch. */
  static final int CHART_SERIES = 20;

  /**
   * The {@link #CHART_SERIES} series of {@code selector} with the highest values at the end of the
   * dashboard's time range, over the whole range ({@code @ end()}: Prometheus 2.33 or later).
   */
  static String fullestAtEnd(String selector, String identity) {
    return selector
        + "\nand on ("
        + identity
        + ")\ntopk("
        + CHART_SERIES
        + ", "
        + selector
        + " @ end())";
  }

  /** The {@link #TABLE_ROWS} series of {@code rank} with the highest values. */
  static String top(String rank) {
    return "topk(" + TABLE_ROWS + ",\n  " + rank + "\n)";
  }

  /** {@code expr} for the same series as {@link #top(String)} of {@code rank}. */
  static String among(String expr, String rank) {
    return expr + "\nand\n" + top(rank);
  }

  // ---------------------------------------------------------------- node

  static Dashboard node() {
    String i = "{instance=\"$instance\"}";
    String in = "instance=\"$instance\"";
    String dev = "{instance=\"$instance\", device=~\"$device\"}";
    Dashboard d =
        new Dashboard(
            "storage-node",
            "Storage / Node",
            "One storage node: its devices and their SMART data, IO latency from the 1 Hz"
                + " histograms, IO load, thin pools and guest volumes, collector health.");
    d.variable("instance", "Node", INSTANCES, false, null, "The storage-agent target.");
    d.variable(
        "device",
        "Block device",
        "label_values(storage_disk_info{instance=\"$instance\"}, device)",
        true,
        null,
        "Kernel block devices for the IO panels (dm-* are LVM volumes; by default the latency"
            + " histograms cover whole physical disks only).");

    d.row("Overview");
    d.add(
        Panel.stat("Agent version")
            .instant("storage_agent_build_info" + i, "{{version}} (Java {{java_version}})")
            .showName()
            .unit("none")
            .thresholds(steps("blue")));
    d.add(
        Panel.stat("Storage alerts firing")
            .instant(
                "count(ALERTS{"
                    + STORAGE_ALERTS
                    + ", alertstate=\"firing\", "
                    + in
                    + "}) or vector(0)",
                "")
            .unit("none")
            .thresholds(anyIsBad("red"))
            .link("Alert list", Grafana.README + "#alert-list"));
    d.add(
        Panel.stat("SMART devices")
            .instant("count(storage_smart_device_info" + i + ") or vector(0)", "")
            .unit("none")
            .thresholds(steps("blue")));
    d.add(
        Panel.stat("Disks in standby")
            .description("Not woken for SMART reads; their last identity is kept.")
            .instant("count(storage_smart_device_active" + i + " == 0) or vector(0)", "")
            .unit("none")
            .thresholds(steps("green", 1, "blue")));
    d.add(
        Panel.stat("Thin pools")
            .instant("count(storage_lvm_thinpool_size_bytes" + i + ") or vector(0)", "")
            .unit("none")
            .thresholds(steps("blue")));
    d.add(
        Panel.stat("Failing collectors")
            .instant("count(storage_collector_success" + i + " == 0) or vector(0)", "")
            .unit("none")
            .thresholds(anyIsBad("orange"))
            .runbooks("StorageCollectorFailing"));

    d.row("Devices");
    d.add(
        Panel.table("Devices")
            .description(
                "SMART identity and health of every drive, one row per serial with its current"
                    + " kernel device. Wear (Percentage Used) and spare are NVMe only; power-on"
                    + " time from the SMART power-on counter.")
            .size(24, 8)
            .column(
                "Power",
                withIdentity("storage_smart_device_active" + i, i),
                "none",
                steps("blue", 1, "green"),
                valueMap(1, "active", "green", 0, "standby", "blue"),
                "color-text")
            .column(
                "Health",
                withIdentity("storage_smart_healthy" + i, i),
                "none",
                steps("red", 1, "green"),
                valueMap(1, "PASSED", "green", 0, "FAILED", "red"),
                "color-background")
            .column(
                "Wear",
                withIdentity(
                    "storage_nvme_percentage_used_ratio"
                        + i
                        + " or storage_ata_percentage_used_ratio"
                        + i,
                    i),
                "percentunit",
                percentFill(0.8, 0.95),
                null,
                "gauge")
            .column(
                "Spare",
                withIdentity("storage_nvme_available_spare_ratio" + i, i),
                "percentunit",
                steps("red", 0.1, "orange", 0.2, "green"),
                null,
                "color-text")
            .column(
                "Spare threshold",
                withIdentity("storage_nvme_available_spare_threshold_ratio" + i, i),
                "percentunit")
            .column(
                "Temperature",
                withIdentity("storage_smart_temperature_celsius" + i, i),
                "celsius",
                steps("green", 55, "orange", 65, "red"),
                null,
                "color-text")
            .column(
                "Media errors",
                withIdentity("storage_nvme_media_errors_total" + i, i),
                "none",
                steps("green", 1, "orange"),
                null,
                "color-text")
            .column("Power-on", withIdentity("storage_smart_power_on_seconds" + i, i), "s")
            .column(
                "Last self-test",
                withIdentity("storage_smart_selftest_last_age_seconds" + i, i),
                "s")
            .column(
                "Self-test failed",
                withIdentity(
                    "storage_smart_selftest_last_result{" + in + ", result=\"failed\"}", i),
                "none",
                steps("green", 1, "red"),
                valueMap(1, "FAILED", "red", 0, "no", "green"),
                "color-text")
            .sortBy("device", false)
            .runbooks(
                "StorageSmartFailed",
                "StorageNvmeWearHigh",
                "StorageNvmeSpareLow",
                "StorageNvmeMediaErrors",
                "StorageDiskTemperatureHigh",
                "StorageSmartSelfTestFailed"));
    d.add(
        Panel.table("ATA and SCSI defect counters")
            .description(
                "The Backblaze attributes (5 reallocated, 187 reported uncorrectable, 188"
                    + " command timeout, 197 pending, 198 offline uncorrectable) and SCSI grown"
                    + " defects. Anything above 0 deserves a look; rising counts alert.")
            .size(12, 8)
            .column(
                "Raw value",
                "storage_ata_attribute_raw{"
                    + in
                    + ", id=~\"5|187|188|197|198\"}\nor\n"
                    + "label_replace(storage_scsi_grown_defects"
                    + i
                    + ", \"name\", \"Grown_defect_list\", \"\", \"\")",
                "none",
                steps("green", 1, "orange"),
                null,
                "color-background")
            .hide("__name__")
            .sortBy("Raw value", true)
            .runbooks(
                "StorageAtaSectorsReallocating",
                "StorageAtaPendingSectors",
                "StorageAtaUncorrectableErrors",
                "StorageAtaCommandTimeouts",
                "StorageScsiGrownDefects"));
    d.add(
        Panel.timeseries("Temperature")
            .size(12, 8)
            .query(
                "max without (device) (storage_smart_temperature_celsius" + i + ")", "{{serial}}")
            .unit("celsius")
            .thresholds(steps("green", 55, "orange", 70, "red"))
            .thresholdLines()
            .description(
                "Per drive (serial; the Devices table names its kernel device). The alert holds a"
                    + " drive to its own limits where it reports them"
                    + " (storage_smart_temperature_limit_celsius), else SATA/SAS 55 / 65 °C, NVMe"
                    + " 70 / 80 °C (lines: 55 and 70).")
            .runbooks("StorageDiskTemperatureHigh"));
    d.add(
        Panel.timeseries("SSD wear")
            .size(12, 7)
            .query(
                "max without (device) (storage_nvme_percentage_used_ratio"
                    + i
                    + " or storage_ata_percentage_used_ratio"
                    + i
                    + ")",
                "{{serial}}")
            .unit("percentunit")
            .min(0)
            .thresholds(percentFill(0.8, 0.95))
            .thresholdLines()
            .runbooks("StorageNvmeWearHigh", "StorageNvmeWearOutForecast"));
    d.add(
        Panel.timeseries("NVMe media errors")
            .size(12, 7)
            .query("max without (device) (storage_nvme_media_errors_total" + i + ")", "{{serial}}")
            .unit("none")
            .min(0)
            .thresholds(steps("green", 1, "orange"))
            .runbooks("StorageNvmeMediaErrors"));

    d.row("IO latency ($device)");
    String heatmapHelp =
        " await, from the agent's histogram of per-second mean latency (one observation per"
            + " second with IO). Colour: observations per second in each bucket, summed over the"
            + " selected devices; pick one device to see its own distribution. The agent keeps"
            + " these histograms for whole physical disks by default (disk.histograms), so dm"
            + " volumes show only in the mean await panel below.";
    d.add(
        Panel.heatmap("Read await distribution")
            .description("Read" + heatmapHelp)
            .buckets(
                "sum by (le) (rate(storage_disk_read_await_seconds_bucket"
                    + dev
                    + "[$__rate_interval]))")
            .unit("short")
            .yUnit("s")
            .runbooks("StorageDiskLatencyHigh"));
    d.add(
        Panel.heatmap("Write await distribution")
            .description("Write" + heatmapHelp)
            .buckets(
                "sum by (le) (rate(storage_disk_write_await_seconds_bucket"
                    + dev
                    + "[$__rate_interval]))")
            .unit("short")
            .yUnit("s")
            .runbooks("StorageDiskLatencyHigh"));
    for (String dir : new String[] {"read", "write"}) {
      String bucket =
          "sum by (device, le) (rate(storage_disk_" + dir + "_await_seconds_bucket" + dev;
      d.add(
          Panel.timeseries(
                  Character.toUpperCase(dir.charAt(0)) + dir.substring(1) + " await p50 / p99")
              .description(
                  "Quantiles of the per-second mean "
                      + dir
                      + " latency, whole physical disks by default (disk.histograms). Alert"
                      + " limits for p99 over 5 m: 50 ms NVMe, 250 ms others; values above the"
                      + " top bucket (1 s) read as 1 s.")
              .query(
                  "histogram_quantile(0.99, " + bucket + "[$__rate_interval])))", "{{device}} p99")
              .query(
                  "histogram_quantile(0.5, " + bucket + "[$__rate_interval])))", "{{device}} p50")
              .unit("s")
              .min(0)
              .thresholds(steps("green", 0.05, "orange", 0.25, "red"))
              .thresholdLines()
              .runbooks("StorageDiskLatencyHigh"));
    }
    d.add(
        Panel.timeseries("Mean await per I/O, every device")
            .description(
                "Time per completed read and write over the interval, from the plain counters"
                    + " (iostat r_await / w_await): every device, dm volumes included, whatever"
                    + " disk.histograms says. A mean over the interval, so short stalls average"
                    + " away; the histograms above show them.")
            .size(24, 8)
            .query(
                "rate(storage_disk_read_time_seconds_total"
                    + dev
                    + "[$__rate_interval])\n  / (rate(storage_disk_reads_completed_total"
                    + dev
                    + "[$__rate_interval]) > 0)",
                "{{device}} read")
            .query(
                "rate(storage_disk_write_time_seconds_total"
                    + dev
                    + "[$__rate_interval])\n  / (rate(storage_disk_writes_completed_total"
                    + dev
                    + "[$__rate_interval]) > 0)",
                "{{device}} write")
            .unit("s")
            .min(0)
            .thresholds(steps("green", 0.05, "orange", 0.25, "red"))
            .runbooks("StorageDiskLatencyHigh"));

    d.row("IO load ($device)");
    d.add(
        Panel.timeseries("IOPS")
            .size(8, 8)
            .query(
                "rate(storage_disk_reads_completed_total" + dev + "[$__rate_interval])",
                "{{device}} read")
            .query(
                "rate(storage_disk_writes_completed_total" + dev + "[$__rate_interval])",
                "{{device}} write")
            .unit("iops")
            .min(0)
            .thresholds(steps("green")));
    d.add(
        Panel.timeseries("Throughput")
            .size(8, 8)
            .query(
                "rate(storage_disk_read_bytes_total" + dev + "[$__rate_interval])",
                "{{device}} read")
            .query(
                "rate(storage_disk_written_bytes_total" + dev + "[$__rate_interval])",
                "{{device}} write")
            .unit("Bps")
            .min(0)
            .thresholds(steps("green")));
    d.add(
        Panel.timeseries("Busy time")
            .description("Share of time with IO in flight (iostat %util).")
            .size(8, 8)
            .query(
                "rate(storage_disk_io_time_seconds_total" + dev + "[$__rate_interval])",
                "{{device}}")
            .unit("percentunit")
            .range(0, 1)
            .thresholds(steps("green", 0.8, "orange", 0.95, "red"))
            .thresholdLines());

    d.row("Thin pools");
    d.add(
        Panel.table("Thin pools")
            .description(
                "LVM-thin pools of this node. Forecasts from the 6 h trend; 'full in' capped at"
                    + " a year (also: not growing).")
            .size(24, 6)
            .column("Size", "storage_lvm_thinpool_size_bytes" + i, "bytes")
            .column(
                "Data used",
                "storage_lvm_thinpool_data_used_ratio" + i,
                "percentunit",
                percentFill(0.9, 0.95),
                null,
                "gauge")
            .column(
                "Metadata used",
                "storage_lvm_thinpool_metadata_used_ratio" + i,
                "percentunit",
                percentFill(0.8, 0.9),
                null,
                "gauge")
            .with(p -> poolForecastColumns(p, i))
            .column("Thin volumes", "storage_lvm_thinpool_volumes" + i, "none")
            .column(
                "Health",
                "sum without (state) (storage_lvm_thinpool_health{" + in + ", state=\"ok\"})",
                "none",
                steps("red", 1, "green"),
                valueMap(1, "ok", "green", 0, "NOT OK", "red"),
                "color-background")
            .hide("instance")
            .sortBy("Data used", true)
            .runbooks(
                "StorageThinPoolDataFillingUp",
                "StorageThinPoolMetadataFillingUp",
                "StorageThinPoolDataAlmostFull",
                "StorageThinPoolMetadataAlmostFull",
                "StorageThinPoolUnhealthy",
                "StorageThinPoolOvercommitted"));
    d.add(
        Panel.timeseries("Thin pool fill and 24 h forecast")
            .description("Data and metadata fill, and where the 6 h trend puts them in 24 h.")
            .size(12, 9)
            .query("storage_lvm_thinpool_data_used_ratio" + i, "{{vg}}/{{pool}} data")
            .query("storage_lvm_thinpool_metadata_used_ratio" + i, "{{vg}}/{{pool}} metadata")
            .query(
                "clamp(storage:lvm_thinpool_data_used_ratio:predict_linear6h_24h" + i + ", 0, 1)",
                "{{vg}}/{{pool}} data in 24 h")
            .unit("percentunit")
            .range(0, 1)
            .thresholds(percentFill(0.9, 0.95))
            .thresholdLines()
            .runbooks("StorageThinPoolDataFillingUp", "StorageThinPoolMetadataFillingUp"));
    String guestVolumes = "storage_lvm_thin_volume_size_bytes{" + in + ", vmid!=\"\"}";
    d.add(
        Panel.table("Thin volumes by guest")
            .description(
                "Thin volumes per Proxmox guest (vmid from the volume name: disks, snapshots,"
                    + " state volumes). Used = virtual size × used ratio of active volumes.")
            .size(12, 9)
            .column(
                "Used",
                "sum by (instance, vg, pool, vmid) (\n  "
                    + guestVolumes
                    + "\n    * storage_lvm_thin_volume_used_ratio"
                    + i
                    + "\n)",
                "bytes")
            .column(
                "Virtual size", "sum by (instance, vg, pool, vmid) (" + guestVolumes + ")", "bytes")
            .column("Volumes", "count by (instance, vg, pool, vmid) (" + guestVolumes + ")", "none")
            .hide("instance")
            .sortBy("Used", true));

    d.row("Collectors");
    d.add(
        Panel.table("Collector health")
            .description(
                "Each collector's latest run. Failing collectors withhold their metrics, so their"
                    + " alerts cannot fire.")
            .size(24, 6)
            .column(
                "Latest run",
                "storage_collector_success" + i,
                "none",
                steps("red", 1, "green"),
                okFailed(),
                "color-background")
            .column(
                "Since last success",
                "time() - storage_collector_last_success_timestamp_seconds" + i,
                "s",
                steps("green", 900, "orange", 3 * 3600, "red"),
                null,
                "color-text")
            .column("Run took", "storage_collector_duration_seconds" + i, "s")
            .column(
                "Errors, last hour",
                "increase(storage_collector_errors_total" + i + "[1h])",
                "none",
                steps("green", 1, "orange"),
                null,
                "color-text")
            .hide("instance")
            .sortBy("Latest run", false)
            .runbooks("StorageCollectorFailing", "StorageAgentDown"));
    return d;
  }

  // ---------------------------------------------------------------- backups

  /** PBS datastores that are down without a chosen reason: StoragePbsDatastoreUnavailable. */
  private static String unavailableDatastores(String ds) {
    return "storage_pbs_datastore_up"
        + ds
        + " == 0\n  unless on(instance, job, target, datastore)"
        + " storage_pbs_datastore_info{mount=\"notmounted\"}\n"
        + "  unless on(instance, job, target, datastore) storage_pbs_datastore_info"
        + "{maintenance=~\"offline|delete|unmount|s3-refresh\"}";
  }

  /**
   * One value per datastore, the first that applies: 1 removable and not mounted, 3 in maintenance
   * that refuses reads, 0 in error, 2 in read-only maintenance, 4 ok.
   */
  private static String datastoreState(String in) {
    String sel = in + ", datastore=~\"$datastore\"";
    String info = "max without (backend, mount, maintenance) (storage_pbs_datastore_info{" + sel;
    return info
        + ", mount=\"notmounted\"})\nor\n"
        + info
        + ", maintenance!~\"none|read-only\"}) * 3\nor\n(storage_pbs_datastore_up{"
        + sel
        + "} == 0) * 4\nor\n"
        + info
        + ", maintenance=\"read-only\"}) * 2\nor\nstorage_pbs_datastore_up{"
        + sel
        + "} * 4";
  }

  static Dashboard backups() {
    String i = "{instance=\"$instance\"}";
    String in = "instance=\"$instance\"";
    String ds = "{instance=\"$instance\", datastore=~\"$datastore\"}";
    String dsNs = "{instance=\"$instance\", datastore=~\"$datastore\", namespace=~\"$namespace\"}";
    Dashboard d =
        new Dashboard(
            "storage-backups",
            "Storage / Backups",
            "Backups as seen by one node's agent: PBS datastores, groups by backup age and verify"
                + " state, PBS jobs and task failures, and the node's own vzdump jobs.");
    d.variable("instance", "Node", INSTANCES, false, null, "The storage-agent target.");
    d.variable(
        "datastore",
        "Datastore",
        "label_values(storage_pbs_datastore_up{instance=\"$instance\"}, datastore)",
        true,
        null,
        "PBS datastores the agent sees, readable or not (an unmounted store has no size).");
    d.variable(
        "namespace",
        "Namespace",
        "label_values(storage_pbs_group_last_backup_timestamp_seconds{instance=\"$instance\","
            + " datastore=~\"$datastore\"}, namespace)",
        true,
        ".*",
        "PBS namespaces; All includes the root namespace (empty label).");

    d.row("Problems");
    d.add(
        Panel.stat("Datastores unavailable")
            .size(3, 4)
            .description(
                "PBS datastores in error or unreadable that are neither removable and not mounted"
                    + " nor in maintenance: what StoragePbsDatastoreUnavailable pages for.")
            .instant("count(" + unavailableDatastores(ds) + ") or vector(0)", "")
            .unit("none")
            .thresholds(anyIsBad("red"))
            .runbooks("StoragePbsDatastoreUnavailable"));
    d.add(
        Panel.stat("Datastores offline by choice")
            .size(3, 4)
            .description(
                "Removable datastores that are not mounted and datastores in a maintenance mode"
                    + " (read-only included): states, not faults; the Datastores table says which.")
            .instant(
                "count(\n  storage_pbs_datastore_info{"
                    + in
                    + ", datastore=~\"$datastore\", mount=\"notmounted\"}\n  or"
                    + " storage_pbs_datastore_info{"
                    + in
                    + ", datastore=~\"$datastore\", maintenance!=\"none\"}\n) or vector(0)",
                "")
            .unit("none")
            .thresholds(anyIsBad("blue")));
    d.add(
        Panel.stat("PBS targets down")
            .size(3, 4)
            .instant("count(storage_pbs_up" + i + " == 0) or vector(0)", "")
            .unit("none")
            .thresholds(anyIsBad("red"))
            .runbooks("StoragePbsDown"));
    d.add(
        Panel.stat("Groups over backup age")
            .size(3, 4)
            .instant(
                "count(storage:pbs_group_backup_age_to_limit:ratio" + dsNs + " > 1) or vector(0)",
                "")
            .unit("none")
            .thresholds(anyIsBad("orange"))
            .runbooks("StorageBackupMissing"));
    d.add(
        Panel.stat("Verify failed")
            .size(3, 4)
            .description("Groups whose newest snapshot failed verification.")
            .instant(
                "count(storage_pbs_snapshot_verify{"
                    + in
                    + ", datastore=~\"$datastore\", namespace=~\"$namespace\", state=\"failed\"}"
                    + " == 1) or vector(0)",
                "")
            .unit("none")
            .thresholds(anyIsBad("orange"))
            .runbooks("StorageBackupVerifyFailed"));
    d.add(
        Panel.stat("Failed backup tasks")
            .size(3, 4)
            .description("Groups whose last backup task on PBS failed.")
            .instant("count(storage_pbs_backup_last_task_success" + ds + " == 0) or vector(0)", "")
            .unit("none")
            .thresholds(anyIsBad("orange"))
            .runbooks("StorageBackupTaskFailed"));
    d.add(
        Panel.stat("Failed PBS jobs")
            .size(3, 4)
            .description("Verify, sync, prune and GC jobs whose last run failed.")
            .instant("count(storage_pbs_job_last_run_success" + ds + " == 0) or vector(0)", "")
            .unit("none")
            .thresholds(anyIsBad("orange"))
            .runbooks("StoragePbsJobFailed"));
    d.add(
        Panel.stat("Failed vzdump jobs")
            .size(3, 4)
            .description("vzdump jobs of this node whose last run failed.")
            .instant(
                "count(storage_pve_backup_job_last_run_success" + i + " == 0) or vector(0)", "")
            .unit("none")
            .thresholds(anyIsBad("orange"))
            .runbooks("StorageVzdumpJobFailed"));

    d.row("Datastores ($datastore)");
    d.add(
        Panel.table("Datastores")
            .description(
                "State (error, removable and not mounted, maintenance mode, ok), fill, forecasts"
                    + " (capped at a year, also meaning 'not filling'), deduplication factor and"
                    + " bytes the next garbage collection frees, from the last GC.")
            .size(24, 6)
            .column(
                "State",
                datastoreState(in),
                "none",
                steps("red", 1, "blue", 2, "purple", 4, "green"),
                valueMap(
                    0,
                    "ERROR",
                    "red",
                    1,
                    "not mounted",
                    "blue",
                    2,
                    "read-only maintenance",
                    "purple",
                    3,
                    "maintenance",
                    "purple",
                    4,
                    "ok",
                    "green"),
                "color-background")
            .column(
                "Used",
                "storage:pbs_datastore_used_ratio" + ds,
                "percentunit",
                percentFill(0.85, 0.95),
                null,
                "gauge")
            .column("Size", "storage_pbs_datastore_size_bytes" + ds, "bytes")
            .column("Available", "storage_pbs_datastore_available_bytes" + ds, "bytes")
            .column(
                "Full in (6 h trend)",
                "clamp_max(\n  storage_pbs_datastore_available_bytes"
                    + ds
                    + "\n    / (-storage:pbs_datastore_available_bytes:deriv6h"
                    + ds
                    + " > 0),\n  "
                    + YEAR_SECONDS
                    + "\n)\nor\n(storage_pbs_datastore_available_bytes"
                    + ds
                    + " * 0 + "
                    + YEAR_SECONDS
                    + ")",
                "s",
                steps("red", 24 * 3600, "orange", 7 * 24 * 3600, "green"),
                yearOrMore(),
                "color-text")
            .column(
                "Full in (PBS estimate)",
                "clamp_max(storage_pbs_datastore_estimated_full_timestamp_seconds"
                    + ds
                    + " - time(), "
                    + YEAR_SECONDS
                    + ")\nor\n(storage_pbs_datastore_size_bytes"
                    + ds
                    + " * 0 + "
                    + YEAR_SECONDS
                    + ")",
                "s",
                steps("red", 24 * 3600, "orange", 7 * 24 * 3600, "green"),
                yearOrMore(),
                "color-text")
            .column("Dedup factor", "storage_pbs_datastore_dedup_ratio" + ds, "suffix:×")
            .column("GC pending", "storage_pbs_gc_pending_bytes" + ds, "bytes")
            .hide("instance")
            .sortBy("Used", true)
            .runbooks(
                "StoragePbsDatastoreUnavailable",
                "StoragePbsDatastoreFillingUp",
                "StoragePbsDatastoreAlmostFull",
                "StoragePbsDown"));
    d.add(
        Panel.timeseries("Datastore used")
            .size(8, 8)
            .query("storage:pbs_datastore_used_ratio" + ds, "{{target}} {{datastore}}")
            .unit("percentunit")
            .range(0, 1)
            .thresholds(percentFill(0.85, 0.95))
            .thresholdLines()
            .runbooks("StoragePbsDatastoreFillingUp", "StoragePbsDatastoreAlmostFull"));
    d.add(
        Panel.timeseries("Dedup factor")
            .description("Logical bytes referenced by indexes / bytes on disk, from the last GC.")
            .size(8, 8)
            .query("storage_pbs_datastore_dedup_ratio" + ds, "{{target}} {{datastore}}")
            .unit("suffix:×")
            .min(0)
            .thresholds(steps("green")));
    d.add(
        Panel.timeseries("GC pending bytes")
            .description("What the next garbage collection will free (from the last GC run).")
            .size(8, 8)
            .query("storage_pbs_gc_pending_bytes" + ds, "{{target}} {{datastore}}")
            .unit("bytes")
            .min(0)
            .thresholds(steps("green")));
    d.add(
        Panel.timeseries("S3 requests")
            .description(
                "Requests S3-backed datastores (PBS 4) make to their bucket, by method; what the"
                    + " provider bills per request.")
            .size(12, 8)
            .query(
                "sum by (target, datastore, method) ("
                    + "rate(storage_pbs_datastore_s3_requests_total"
                    + ds
                    + "[$__rate_interval]))",
                "{{target}} {{datastore}} {{method}}")
            .unit("reqps")
            .min(0)
            .thresholds(steps("green")));
    d.add(
        Panel.timeseries("S3 traffic")
            .description(
                "Bytes S3-backed datastores send to (up) and fetch from (down) their bucket.")
            .size(12, 8)
            .query(
                "rate(storage_pbs_datastore_s3_uploaded_bytes_total" + ds + "[$__rate_interval])",
                "{{target}} {{datastore}} up")
            .query(
                "rate(storage_pbs_datastore_s3_downloaded_bytes_total" + ds + "[$__rate_interval])",
                "{{target}} {{datastore}} down")
            .unit("Bps")
            .min(0)
            .thresholds(steps("green")));

    d.row("Guests ($datastore / $namespace)");
    d.add(
        Panel.table("Backup groups by age")
            .description(
                "Each PBS backup group: newest backup's age against its limit"
                    + " (storage:pbs_group_backup_age_to_limit:ratio), snapshots kept, the size"
                    + " (targets with group_snapshot_size: true) and verify state of the newest"
                    + " snapshot. Oldest relative to its limit first.")
            .size(24, 10)
            .column(
                "Age / limit",
                "storage:pbs_group_backup_age_to_limit:ratio" + dsNs,
                "percentunit",
                steps("green", 0.75, "orange", 1, "red"),
                null,
                "color-background")
            .column(
                "Newest backup age",
                "time() - storage_pbs_group_last_backup_timestamp_seconds" + dsNs,
                "s")
            .column(
                "Limit",
                "(time() - storage_pbs_group_last_backup_timestamp_seconds"
                    + dsNs
                    + ")\n  / storage:pbs_group_backup_age_to_limit:ratio"
                    + dsNs,
                "s")
            .column("Snapshots", "storage_pbs_group_snapshots" + dsNs, "none")
            .column(
                "Newest snapshot size",
                "storage_pbs_group_newest_snapshot_size_bytes" + dsNs,
                "bytes")
            .column(
                "Verify",
                "sum without (state) (storage_pbs_snapshot_verify{"
                    + in
                    + ", datastore=~\"$datastore\", namespace=~\"$namespace\", state=\"failed\"})"
                    + " * 2\n+\nsum without (state) (storage_pbs_snapshot_verify{"
                    + in
                    + ", datastore=~\"$datastore\", namespace=~\"$namespace\", state=\"ok\"})",
                "none",
                steps("blue", 1, "green", 2, "red"),
                valueMap(0, "never verified", "blue", 1, "ok", "green", 2, "FAILED", "red"),
                "color-background")
            .hide("instance")
            .sortBy("Age / limit", true)
            .runbooks("StorageBackupMissing", "StorageBackupVerifyFailed"));
    d.add(
        Panel.table("Last backup task per group")
            .description(
                "Outcome of each group's newest finished backup task on PBS, failed first.")
            .size(12, 8)
            .column(
                "Last task",
                "storage_pbs_backup_last_task_success" + ds,
                "none",
                steps("red", 1, "green"),
                okFailed(),
                "color-background")
            .hide("instance", "__name__")
            .sortBy("Last task", false)
            .runbooks("StorageBackupTaskFailed"));
    d.add(
        Panel.timeseries("Groups whose last backup task failed")
            .description("Per datastore, over time.")
            .size(12, 8)
            .query(
                "sum by (target, datastore) (1 - storage_pbs_backup_last_task_success" + ds + ")",
                "{{target}} {{datastore}}")
            .unit("none")
            .min(0)
            .decimals(0)
            .thresholds(steps("green", 1, "orange"))
            .thresholdLines()
            .runbooks("StorageBackupTaskFailed"));

    d.row("Jobs");
    d.add(
        Panel.table("PBS jobs: verify, sync, prune, GC")
            .description(
                "Each PBS job's last run and next scheduled run. A next run in the past means"
                    + " the scheduler missed it.")
            .size(24, 8)
            .column(
                "Last run",
                "storage_pbs_job_last_run_success" + ds,
                "none",
                steps("red", 1, "green"),
                okFailed(),
                "color-background")
            .column(
                "Last run ended",
                "storage_pbs_job_last_run_end_timestamp_seconds" + ds + " * 1000",
                "dateTimeFromNow")
            .column(
                "Next run",
                "storage_pbs_job_next_run_timestamp_seconds" + ds + " * 1000",
                "dateTimeFromNow")
            .hide("instance")
            .sortBy("Last run", false)
            .runbooks("StoragePbsJobFailed", "StoragePbsJobMissedRun"));
    d.add(
        Panel.table("vzdump jobs of this node")
            .description(
                "The node's scheduled backup jobs (Datacenter → Backup). A run ending WARNINGS: n"
                    + " backed every guest up: warnings, not a failure.")
            .size(12, 8)
            .column(
                "Last run",
                outcomeState("storage_pve_backup_job_last_run_state", in),
                "none",
                steps("red", 1, "yellow", 2, "green"),
                outcomes(),
                "color-background")
            .column(
                "Last run ended",
                "storage_pve_backup_job_last_run_end_timestamp_seconds" + i + " * 1000",
                "dateTimeFromNow")
            .column(
                "Next run",
                "storage_pve_backup_job_next_run_timestamp_seconds" + i + " * 1000",
                "dateTimeFromNow")
            .hide("instance")
            .sortBy("Last run", false)
            .runbooks("StorageVzdumpJobFailed"));
    d.add(
        Panel.table("Guests in this node's vzdump log")
            .description(
                "Age of each guest's newest good vzdump backup against its limit, and whether"
                    + " the last attempt backed it up (ok includes warnings, which the job's last"
                    + " run shows).")
            .size(12, 8)
            .column(
                "Age / limit",
                "storage:pve_guest_backup_age_to_limit:ratio" + i,
                "percentunit",
                steps("green", 0.75, "orange", 1, "red"),
                null,
                "color-background")
            .column(
                "Newest backup age",
                "time() - storage_pve_guest_last_backup_timestamp_seconds" + i,
                "s")
            .column(
                "Last attempt",
                "storage_pve_guest_last_backup_success" + i,
                "none",
                steps("red", 1, "green"),
                okFailed(),
                "color-text")
            .hide("instance")
            .sortBy("Age / limit", true)
            .runbooks("StorageBackupMissing", "StorageGuestBackupFailed"));
    return d;
  }
}
