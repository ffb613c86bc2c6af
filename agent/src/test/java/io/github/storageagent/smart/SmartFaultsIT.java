package io.github.storageagent.smart;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.it.AgentProcess;
import io.github.storageagent.testing.Exposition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

  /**
   * The serial label of the six copies of one capture: the same drive six times over, which a real
   * node never has, but the series stay apart by device.
   */
  private static final String MX500 = "serial=\"2117E59A1B2C\"";

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

    try (AgentProcess agent =
        agent(fake, "disk:\n  enabled: false\nsmart:\n  interval: 5s\n  timeout: 2s\n")) {
      // Scrapes answer while the first run is still waiting on the hung device.
      Exposition during = agent.scrapeUntil(e -> fake.hasPid("sda"), Duration.ofSeconds(20));
      assertThat(during.text()).contains("storage_collector_success");

      Exposition scrape =
          agent.scrapeUntil(
              e -> e.text().contains("storage_smart_device_active{device=\"nvme0\","),
              Duration.ofSeconds(30));
      String body = scrape.text();

      assertThat(body)
          .contains(
              "storage_nvme_percentage_used_ratio{device=\"nvme0\",serial=\"S64GNE0R601234\"} 0.01")
          .contains("storage_smart_healthy{device=\"nvme0\",serial=\"S64GNE0R601234\"} 1.0");
      for (String dev : new String[] {"sda", "sdb", "sdc", "sdd"}) {
        assertThat(body)
            .as(dev)
            // never read, nothing in sysfs: the kernel name stands in for the serial
            .contains("device=\"" + dev + "\",firmware=\"\"")
            .contains("serial=\"" + dev + "\",type=\"sat\"")
            .doesNotContain("storage_smart_device_active{device=\"" + dev + "\"")
            .doesNotContain("storage_smartctl_exit_status{device=\"" + dev + "\"")
            .doesNotContain("storage_ata_attribute_raw{device=\"" + dev + "\"");
      }
      assertThat(body)
          .contains("storage_smartctl_exit_status{device=\"sde\",serial=\"sde\"} 2.0")
          .contains("storage_smartctl_exit_status{device=\"sdf\",serial=\"sdf\"} 1.0")
          .doesNotContain("storage_ata_attribute_raw{device=\"sde\"")
          .doesNotContain("storage_ata_attribute_raw{device=\"sdf\"");
      for (int bit = 2; bit <= 7; bit++) {
        String dev = bitDevices[bit - 2];
        assertThat(body)
            .as("exit bit %d keeps %s's data", bit, dev)
            .contains(
                "storage_smartctl_exit_status{device=\""
                    + dev
                    + "\","
                    + MX500
                    + "} "
                    + (1 << bit)
                    + ".0")
            .contains("storage_smart_device_active{device=\"" + dev + "\"," + MX500 + "} 1.0")
            .contains(
                "storage_ata_attribute_raw{device=\""
                    + dev
                    + "\",id=\"202\",name=\"Percent_Lifetime_Remain\","
                    + MX500
                    + "} 9.0");
      }
      assertThat(body).contains("storage_smart_healthy{device=\"sdh\"," + MX500 + "} 0.0");
      assertThat(errors(scrape)).isGreaterThanOrEqualTo(6);

      // The hung smartctl was killed at the timeout and reaped.
      long hung = fake.pidOf("sda");
      long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (procStat(hung).isPresent() && System.nanoTime() < end) {
        Thread.sleep(100);
      }
      assertThat(procStat(hung)).as("hung smartctl pid %d gone", hung).isEmpty();
      assertThat(zombieChildren(agent.pid())).isEmpty();

      // A second round: the failures repeat, the log does not.
      int calls = countReads(fake, "sda");
      agent.scrapeUntil(e -> countReadsUnchecked(fake, "sda") > calls + 1, Duration.ofSeconds(30));
      agent.scrape();
      assertThat(zombieChildren(agent.pid())).isEmpty();
      String log = agent.logs();
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

  /**
   * The agent with {@code fake} first on its PATH and {@code configYaml} as its config, returned as
   * soon as it listens; every request to it must answer within two seconds.
   */
  static AgentProcess agent(FakeSmartctlScript fake, String configYaml) throws Exception {
    return AgentProcess.launch()
        .pathFirst(fake.dir())
        .config(configYaml)
        .requestTimeout(Duration.ofSeconds(2))
        .listeningOnly()
        .start("--path.sysfs=" + fake.sysfs());
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

  static double errors(Exposition scrape) {
    Double errors = scrape.value("storage_collector_errors_total{collector=\"smart\"}");
    assertThat(errors).as("errors_total for smart").isNotNull();
    return errors;
  }

  /** State letter and parent pid of a process from /proc, empty if it does not exist. */
  private static Optional<String[]> procStat(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Optional.of(new String[] {rest[0], rest[1]});
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Zombie children of {@code parent} (state Z), by scanning /proc. */
  private static List<Long> zombieChildren(long parent) throws IOException {
    List<Long> zombies = new ArrayList<>();
    try (var dirs = Files.list(Path.of("/proc"))) {
      for (Path d : (Iterable<Path>) dirs::iterator) {
        String name = d.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        long pid = Long.parseLong(name);
        procStat(pid)
            .filter(s -> s[0].equals("Z") && Long.parseLong(s[1]) == parent)
            .ifPresent(s -> zombies.add(pid));
      }
    }
    return zombies;
  }

  private static int occurrences(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
