package io.github.storageagent.backup.pve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.config.PveBackupConfig;
import io.github.storageagent.testing.Exposition;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PveBackupCollectorTest {

  static Path tree() throws Exception {
    return Path.of(PveBackupCollectorTest.class.getResource("/pve/jobs.cfg").toURI()).getParent();
  }

  /** The section for a node tree under {@code root} (jobs/, tasks/, jobs.cfg), read every 60 s. */
  static PveBackupConfig config(Path root) {
    return new PveBackupConfig(
        true,
        "60s",
        null,
        root.resolve("jobs").toString(),
        root.resolve("tasks").toString(),
        root.resolve("jobs.cfg").toString());
  }

  static PveBackupCollector collector(Path root) {
    return new PveBackupCollector(
        config(root),
        Clock.fixed(Instant.ofEpochSecond(1734950000), ZoneOffset.UTC),
        ZoneOffset.UTC);
  }

  @Test
  void jobErrorsMarksTheJobAndTheFailedGuest() throws Exception {
    var snap = collector(tree()).collect();
    Exposition e = Exposition.of(snap.families());

    assertThat(e.value("storage_pve_backup_job_last_run_success{job_id=\"backup-daily\"}"))
        .isEqualTo(0);
    assertThat(
            e.value(
                "storage_pve_backup_job_last_run_end_timestamp_seconds{job_id=\"backup-daily\"}"))
        .isEqualTo(0x676882C4L);
    assertThat(e.value("storage_pve_backup_job_last_run_success{job_id=\"backup-weekly\"}"))
        .isEqualTo(1);
    assertThat(e.value("storage_pve_guest_last_backup_success{type=\"qemu\",vmid=\"104\"}"))
        .isEqualTo(0);
    // its newest good backup is the night before
    assertThat(
            e.value("storage_pve_guest_last_backup_timestamp_seconds{type=\"qemu\",vmid=\"104\"}"))
        .isEqualTo(0x67673100L);
    assertThat(e.value("storage_pve_guest_last_backup_success{type=\"qemu\",vmid=\"100\"}"))
        .isEqualTo(1);
    assertThat(
            e.value("storage_pve_guest_last_backup_timestamp_seconds{type=\"lxc\",vmid=\"200\"}"))
        .isEqualTo(0x676882C4L);
    assertThat(
            e.value("storage_pve_guest_last_backup_timestamp_seconds{type=\"lxc\",vmid=\"201\"}"))
        .isEqualTo(0x67665600L);
    // a garbage index line and an unreadable job state file
    assertThat(snap.problems()).isEqualTo(2);
  }

  @Test
  void nextRunFollowsTheScheduleFromTheLastRun() throws Exception {
    Exposition e = Exposition.of(collector(tree()).collect().families());

    // 21:00 daily, last run 2024-12-22 21:00 UTC: next 2024-12-23 21:00
    assertThat(
            e.value("storage_pve_backup_job_next_run_timestamp_seconds{job_id=\"backup-daily\"}"))
        .isEqualTo(1734987600);
    // schedule only in jobs.cfg (older state file): sat 05:00 after Sat 2024-12-21 05:04
    assertThat(
            e.value("storage_pve_backup_job_next_run_timestamp_seconds{job_id=\"backup-weekly\"}"))
        .isEqualTo(1735362000);
    // disabled, never run, running: no invented values
    assertThat(e.text())
        .doesNotContain("job_id=\"backup-disabled\"")
        .doesNotContain("job_id=\"backup-running\"");
  }

  static Path pve9Tree() throws Exception {
    return Path.of(PveBackupCollectorTest.class.getResource("/pve9/jobs.cfg").toURI()).getParent();
  }

  @Test
  void pve9WarningsRunBackedEveryGuestUpAndIsAStateOfItsOwn() throws Exception {
    var snap =
        new PveBackupCollector(
                config(pve9Tree()),
                Clock.fixed(Instant.ofEpochSecond(0x68A30000L), ZoneOffset.UTC),
                ZoneOffset.UTC)
            .collect();
    Exposition e = Exposition.of(snap.families());
    String job = "job_id=\"backup-9f1e2d3c-7a6b\"";

    // notification-mode instead of the mail keys: the job and its schedule parse
    assertThat(snap.problems()).isZero();
    assertThat(e.value("storage_pve_backup_job_last_run_success{" + job + "}")).isEqualTo(1);
    assertThat(e.value("storage_pve_backup_job_last_run_state{" + job + ",state=\"warnings\"}"))
        .isEqualTo(1);
    assertThat(e.value("storage_pve_backup_job_last_run_state{" + job + ",state=\"ok\"}"))
        .isEqualTo(0);
    assertThat(e.value("storage_pve_backup_job_last_run_state{" + job + ",state=\"failed\"}"))
        .isEqualTo(0);
    assertThat(e.value("storage_pve_backup_job_last_run_end_timestamp_seconds{" + job + "}"))
        .isEqualTo(0x68A248AEL);
    assertThat(e.value("storage_pve_backup_job_next_run_timestamp_seconds{" + job + "}"))
        .isEqualTo(0x68A242D2L - 2 + 86_400); // 21:00 the next day
    // a job that never ran has no state yet
    assertThat(e.text()).doesNotContain("last_run_state{job_id=\"backup-weekly-offsite\"");

    for (String guest :
        new String[] {
          "type=\"qemu\",vmid=\"100\"", "type=\"lxc\",vmid=\"101\"", "type=\"qemu\",vmid=\"102\""
        }) {
      assertThat(e.value("storage_pve_guest_last_backup_success{" + guest + "}"))
          .as(guest)
          .isEqualTo(1);
      assertThat(e.value("storage_pve_guest_last_backup_timestamp_seconds{" + guest + "}"))
          .as(guest)
          .isEqualTo(0x68A248AEL);
    }
    // the guests whose part of the log has a WARN line did it with warnings: read, and shown by
    // the job's state only (a state set per guest would cost three series a guest)
    var guests =
        new PveBackupCollector(
                config(pve9Tree()),
                Clock.fixed(Instant.ofEpochSecond(0x68A30000L), ZoneOffset.UTC),
                ZoneOffset.UTC)
            .read()
            .guests();
    assertThat(guests)
        .extracting(g -> g.type() + "/" + g.vmid() + "=" + g.lastAttempt())
        .contains("qemu/100=WARNINGS", "lxc/101=OK", "qemu/102=WARNINGS");
    assertThat(e.text()).doesNotContain("storage_pve_guest_last_backup_state");
  }

  @Test
  void jobErrorsIsTheFailedStateAndOkTheOkState() throws Exception {
    Exposition e = Exposition.of(collector(tree()).collect().families());
    assertThat(
            e.value(
                "storage_pve_backup_job_last_run_state{job_id=\"backup-daily\",state=\"failed\"}"))
        .isEqualTo(1);
    assertThat(
            e.value("storage_pve_backup_job_last_run_state{job_id=\"backup-weekly\",state=\"ok\"}"))
        .isEqualTo(1);
    assertThat(e.value("storage_pve_guest_last_backup_success{type=\"qemu\",vmid=\"104\"}"))
        .isEqualTo(0);
  }

  @Test
  void notAProxmoxNodeHasNoSeriesAndNoError(@TempDir Path empty) throws Exception {
    var snap = collector(empty.resolve("nothing")).collect();
    assertThat(snap.families()).isEmpty();
    assertThat(snap.problems()).isZero();
  }
}
