package io.github.storageagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void noConfigAtAllServesAProxmoxNode() throws Exception {
    AgentConfig c = loader.parse("");

    assertThat(c.disk().enabled()).isTrue();
    assertThat(c.disk().interval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.disk().histograms()).isEqualTo(DiskConfig.Histograms.WHOLE_DISKS);
    assertThat(c.disk().counters()).isEqualTo(DiskConfig.Counters.ESSENTIAL);
    assertThat(c.disk().selects("nvme0n1")).isTrue();
    assertThat(c.disk().selects("dm-3")).isTrue();
    assertThat(c.disk().selects("nvme0n1p1")).isFalse();
    assertThat(c.disk().selects("sda1")).isFalse();
    assertThat(c.disk().selects("loop0")).isFalse();
  }

  @Test
  void awaitHistogramsByDefaultForWholePhysicalDisksOnly() throws Exception {
    DiskConfig d = loader.parse("").disk();

    for (String disk :
        new String[] {"nvme0n1", "nvme12n3", "sda", "sdaa", "vda", "xvdb", "mmcblk0"}) {
      assertThat(d.histogramsFor(disk)).as(disk).isTrue();
    }
    for (String stacked :
        new String[] {
          "dm-0",
          "dm-13",
          "md0",
          "md127",
          "zd16",
          "rbd0",
          "nbd3",
          "drbd1000",
          "bcache0",
          "loop7",
          "ram0",
          "zram0",
          "sda1",
          "sdab12",
          "nvme0n1p3",
          "mmcblk0p2",
          "vda1"
        }) {
      assertThat(d.histogramsFor(stacked)).as(stacked).isFalse();
    }
  }

  @Test
  void histogramsTakesWholeDisksAllNoneAndTheOldBooleans() throws Exception {
    String[][] cases = {
      {"whole_disks", "WHOLE_DISKS"},
      {"all", "ALL"},
      {"none", "NONE"},
      {"true", "ALL"},
      {"false", "NONE"}
    };
    for (String[] c : cases) {
      DiskConfig d = loader.parse("disk:\n  histograms: " + c[0] + "\n").disk();
      assertThat(d.histograms()).as(c[0]).isEqualTo(DiskConfig.Histograms.valueOf(c[1]));
    }
    DiskConfig all = loader.parse("disk:\n  histograms: all\n").disk();
    assertThat(all.histogramsFor("dm-3")).isTrue();
    assertThat(all.histogramsFor("nvme0n1")).isTrue();
    DiskConfig none = loader.parse("disk:\n  histograms: none\n").disk();
    assertThat(none.histogramsFor("nvme0n1")).isFalse();
  }

  @Test
  void countersTakesEssentialOrAll() throws Exception {
    assertThat(loader.parse("disk:\n  counters: essential\n").disk().counters())
        .isEqualTo(DiskConfig.Counters.ESSENTIAL);
    assertThat(loader.parse("disk:\n  counters: all\n").disk().counters())
        .isEqualTo(DiskConfig.Counters.ALL);
    assertThat(DiskConfig.defaults().counters()).isEqualTo(DiskConfig.Counters.ESSENTIAL);
  }

  @Test
  void readsEveryDiskKey() throws Exception {
    AgentConfig c =
        loader.parse(
            """
            disk:
              enabled: true
              interval: 2s
              max_age: 1m
              device_include: "nvme.*|dm-.*"
              device_exclude: "dm-0"
              histograms: none
              counters: all
            """);

    assertThat(c.disk().interval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.disk().maxAge()).contains(Duration.ofMinutes(1));
    assertThat(c.disk().selects("nvme0n1")).isTrue();
    assertThat(c.disk().selects("dm-0")).isFalse();
    assertThat(c.disk().selects("sda")).isFalse();
    assertThat(c.disk().histograms()).isEqualTo(DiskConfig.Histograms.NONE);
    assertThat(c.disk().counters()).isEqualTo(DiskConfig.Counters.ALL);
  }

  @Test
  void rejectsUnknownKeysWithTheirPath() {
    assertThatThrownBy(() -> loader.parse("disk:\n  intervall: 5s\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("disk.intervall: unknown key")
        .hasMessageContaining("interval");
    assertThatThrownBy(() -> loader.parse("dsik: {}\n"))
        .hasMessageStartingWith("dsik: unknown key");
  }

  @Test
  void rejectsBadValuesWithTheirPathAndAReason() {
    assertThatThrownBy(() -> loader.parse("disk:\n  interval: soon\n"))
        .hasMessage(
            "disk.interval: must be a duration such as 500ms, 30s, 5m or 1h30m, got 'soon'");
    assertThatThrownBy(() -> loader.parse("disk:\n  interval: 0s\n"))
        .hasMessage("disk.interval: must be greater than zero");
    assertThatThrownBy(() -> loader.parse("disk:\n  device_exclude: \"(\"\n"))
        .hasMessageStartingWith("disk.device_exclude: not a valid regular expression");
    assertThatThrownBy(() -> loader.parse("disk:\n  histograms: maybe\n"))
        .hasMessage(
            "disk.histograms: must be one of whole_disks, all, none (or true = all, false = none),"
                + " got 'maybe'");
    assertThatThrownBy(() -> loader.parse("disk:\n  histograms: 1\n"))
        .hasMessageStartingWith("disk.histograms: must be one of whole_disks, all, none");
    assertThatThrownBy(() -> loader.parse("disk:\n  histograms: [all]\n"))
        .hasMessageStartingWith("disk.histograms: must be one of whole_disks, all, none");
    assertThatThrownBy(() -> loader.parse("disk:\n  counters: some\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("disk.counters: must be one of essential, all, got 'some'");
    assertThatThrownBy(() -> loader.parse("disk:\n  counters: ALL\n"))
        .hasMessage("disk.counters: must be one of essential, all, got 'ALL'");
    assertThatThrownBy(() -> loader.parse("disk:\n  counters: true\n"))
        .hasMessage("disk.counters: must be one of essential, all, got 'true'");
    assertThatThrownBy(() -> loader.parse("disk:\n  counters: [all]\n"))
        .hasMessageStartingWith("disk.counters: must be one of essential, all");
    assertThatThrownBy(() -> loader.parse("disk: [1, 2]\n"))
        .hasMessageStartingWith("disk: expected");
  }

  @Test
  void takesYamlScalarsAsTheConfigLoaderAlwaysDid() throws Exception {
    AgentConfig c =
        loader.parse(
            """
            disk:
              enabled: no
              interval:
            smart:
              smartctl: 0755
            lvm:
              thin_volumes: off
              lvs_path: yes
              vgs_path: 1.50
            """);
    assertThat(c.disk().enabled()).isFalse();
    assertThat(c.disk().interval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.smart().smartctl()).isEqualTo("0755");
    assertThat(c.lvm().thinVolumes()).isFalse();
    assertThat(c.lvm().lvsPath()).isEqualTo("yes");
    assertThat(c.lvm().vgsPath()).isEqualTo("1.50");
    // Patterns have no equals: compare what the records show.
    String defaults = AgentConfig.defaults().toString();
    assertThat(loader.parse("disk:\nsmart: ~\n")).hasToString(defaults);
    assertThat(loader.parse("---\n")).hasToString(defaults);
  }

  @Test
  void refusesWhatDatabindRefusedWithTheSameMessage() {
    assertThatThrownBy(() -> loader.parse("disk:\n  enabled: maybe\n"))
        .hasMessage("disk.enabled: expected true or false, got 'maybe'");
    assertThatThrownBy(() -> loader.parse("disk:\n  enabled: 1.5\n"))
        .hasMessage("disk.enabled: expected true or false");
    assertThatThrownBy(() -> loader.parse("disk:\n  interval: [1s]\n"))
        .hasMessage("disk.interval: expected a string");
    assertThatThrownBy(() -> loader.parse("smart:\n  devices: /dev/sda\n"))
        .hasMessage("smart.devices: expected a list");
    assertThatThrownBy(() -> loader.parse("disk: ''\n"))
        .hasMessage("disk: expected a mapping (key: value), got ''");
    assertThatThrownBy(() -> loader.parse("disk: {}\n---\nlvm: {}\n"))
        .hasMessage("(top level): expected a mapping (key: value)");
    assertThatThrownBy(() -> loader.parse("# only a comment\n"))
        .hasMessage("(top level): expected a mapping (key: value)");
    // A value of the wrong kind, then the section's own checks, then unknown keys.
    assertThatThrownBy(() -> loader.parse("disk:\n  intervall: 1s\n  interval: soon\n"))
        .hasMessageStartingWith("disk.interval: must be a duration");
    assertThatThrownBy(() -> loader.parse("disk:\n  interval: soon\n  enabled: [x]\n"))
        .hasMessage("disk.enabled: expected true or false");
  }

  @Test
  void namesTheKeyWhereDatabindShowedItsInternals() {
    assertThatThrownBy(() -> loader.parse("smart:\n  devices:\n    - ~\n"))
        .hasMessage("smart.devices[0]: expected a mapping (key: value)");
    assertThatThrownBy(() -> loader.parse("disk:\n  interval: 9999999999999999d\n"))
        .hasMessage("disk.interval: long overflow");
  }

  @Test
  void reportsBrokenYamlWithItsLine() {
    assertThatThrownBy(() -> loader.parse("disk:\n  interval: 1s\n   histograms: [\n"))
        .hasMessageContaining("line")
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> loader.load(Path.of("/nonexistent/storage-agent.yml")))
        .hasMessage("/nonexistent/storage-agent.yml: no such file");
  }

  @Test
  void durationsFollowPrometheusSyntax() {
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
    assertThatThrownBy(() -> Durations.parse("5")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Durations.parse("-5s")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
  }
}
