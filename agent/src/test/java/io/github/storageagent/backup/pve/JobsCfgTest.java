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
}
