package io.github.storageagent.smart;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.it.AgentProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo node's SMART devices through the real agent: every demo scenario is there, joins disk IO
 * on block_device, and the scrape passes {@code promtool check metrics}.
 */
@Timeout(90)
class SmartDemoIT {

  @TempDir Path tmp;

  @Test
  void demoScrapeHasEveryScenarioAndPassesPromtool() throws Exception {
    String body;
    try (AgentProcess agent =
        AgentProcess.launch()
            .config("")
            .requestTimeout(Duration.ofSeconds(2))
            .listeningOnly()
            .start("--demo")) {
      body =
          agent
              .scrapeUntil(
                  e ->
                      e.text().contains("storage_smart_device_active{device=\"sdb\",")
                          && e.text().contains("storage_disk_info{"),
                  Duration.ofSeconds(30))
              .text();
    }
    assertThat(body)
        .contains(
            "storage_nvme_percentage_used_ratio{device=\"nvme0\",serial=\"S64HNE0T512345\"} 0.02")
        .contains(
            "storage_nvme_percentage_used_ratio{device=\"nvme1\",serial=\"22293B8F1A2C\"} 0.85")
        .containsPattern(
            "storage_nvme_media_errors_total\\{device=\"nvme2\",serial=\"PHLJ9160012Y4P0DGN\"\\}"
                + " 1\\d\\.0")
        .contains(
            "storage_ata_attribute_raw{device=\"sda\",id=\"197\",name=\"Current_Pending_Sector\","
                + "serial=\"WWZ4N2QX\"} 8.0")
        .contains(
            "storage_ata_attribute_raw{device=\"sda\",id=\"188\",name=\"Command_Timeout\","
                + "serial=\"WWZ4N2QX\"} 2.0")
        .contains("storage_smartctl_exit_status{device=\"sda\",serial=\"WWZ4N2QX\"} 64.0")
        // asleep since the demo started: its identity comes from sysfs, it is never woken
        .contains("storage_smart_device_active{device=\"sdb\",serial=\"WD-CA1B2C3D\"} 0.0")
        .contains(
            "device=\"sdb\",firmware=\"\",model=\"WDC WD80EFZZ-68BTXN0\",protocol=\"ATA\","
                + "serial=\"WD-CA1B2C3D\",type=\"sat\",wwn=\"0x5000ccad8e76be5d\"}")
        .contains("serial=\"S64HNE0T512345\",type=\"nvme\",wwn=\"0x0025383a2b1c214d\"}")
        .doesNotContain("storage_ata_attribute_raw{device=\"sdb\"");
    for (String block : new String[] {"nvme0n1", "nvme1n1", "nvme2n1", "sda", "sdb"}) {
      assertThat(body)
          .as("SMART and disk IO join on %s", block)
          .contains("block_device=\"" + block + "\"")
          .contains("storage_disk_info{device=\"" + block + "\"");
    }

    Path scrape = tmp.resolve("demo.prom");
    Files.writeString(scrape, body, StandardCharsets.UTF_8);
    Process promtool;
    try {
      promtool =
          new ProcessBuilder("promtool", "check", "metrics")
              .redirectInput(scrape.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new AssertionError(
          "promtool is needed for this test: install Prometheus' promtool (Debian: apt-get install prometheus)",
          e);
    }
    String out = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(promtool.exitValue()).as("promtool check metrics:%n%s", out).isZero();
  }
}
