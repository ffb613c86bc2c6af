package io.github.storageagent.smart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real agent against a fake smartctl that hangs on one device, prints garbage or 20 MB on
 * others, crashes, fails to open, and exits with each exit bit: the healthy device and every device
 * with bits 2-7 keep their data, scrapes answer at once, and the hung process is killed at the
 * timeout without leaving a zombie.
 */
@Timeout(90)
class SmartFaultsIT {

  @TempDir Path tmp;

  @Test
  void oneDevicesFaultNeverCostsAnotherItsMetrics() throws Exception {
    FakeSmartctlScript fake =
        new FakeSmartctlScript(tmp.resolve("bin"))
            .device("nvme0", "nvme", "nvme-samsung-pm9a3-healthy.json")
            .device("sda", "sat", "sata-hdd-seagate-exos-pending-exit64.json")
            .mode("sda", "hang")
            .device("sdb", "sat", "sata-hdd-seagate-exos-pending-exit64.json")
            .mode("sdb", "garbage")
            .device("sdc", "sat", "sata-hdd-seagate-exos-pending-exit64.json")
            .mode("sdc", "huge")
            .device("sdd", "sat", "sata-hdd-seagate-exos-pending-exit64.json")
            .mode("sdd", "crash")
            .device("sde", "sat", "open-failed-permission-exit2.json")
            .device("sdf", "sat", "bad-device-type-exit1.json");
    String[] bitDevices = {"sdg", "sdh", "sdi", "sdj", "sdk", "sdl"};
    for (int bit = 2; bit <= 7; bit++) {
      fake.deviceWithExit(
          bitDevices[bit - 2], "sat", "sata-ssd-crucial-mx500-exit4.json", 1 << bit);
    }

    try (SmartAgentProcess agent =
        SmartAgentProcess.start(
            tmp, "disk:\n  enabled: false\nsmart:\n  interval: 5s\n  timeout: 2s\n", fake.dir())) {
      // Scrapes answer while the first run is still waiting on the hung device.
      String during = agent.awaitScrape(Duration.ofSeconds(20), b -> fake.hasPid("sda"));
      assertThat(during).contains("storage_collector_success");

      String body =
          agent.awaitScrape(
              Duration.ofSeconds(30),
              b -> b.contains("storage_smart_device_active{device=\"nvme0\"}"));

      assertThat(body)
          .contains("storage_nvme_percentage_used_ratio{device=\"nvme0\"} 0.01")
          .contains("storage_smart_healthy{device=\"nvme0\"} 1.0");
      for (String dev : new String[] {"sda", "sdb", "sdc", "sdd"}) {
        assertThat(body)
            .as(dev)
            .contains("device=\"" + dev + "\",firmware=\"\"")
            .doesNotContain("storage_smart_device_active{device=\"" + dev + "\"}")
            .doesNotContain("storage_smartctl_exit_status{device=\"" + dev + "\"}")
            .doesNotContain("storage_ata_attribute_raw{device=\"" + dev + "\"");
      }
      assertThat(body)
          .contains("storage_smartctl_exit_status{device=\"sde\"} 2.0")
          .contains("storage_smartctl_exit_status{device=\"sdf\"} 1.0")
          .doesNotContain("storage_ata_attribute_raw{device=\"sde\"")
          .doesNotContain("storage_ata_attribute_raw{device=\"sdf\"");
      for (int bit = 2; bit <= 7; bit++) {
        String dev = bitDevices[bit - 2];
        assertThat(body)
            .as("exit bit %d keeps %s's data", bit, dev)
            .contains("storage_smartctl_exit_status{device=\"" + dev + "\"} " + (1 << bit) + ".0")
            .contains("storage_smart_device_active{device=\"" + dev + "\"} 1.0")
            .contains(
                "storage_ata_attribute_raw{device=\""
                    + dev
                    + "\",id=\"202\",name=\"Percent_Lifetime_Remain\"} 9.0");
      }
      assertThat(body).contains("storage_smart_healthy{device=\"sdh\"} 0.0");
      assertThat(errors(body)).isGreaterThanOrEqualTo(6);

      // The hung smartctl was killed at the timeout and reaped.
      long hung = fake.pidOf("sda");
      long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (SmartAgentProcess.procStat(hung).isPresent() && System.nanoTime() < end) {
        Thread.sleep(100);
      }
      assertThat(SmartAgentProcess.procStat(hung)).as("hung smartctl pid %d gone", hung).isEmpty();
      assertThat(SmartAgentProcess.zombieChildren(agent.pid())).isEmpty();

      // A second round: the failures repeat, the log does not.
      int calls = countReads(fake, "sda");
      agent.awaitScrape(Duration.ofSeconds(30), b -> countReadsUnchecked(fake, "sda") > calls + 1);
      agent.scrape();
      assertThat(SmartAgentProcess.zombieChildren(agent.pid())).isEmpty();
      String log = agent.log();
      assertThat(occurrences(log, "SMART device sda (/dev/sda) failed: timed out, smartctl killed"))
          .isEqualTo(1);
      assertThat(occurrences(log, "SMART device sdb (/dev/sdb) failed:")).isEqualTo(1);
      assertThat(occurrences(log, "SMART device sdc (/dev/sdc) failed: printed more output"))
          .isEqualTo(1);
      assertThat(occurrences(log, "SMART device sdd (/dev/sdd) failed: exit code 139"))
          .isEqualTo(1);
      assertThat(occurrences(log, "SMART device sde (/dev/sde) failed:")).isEqualTo(1);
      assertThat(log).contains("Permission denied");
    }
  }

  private static int countReads(FakeSmartctlScript fake, String dev) throws Exception {
    return (int) fake.calls().stream().filter(c -> c.startsWith(dev + " ")).count();
  }

  private static int countReadsUnchecked(FakeSmartctlScript fake, String dev) {
    try {
      return countReads(fake, dev);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static double errors(String body) {
    Matcher m =
        Pattern.compile("storage_collector_errors_total\\{collector=\"smart\"\\} (\\S+)")
            .matcher(body);
    assertThat(m.find()).as("errors_total for smart").isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static int occurrences(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
