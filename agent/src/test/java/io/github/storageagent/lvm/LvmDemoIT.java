package io.github.storageagent.lvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.storageagent.it.AgentProcess;
import io.github.storageagent.testing.Exposition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The demo node's LVM side through the real jar, and promtool's verdict on its scrape. */
@Timeout(60)
class LvmDemoIT {

  @TempDir Path dir;

  @Test
  void demoServesTwoFillingPoolsThatPromtoolAccepts() throws Exception {
    try (AgentProcess agent = AgentProcess.start(Map.of(), "--demo")) {
      Exposition s =
          agent.scrapeUntil(
              "demo lvm data",
              e ->
                  Objects.equals(e.value("storage_collector_success{collector=\"lvm\"}"), 1.0)
                      && e.text().contains("storage_disk_reads_completed_total"),
              Duration.ofSeconds(30));
      assertThat(s.value("storage_lvm_thinpool_health{pool=\"data\",state=\"ok\",vg=\"pve\"}"))
          .isEqualTo(1);
      assertThat(s.value("storage_lvm_thinpool_health{pool=\"fastpool\",state=\"ok\",vg=\"fast\"}"))
          .isEqualTo(1);
      assertThat(s.value("storage_lvm_thinpool_data_used_ratio{pool=\"data\",vg=\"pve\"}"))
          .isBetween(0.6, 0.75);
      assertThat(s.value("storage_lvm_thinpool_metadata_used_ratio{pool=\"data\",vg=\"pve\"}"))
          .isBetween(0.7, 1.0);
      assertThat(s.value("storage_lvm_thinpool_when_full_error{pool=\"fastpool\",vg=\"fast\"}"))
          .isEqualTo(1);
      assertThat(s.named("storage_lvm_thin_volume_size_bytes")).hasSizeBetween(55, 65);
      assertThat(s.all())
          .containsKeys(
              "storage_lvm_thin_volume_size_bytes{lv=\"vm-201-disk-0\",pool=\"fastpool\",vg=\"fast\",vmid=\"201\"}",
              "storage_lvm_thin_volume_size_bytes{lv=\"base-9000-disk-0\",pool=\"data\",vg=\"pve\",vmid=\"9000\"}",
              "storage_lvm_thin_volume_size_bytes{lv=\"scratch\",pool=\"fastpool\",vg=\"fast\",vmid=\"\"}");
      promtoolCheckMetrics(s.text());
    }
  }

  private void promtoolCheckMetrics(String scrape) throws IOException, InterruptedException {
    Path input = dir.resolve("scrape.txt");
    Files.writeString(input, scrape, StandardCharsets.UTF_8);
    Process p;
    try {
      p =
          new ProcessBuilder("promtool", "check", "metrics")
              .redirectInput(input.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      fail(
          "promtool is needed for this test: install it (Debian/Ubuntu: apt-get install prometheus)");
      return;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("promtool check metrics:\n" + out).isZero();
    assertThat(out).as("promtool findings").isBlank();
  }
}
