package io.github.storageagent.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.it.ShippedRules;
import io.github.storageagent.it.Tools;
import io.github.storageagent.status.SeriesSet.Sample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page's verdicts and the shipped alert rules agree: each case is one set of series over
 * 26 hours at the history's 5-minute step. The verdict code gets the last values as the current
 * series and the earlier ones as its kept history; {@code promtool test rules} evaluates the
 * shipped rules (with {@code for:} set to 0, as the page shows the node as it is now) on the same
 * series and must find firing exactly the alerts, and the critical ones, that the verdicts name.
 */
class StatusPageRulesAgreementIT {

  static final Path ROOT =
      Path.of(System.getProperty("storage.project.root", "..")).toAbsolutePath().normalize();
  static final int STEP_SECONDS = (int) History.DEFAULT_STEP.toSeconds();
  static final int STEPS = 26 * 12 + 1;
  static final long NOW = (long) (STEPS - 1) * STEP_SECONDS;

  @TempDir Path dir;

  /** One series: name, labels (without instance and job), its value at each step. */
  record Series(String name, Map<String, String> labels, double[] values) {}

  record Case(String name, List<Series> series) {}

  static IntToDoubleFunction constant(double v) {
    return i -> v;
  }

  /** {@code before} until step {@code at}, then {@code after}. */
  static IntToDoubleFunction change(double before, int at, double after) {
    return i -> i < at ? before : after;
  }

  /** A straight line reaching {@code now} at the last step, moving {@code perHour}. */
  static IntToDoubleFunction line(double now, double perHour) {
    return i -> now - perHour * (STEPS - 1 - i) * STEP_SECONDS / 3600.0;
  }

  static final class Builder {
    final String name;
    final List<Series> series = new ArrayList<>();

    Builder(String name) {
      this.name = name;
    }

    Builder s(String metric, IntToDoubleFunction f, String... labels) {
      Map<String, String> l = new TreeMap<>();
      for (int i = 0; i < labels.length; i += 2) {
        l.put(labels[i], labels[i + 1]);
      }
      double[] v = new double[STEPS];
      for (int i = 0; i < STEPS; i++) {
        v[i] = f.applyAsDouble(i);
      }
      series.add(new Series(metric, l, v));
      return this;
    }

    Case build() {
      return new Case(name, List.copyOf(series));
    }
  }

  /** A healthy NVMe drive; {@code extra} adds or overrides its series. */
  static Builder nvme(String name, String device, String serial) {
    return nvme(name, device, serial, 40);
  }

  static Builder nvme(String name, String device, String serial, double temperature) {
    String[] id = {"device", device, "serial", serial};
    return new Builder(name)
        .s(
            "storage_smart_device_info",
            constant(1),
            "device",
            device,
            "serial",
            serial,
            "type",
            "nvme",
            "protocol",
            "NVMe",
            "model",
            "TEST NVME",
            "firmware",
            "1",
            "block_device",
            device + "n1",
            "wwn",
            "")
        .s("storage_smart_device_active", constant(1), id)
        .s("storage_smartctl_exit_status", constant(0), id)
        .s("storage_smart_healthy", constant(1), id)
        .s("storage_smart_temperature_celsius", constant(temperature), id);
  }

  static Builder nvmeHealth(
      Builder b,
      String device,
      String serial,
      double spare,
      double threshold,
      double wear,
      IntToDoubleFunction mediaErrors,
      String flag) {
    String[] id = {"device", device, "serial", serial};
    b.s("storage_nvme_available_spare_ratio", constant(spare), id)
        .s("storage_nvme_available_spare_threshold_ratio", constant(threshold), id)
        .s("storage_nvme_percentage_used_ratio", constant(wear), id)
        .s("storage_nvme_media_errors_total", mediaErrors, id);
    for (String f :
        List.of(
            "spare",
            "temperature",
            "reliability",
            "read_only",
            "volatile_backup",
            "pmr_read_only")) {
      b.s(
          "storage_nvme_critical_warning_flag",
          constant(f.equals(flag) ? 1 : 0),
          "device",
          device,
          "serial",
          serial,
          "flag",
          f);
    }
    return b;
  }

