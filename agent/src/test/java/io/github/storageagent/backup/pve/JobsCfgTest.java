package io.github.storageagent.backup.pve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobsCfgTest {

  @Test
  void jobsCfgKeepsOnlyVzdumpSections() {
    var jobs =
        JobsCfg.parse(
            "vzdump: a\n\tschedule 21:00\n\tenabled 0\n\nrealm-sync: r\n\tschedule daily\n\nvzdump: b\n\tall 1\n");
    assertThat(jobs).containsOnlyKeys("a", "b");
    assertThat(jobs.get("a")).isEqualTo(new JobsCfg.Job("21:00", false));
    assertThat(jobs.get("b")).isEqualTo(new JobsCfg.Job(null, true));
  }

  @Test
  void pve9JobsWithNotificationModeAndPropertyStringsParse() {
    var jobs =
        JobsCfg.parse(
            "vzdump: backup-9f1e2d3c-7a6b\n\tschedule 21:00\n\tall 1\n\tenabled 1\n"
                + "\tnotes-template {{guestname}} on {{node}}\n"
                + "\tnotification-mode notification-system\n\n"
                + "vzdump: offsite\n\tschedule sun 03:00\n\tfleecing enabled=1,storage=local-lvm\n"
                + "\tnotification-mode auto\n\tenabled 0\n");
    assertThat(jobs.get("backup-9f1e2d3c-7a6b")).isEqualTo(new JobsCfg.Job("21:00", true));
    assertThat(jobs.get("offsite")).isEqualTo(new JobsCfg.Job("sun 03:00", false));
  }
}
