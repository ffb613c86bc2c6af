package io.github.storageagent.lvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.it.AgentProcess;
import io.github.storageagent.testing.Exposition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar with fake lvs and vgs first on its PATH: fixtures, a failing lvs (exit 5), a hung
 * lvs and garbage output. The agent must stay up, keep serving disk metrics, report the collector
 * failure and drop pool data once it is older than max_age.
 */
@Timeout(60)
class LvmFakeToolsIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String LVM_OK = "storage_collector_success{collector=\"lvm\"}";
  private static final String DISK_SERIES =
      "storage_disk_reads_completed_total{device=\"nvme0n1\"}";

  @TempDir Path dir;
  private Path bin;
  private Path procfs;
  private Path sysfs;

  @BeforeEach
  void node() throws IOException {
    bin = Files.createDirectories(dir.resolve("bin"));
    procfs = Files.createDirectories(dir.resolve("proc"));
    sysfs = Files.createDirectories(dir.resolve("sys"));
    Files.writeString(
        procfs.resolve("diskstats"),
        " 259       0 nvme0n1 181213 5123 9112012 40211 220118 33120 17211800 61234 0 70123"
            + " 101445 512 0 1048576 120 9021 3310\n");
    fake("vgs", "cat '" + data("vgs.json", "vgs-pve8.json") + "'");
  }

  private Path data(String name, String fixture) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, Fixtures.read(fixture), StandardCharsets.UTF_8);
    return file;
  }

  private void fake(String name, String body) throws IOException {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/bin/bash\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private AgentProcess agent() throws Exception {
    return AgentProcess.launch()
        .pathFirst(bin)
        // Short intervals so that failures and max_age show within seconds.
        .config("lvm:\n  interval: 1s\n  timeout: 2s\n  max_age: 4s\ndisk:\n  interval: 1s\n")
        .start("--path.procfs=" + procfs, "--path.sysfs=" + sysfs);
  }

  private static boolean logged(AgentProcess agent, String line) {
    try {
      return agent.logs().contains(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean lvmSuccess(Exposition e, double value) {
    return Objects.equals(e.value(LVM_OK), value);
  }

  @Test
  void fixturePoolsAndTheirHealthStates() throws Exception {
    fake("lvs", "cat '" + data("lvs.json", "lvs-pool-states.json") + "'");
    try (AgentProcess agent = agent()) {
      Exposition s = agent.scrapeUntil("lvm success", e -> lvmSuccess(e, 1), WAIT);
      assertThat(
              s.value("storage_lvm_thinpool_health{pool=\"full\",state=\"out_of_data\",vg=\"tp\"}"))
          .isEqualTo(1);
      assertThat(s.value("storage_lvm_thinpool_health{pool=\"full\",state=\"ok\",vg=\"tp\"}"))
          .isEqualTo(0);
      assertThat(
              s.value(
                  "storage_lvm_thinpool_health{pool=\"metaro\",state=\"metadata_read_only\",vg=\"tp\"}"))
          .isEqualTo(1);
      assertThat(s.value("storage_lvm_thinpool_health{pool=\"healthy\",state=\"ok\",vg=\"tp\"}"))
          .isEqualTo(1);
      assertThat(s.value("storage_lvm_thinpool_data_used_ratio{pool=\"full\",vg=\"tp\"}"))
          .isEqualTo(1);
      assertThat(s.value("storage_lvm_thinpool_metadata_used_ratio{pool=\"metaro\",vg=\"tp\"}"))
          .isEqualTo(1);
      assertThat(
              s.value(
                  "storage_lvm_thin_volume_used_ratio{lv=\"vm-300-disk-0\",pool=\"full\",vg=\"tp\",vmid=\"300\"}"))
          .isEqualTo(0.6667);
      assertThat(s.value("storage_lvm_vg_size_bytes{vg=\"pve\"}")).isNotNull();
      assertThat(s.value(DISK_SERIES)).isNotNull();
    }
  }

  @Test
  void failingLvsKeepsTheAgentUpAndDropsStalePoolData() throws Exception {
    Path failMarker = dir.resolve("fail");
    fake(
        "lvs",
        "if [ -e '"
            + failMarker
            + "' ]; then\n  echo '  Volume group \"tp\" not found' >&2\n"
            + "  echo '  Cannot process volume group tp' >&2\n  exit 5\nfi\ncat '"
            + data("lvs.json", "lvs-pool-states.json")
            + "'");
    try (AgentProcess agent = agent()) {
      agent.scrapeUntil(
          "pool data",
          e -> lvmSuccess(e, 1) && e.text().contains("storage_lvm_thinpool_size_bytes{"),
          WAIT);
      Files.createFile(failMarker);
      Exposition s =
          agent.scrapeUntil(
              "lvm failure and pool data gone after max_age",
              e -> lvmSuccess(e, 0) && !e.text().contains("storage_lvm_"),
              WAIT);
      assertThat(s.value(DISK_SERIES)).isNotNull();
      assertThat(s.value("storage_collector_success{collector=\"disk\"}")).isEqualTo(1);
      assertThat(s.value("storage_collector_errors_total{collector=\"lvm\"}"))
          .isGreaterThanOrEqualTo(1);
      assertThat(agent.get("/-/healthy", Map.of()).statusCode()).isEqualTo(200);
      assertThat(agent.logs())
          .contains(
              "collector lvm failed: lvs exited with status 5: Volume group \\\"tp\\\" not found");
      assertThat(agent.isAlive()).isTrue();
    }
  }

  @Test
  void hangingLvsIsKilledAndTheRunFails() throws Exception {
    Path pidFile = dir.resolve("lvs.pid");
    fake("lvs", "echo $$ > '" + pidFile + "'\nexec sleep 600");
    try (AgentProcess agent = agent()) {
      Exposition s = agent.scrapeUntil("lvm failure", e -> lvmSuccess(e, 0), WAIT);
      assertThat(s.text()).doesNotContain("storage_lvm_");
      assertThat(s.value(DISK_SERIES)).isNotNull();
      agent.scrapeUntil("timeout logged", e -> logged(agent, "lvs did not finish within 2s"), WAIT);
      assertThat(agent.logs())
          .contains("collector lvm failed: lvs did not finish within 2s and was killed");
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      agent.scrapeUntil(
          "hung lvs " + pid + " killed",
          e -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true),
          WAIT);
      assertThat(agent.isAlive()).isTrue();
    }
  }

  @Test
  void invalidJsonFailsTheRunWithAClearMessage() throws Exception {
    fake(
        "lvs", "echo '  {'\necho '      \"report\": ['\necho '          {\"lv\": [ {\"vg_name\":'");
    try (AgentProcess agent = agent()) {
      Exposition s = agent.scrapeUntil("lvm failure", e -> lvmSuccess(e, 0), WAIT);
      assertThat(s.text()).doesNotContain("storage_lvm_");
      assertThat(s.value(DISK_SERIES)).isNotNull();
      agent.scrapeUntil(
          "parse failure logged",
          e -> logged(agent, "collector lvm failed: lvs output: not valid JSON"),
          WAIT);
    }
  }
}