  static Builder sata(
      Builder b, String device, String serial, double temperature, Double operatingMax) {
    String[] id = {"device", device, "serial", serial};
    b.s(
            "storage_smart_device_info",
            constant(1),
            "device",
            device,
            "serial",
            serial,
            "type",
            "sat",
            "protocol",
            "ATA",
            "model",
            "TEST HDD",
            "firmware",
            "1",
            "block_device",
            device,
            "wwn",
            "")
        .s("storage_smart_device_active", constant(1), id)
        .s("storage_smartctl_exit_status", constant(0), id)
        .s("storage_smart_healthy", constant(1), id)
        .s("storage_smart_temperature_celsius", constant(temperature), id);
    if (operatingMax != null) {
      b.s(
          "storage_smart_temperature_limit_celsius",
          constant(operatingMax),
          "device",
          device,
          "serial",
          serial,
          "limit",
          "operating_max");
    }
    return b;
  }

  static Builder ata(
      Builder b,
      String device,
      String serial,
      String attrId,
      String attrName,
      IntToDoubleFunction raw) {
    return b.s(
        "storage_ata_attribute_raw",
        raw,
        "device",
        device,
        "serial",
        serial,
        "id",
        attrId,
        "name",
        attrName);
  }

  static Builder pool(
      Builder b,
      String vg,
      String pool,
      IntToDoubleFunction data,
      double metadata,
      String state,
      double sizeGib,
      double provisionedGib,
      double vgFreeGib) {
    String[] id = {"vg", vg, "pool", pool};
    double gib = 1024.0 * 1024 * 1024;
    b.s("storage_lvm_thinpool_size_bytes", constant(sizeGib * gib), id)
        .s("storage_lvm_thinpool_data_used_ratio", data, id)
        .s("storage_lvm_thinpool_metadata_used_ratio", constant(metadata), id)
        .s("storage_lvm_thinpool_provisioned_bytes", constant(provisionedGib * gib), id)
        .s("storage_lvm_vg_free_bytes", constant(vgFreeGib * gib), "vg", vg);
    for (String st : List.of("ok", "out_of_data", "metadata_read_only", "failed", "unknown")) {
      b.s(
          "storage_lvm_thinpool_health",
          constant(st.equals(state) ? 1 : 0),
          "vg",
          vg,
          "pool",
          pool,
          "state",
          st);
    }
    return b;
  }

  /** A PBS group with its last backup {@code ageHours} ago (at every step). */
  static Builder pbsGroup(
      Builder b, String type, String id, double ageHours, double lastTaskSuccess, String verify) {
    String[] g = {
      "target", "pbs1", "datastore", "main", "namespace", "", "backup_type", type, "backup_id", id
    };
    b.s(
            "storage_pbs_group_last_backup_timestamp_seconds",
            i -> (double) i * STEP_SECONDS - ageHours * 3600,
            g)
        .s(
            "storage_pbs_backup_last_task_success",
            constant(lastTaskSuccess),
            "target",
            "pbs1",
            "datastore",
            "main",
            "backup_type",
            type,
            "backup_id",
            id);
    for (String st : List.of("ok", "failed", "none")) {
      b.s(
          "storage_pbs_snapshot_verify",
          constant(st.equals(verify) ? 1 : 0),
          "target",
          "pbs1",
          "datastore",
          "main",
          "namespace",
          "",
          "backup_type",
          type,
          "backup_id",
          id,
          "state",
          st);
    }
    return b;
  }

  static Builder pbsStore(Builder b, double up, double sizeGib, double availableGib) {
    String[] id = {"target", "pbs1", "datastore", "main"};
    double gib = 1024.0 * 1024 * 1024;
    return b.s("storage_pbs_up", constant(1), "target", "pbs1")
        .s("storage_pbs_datastore_up", constant(up), id)
        .s("storage_pbs_datastore_size_bytes", constant(sizeGib * gib), id)
        .s("storage_pbs_datastore_available_bytes", constant(availableGib * gib), id);
  }

  static Builder pbsJob(Builder b, String type, String id, double success, double nextRunInHours) {
    String[] j = {"target", "pbs1", "job_type", type, "job_id", id, "datastore", "main"};
    return b.s("storage_pbs_job_last_run_success", constant(success), j)
        .s(
            "storage_pbs_job_next_run_timestamp_seconds",
            i -> (double) i * STEP_SECONDS + nextRunInHours * 3600,
            j);
  }

  static Builder pveGuest(Builder b, String vmid, double ageHours, double success) {
    String[] g = {"vmid", vmid, "type", "qemu"};
    return b.s(
            "storage_pve_guest_last_backup_timestamp_seconds",
            i -> (double) i * STEP_SECONDS - ageHours * 3600,
            g)
        .s("storage_pve_guest_last_backup_success", constant(success), g);
  }

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    c.add(
        nvmeHealth(
                nvme("healthy nvme", "nvme0", "N0"),
                "nvme0",
                "N0",
                1.0,
                0.1,
                0.03,
                constant(0),
                null)
            .build());
    c.add(
        nvmeHealth(
                nvme("nvme reliability warning", "nvme0", "N0"),
                "nvme0",
                "N0",
                1.0,
                0.1,
                0.03,
                constant(0),
                "reliability")
            .build());
    c.add(
        nvmeHealth(
                nvme("nvme temperature warning flag", "nvme0", "N0"),
                "nvme0",
                "N0",
                1.0,
                0.1,
                0.03,
                constant(0),
                "temperature")
            .build());
    c.add(
        nvmeHealth(
                nvme("spare at 9 %, threshold 10 %", "nvme0", "N0"),
                "nvme0",
                "N0",
                0.09,
                0.1,
                0.03,
                constant(0),
                null)
            .build());
    c.add(
        nvmeHealth(
                nvme("spare at 15 %, threshold 10 %", "nvme0", "N0"),
                "nvme0",
                "N0",
                0.15,
                0.1,
                0.03,
                constant(0),
                null)
            .build());
    c.add(
        nvmeHealth(
                nvme("spare 0 with threshold 0 (not reported)", "nvme0", "N0"),
                "nvme0",
                "N0",
                0,
                0,
                0.03,
                constant(0),
                null)
            .build());
    c.add(
        nvmeHealth(
                nvme("wear 85 %", "nvme0", "N0"), "nvme0", "N0", 1.0, 0.1, 0.85, constant(0), null)
            .build());
    c.add(
        nvmeHealth(
                nvme("wear 96 %", "nvme0", "N0"), "nvme0", "N0", 1.0, 0.1, 0.96, constant(0), null)
            .build());
    c.add(
        nvmeHealth(
                nvme("wear 79 %", "nvme0", "N0"), "nvme0", "N0", 1.0, 0.1, 0.79, constant(0), null)
            .build());
    c.add(
        nvmeHealth(
                nvme("media errors rose 3 in the last hour", "nvme0", "N0"),
                "nvme0",
                "N0",
                1.0,
                0.1,
                0.03,
                change(5, STEPS - 4, 8),
                null)
            .build());
    c.add(
        nvmeHealth(
                nvme("media errors rose 5 hours ago, flat since", "nvme0", "N0"),
                "nvme0",
                "N0",
                1.0,
                0.1,
                0.03,
                change(5, STEPS - 60, 8),
                null)
            .build());
    c.add(
        nvmeHealth(
                nvme("nvme at 82 °C without limits of its own", "nvme0", "N0", 82),
                "nvme0",
                "N0",
                1.0,
                0.1,
                0.03,
                constant(0),
                null)
            .build());
    c.add(
        nvme("smart failed", "nvme0", "N0")
            .s("storage_smart_healthy", constant(0), "device", "nvme1", "serial", "N1")
            .s(
                "storage_smart_device_info",
                constant(1),
                "device",
                "nvme1",
                "serial",
                "N1",
                "type",
                "nvme",
                "protocol",
                "NVMe",
                "model",
                "TEST",
                "firmware",
                "1",
                "block_device",
                "nvme1n1",
                "wwn",
                "")
            .s("storage_smart_device_active", constant(1), "device", "nvme1", "serial", "N1")
            .s("storage_smartctl_exit_status", constant(8), "device", "nvme1", "serial", "N1")
            .build());
    c.add(sata(new Builder("sata at 60 °C without limits"), "sda", "S1", 60, null).build());
    c.add(
        sata(new Builder("sata at 58 °C within its own limit of 60 °C"), "sda", "S1", 58, 60.0)
            .build());
    c.add(sata(new Builder("sata at 66 °C, own limit 60 °C"), "sda", "S1", 66, 60.0).build());
    c.add(sata(new Builder("sata at 70 °C without limits"), "sda", "S1", 70, null).build());
    c.add(
        ata(
                sata(new Builder("pending sectors: 16"), "sda", "S1", 35, null),
                "sda",
                "S1",
                "197",
                "Current_Pending_Sector",
                constant(16))
            .build());
    c.add(
        ata(
                sata(new Builder("reallocated sectors rose 10 hours ago"), "sda", "S1", 35, null),
                "sda",
                "S1",
                "5",
                "Reallocated_Sector_Ct",
                change(8, STEPS - 120, 12))
            .build());
    c.add(
        ata(
                sata(
                    new Builder("reallocated sectors rose 25 hours ago, flat since"),
                    "sda",
                    "S1",
                    35,
                    null),
                "sda",
                "S1",
                "5",
                "Reallocated_Sector_Ct",
                change(8, 10, 12))
            .build());
    c.add(
        ata(
                sata(new Builder("command timeouts rose"), "sda", "S1", 35, null),
                "sda",
                "S1",
                "188",
                "Command_Timeout",
                change(0, STEPS - 10, 3))
            .build());
    c.add(
        ata(
                sata(new Builder("uncorrectable rose"), "sda", "S1", 35, null),
                "sda",
                "S1",
                "187",
                "Reported_Uncorrect",
                change(0, STEPS - 10, 1))
            .build());
    c.add(
        pool(new Builder("healthy pool"), "pve", "data", constant(0.4), 0.2, "ok", 1000, 1500, 100)
            .build());
    c.add(
        pool(
                new Builder("pool out of data"),
                "pve",
                "data",
                constant(1.0),
                0.4,
                "out_of_data",
                1000,
                1000,
                100)
            .build());
    c.add(
        pool(
                new Builder("pool data at 92 %"),
                "pve",
                "data",
                constant(0.92),
                0.4,
                "ok",
                1000,
                1000,
                100)
            .build());
    c.add(
        pool(
                new Builder("pool metadata at 85 %"),
                "pve",
                "data",
                constant(0.5),
                0.85,
                "ok",
                1000,
                1000,
                100)
            .build());
    c.add(
        pool(
                new Builder("pool metadata at 93 %"),
                "pve",
                "data",
                constant(0.5),
                0.93,
                "ok",
                1000,
                1000,
                100)
            .build());
    c.add(
        pool(
                new Builder("pool filling at 2 %/h"),
                "pve",
                "data",
                line(0.76, 0.02),
                0.3,
                "ok",
                1000,
                1000,
                100)
            .build());
    c.add(
        pool(
                new Builder("pool filling at 1 %/h"),
                "pve",
                "data",
                line(0.70, 0.01),
                0.3,
                "ok",
                1000,
                1000,
                100)
            .build());
    c.add(
        pool(
                new Builder("pool filling at 8 %/h"),
                "pve",
                "data",
                line(0.80, 0.08),
                0.3,
                "ok",
                1000,
                1000,
                100)
            .build());
    c.add(
        pool(
                new Builder("empty pool filling fast stays quiet"),
                "pve",
                "data",
                line(0.30, 0.01),
                0.1,
                "ok",
                1000,
                1000,
                100)
            .build());
    c.add(
        pool(
                new Builder("overcommitted, full and no room to autoextend"),
                "pve",
                "data",
                constant(0.85),
                0.3,
                "ok",
                1000,
                2500,
                100)
            .build());
    c.add(
        pool(
                new Builder("overcommitted with room to autoextend"),
                "pve",
                "data",
                constant(0.85),
                0.3,
                "ok",
                1000,
                2500,
                500)
            .build());
    Builder backups = pbsStore(new Builder("backups healthy"), 1, 1000, 600);
    pbsGroup(backups, "vm", "100", 2, 1, "ok");
    pbsJob(backups, "gc", "main", 1, 10);
    pveGuest(backups, "100", 3, 1);
    c.add(backups.build());
    Builder failing = pbsStore(new Builder("backups failing"), 1, 1000, 100);
    pbsGroup(failing, "vm", "100", 2, 0, "ok");
    pbsGroup(failing, "vm", "101", 40, 1, "ok");
    pbsGroup(failing, "ct", "102", 3, 1, "failed");
    pbsJob(failing, "gc", "main", 0, 10);
    pbsJob(failing, "verify", "v-main", 1, -3);
    pveGuest(failing, "103", 3, 0);
    failing.s("storage_pve_backup_job_last_run_success", constant(0), "job_id", "backup-daily");
    c.add(failing.build());
    c.add(pbsStore(new Builder("datastore cannot be read"), 0, 1000, 600).build());
    return c;
  }

  @Test
  void verdictsNameTheAlertsTheShippedRulesFireOnTheSameSeries() throws Exception {
    List<Path> ruleFiles = ShippedRules.shortened(ROOT, dir.resolve("rules"), "0s");
    StringBuilder test = new StringBuilder("rule_files:\n");
    for (Path f : ruleFiles) {
      test.append("  - ").append(f).append('\n');
    }
    // One evaluation per step of the series: the rules' ranges are hours, and promtool's time
    // grows with the number of evaluations.
    test.append("evaluation_interval: ").append(STEP_SECONDS / 60).append("m\ntests:\n");
    String covered = String.join("|", new TreeSet<>(VerdictPolicy.ALERTS));
    Map<String, Set<String>> expectations = new LinkedHashMap<>();
    for (Case c : cases()) {
      NodeStatus status = verdicts(c);
      Set<String> alerts = new TreeSet<>();
      Set<String> critical = new TreeSet<>();
      reasons(status)
          .forEach(
              r -> {
                if (r.alert() != null) {
                  alerts.add(r.alert());
                  if (r.verdict() == Verdict.FAILING
                      && !VerdictPolicy.FAILED_RESULT_ALERTS.contains(r.alert())) {
                    critical.add(r.alert());
                  }
                }
              });
      expectations.put(c.name(), alerts);
      test.append("  - name: '").append(c.name().replace("'", "''")).append("'\n");
      test.append("    interval: ").append(STEP_SECONDS / 60).append("m\n    input_series:\n");
      for (Series s : c.series()) {
        test.append("      - series: '").append(selector(s)).append("'\n        values: '");
        test.append(
            java.util.Arrays.stream(s.values())
                .mapToObj(StatusPageRulesAgreementIT::number)
                .collect(Collectors.joining(" ")));
        test.append("'\n");
      }
      test.append("    promql_expr_test:\n");
      expect(test, c.name(), "alertstate=\"firing\",alertname=~\"" + covered + "\"", alerts);
      expect(
          test,
          c.name(),
          "alertstate=\"firing\",severity=\"critical\",alertname=~\"" + covered + "\"",
          critical);
    }
    Path file = Files.writeString(dir.resolve("agreement.test.yml"), test, StandardCharsets.UTF_8);
    Path promtool = Tools.require("promtool", "prometheus");
    Process p =
        new ProcessBuilder(promtool.toString(), "test", "rules", file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    System.out.println("verdicts per case: " + expectations);
    assertThat(exit)
        .as("promtool on %s (the verdicts' alerts per case: %s):\n%s", file, expectations, out)
        .isZero();
    // The cases must exercise the verdicts, not agree on silence.
    Set<String> exercised = new TreeSet<>();
    expectations.values().forEach(exercised::addAll);
    assertThat(exercised)
        .containsAll(
            Set.of(
                "StorageNvmeCriticalWarning",
                "StorageNvmeSpareLow",
                "StorageNvmeWearHigh",
                "StorageNvmeMediaErrors",
                "StorageSmartFailed",
                "StorageDiskTemperatureHigh",
                "StorageAtaPendingSectors",
                "StorageAtaSectorsReallocating",
                "StorageAtaCommandTimeouts",
                "StorageAtaUncorrectableErrors",
                "StorageThinPoolUnhealthy",
                "StorageThinPoolDataAlmostFull",
                "StorageThinPoolMetadataAlmostFull",
                "StorageThinPoolDataFillingUp",
                "StorageThinPoolOvercommitted",
                "StorageBackupMissing",
                "StorageBackupTaskFailed",
                "StorageBackupVerifyFailed",
                "StorageGuestBackupFailed",
                "StoragePbsJobFailed",
                "StoragePbsJobMissedRun",
                "StorageVzdumpJobFailed",
                "StoragePbsDatastoreAlmostFull",
                "StoragePbsDatastoreUnavailable"));
  }

  /** The verdict code on the case: the last step is now, the earlier ones its kept history. */
  static NodeStatus verdicts(Case c) {
    History history = History.bounded();
    for (int i = 0; i < STEPS - 1; i++) {
      StatusBuilder.record(at(c, i), history, Instant.ofEpochSecond((long) i * STEP_SECONDS));
    }
    return StatusBuilder.build(
        "test",
        at(c, STEPS - 1),
        history,
        Instant.ofEpochSecond(NOW),
        List.of(),
        new NodeStatus.HistoryBounds(STEP_SECONDS, Duration.ofDays(7).toSeconds(), 0));
  }

  static SeriesSet at(Case c, int step) {
    Map<String, List<Sample>> m = new LinkedHashMap<>();
    for (Series s : c.series()) {
      m.computeIfAbsent(s.name(), k -> new ArrayList<>())
          .add(new Sample(s.labels(), s.values()[step]));
    }
    return new SeriesSet(m);
  }

  static List<Reason> reasons(NodeStatus s) {
    List<Reason> out = new ArrayList<>();
    s.drives().forEach(d -> out.addAll(d.reasons()));
    s.pools().forEach(p -> out.addAll(p.reasons()));
    s.backups().guests().forEach(g -> out.addAll(g.reasons()));
    s.backups().datastores().forEach(d -> out.addAll(d.reasons()));
    s.backups().jobs().forEach(j -> out.addAll(j.reasons()));
    s.backups().targets().stream()
        .filter(t -> !t.up())
        .forEach(t -> out.add(Reason.failing("StoragePbsDown", t.target())));
    return out;
  }

  /**
   * Expects exactly {@code alerts} among the firing ones that match {@code matchers}; the case's
   * name rides along as a label so that promtool's report says which case disagreed.
   */
  private static void expect(StringBuilder test, String name, String matchers, Set<String> alerts) {
    String caseLabel = name.replaceAll("[^A-Za-z0-9 %.,]", "_");
    String expr =
        "label_replace(group by (alertname) (ALERTS{"
            + matchers
            + "}), \"case\", \""
            + caseLabel
            + "\", \"\", \"\")";
    test.append("      - expr: '").append(expr).append("'\n");
    test.append("        eval_time: ").append(NOW / 60).append("m\n");
    if (alerts.isEmpty()) {
      test.append("        exp_samples: []\n");
      return;
    }
    test.append("        exp_samples:\n");
    for (String a : alerts) {
      test.append("          - labels: '{alertname=\"")
          .append(a)
          .append("\",case=\"")
          .append(caseLabel)
          .append("\"}'\n            value: 1\n");
    }
  }

  private static String selector(Series s) {
    StringBuilder b =
        new StringBuilder(s.name()).append("{instance=\"pve1:9958\",job=\"storage-agent\"");
    s.labels().forEach((k, v) -> b.append(',').append(k).append("=\"").append(v).append('"'));
    return b.append('}').toString();
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? String.valueOf((long) v)
        : String.format(Locale.ROOT, "%.10g", v);
  }
}
