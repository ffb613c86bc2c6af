package io.github.storageagent.smart;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.it.AgentProcess;
import io.github.storageagent.testing.Exposition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10 scrapes per second for a minute against the real agent: smartctl is still called at most once
 * per device per interval, every read carries the power-mode check, and the disk in standby is
 * never woken.
 */
@Timeout(180)
class SmartCallCountIT {

  private static final Duration INTERVAL = Duration.ofSeconds(5);
  private static final Duration OBSERVE = Duration.ofSeconds(60);

  @TempDir Path tmp;

  @Test
  void scrapeRateNeverDrivesSmartctlCalls() throws Exception {
    FakeSmartctlScript fake =
        new FakeSmartctlScript(tmp.resolve("bin"))
            .device("nvme0", "nvme", "nvme-samsung-pm9a3-healthy.json")
            .device("sda", "sat", "sata-hdd-seagate-exos-pending-exit64.json")
            .device("sdb", "sat", "sata-hdd-wdc-failing-exit56.json")
            .mode("sdb", "standby")
            .standbyAnswer("sdb", "sata-standby-exit2.json");

    long started = System.nanoTime();
    int scrapes = 0;
    Exposition last;
    try (AgentProcess agent =
        SmartFaultsIT.agent(
            fake, "disk:\n  enabled: false\nsmart:\n  interval: 5s\n  timeout: 2s\n")) {
      agent.scrapeUntil(
          e -> e.text().contains("storage_smart_device_active{device=\"sdb\","),
          Duration.ofSeconds(30));
      long observeEnd = System.nanoTime() + OBSERVE.toNanos();
      long next = System.nanoTime();
      last = null;
      while (next < observeEnd) {
        last = agent.scrape();
        scrapes++;
        // a fixed 100 ms cadence: 10 scrapes per second whatever one scrape takes
        next += 100_000_000L;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
    }
    double elapsedSeconds = (System.nanoTime() - started) / 1e9;
    List<String> calls = fake.calls();
    long allowed = (long) Math.ceil(elapsedSeconds / INTERVAL.toSeconds()) + 1;

    assertThat(scrapes).isGreaterThanOrEqualTo(540);
    for (String dev : List.of("nvme0", "sda", "sdb")) {
      List<String> reads =
          calls.stream()
              .filter(c -> c.startsWith(dev + " ") && !c.contains("--scan-open"))
              .toList();
      assertThat(reads.size())
          .as("%s: %d reads in %.1f s of 10 scrapes/s", dev, reads.size(), elapsedSeconds)
          .isLessThanOrEqualTo((int) allowed)
          .isGreaterThanOrEqualTo(2);
      assertThat(reads).allMatch(c -> c.contains(" --nocheck=standby "), "carries --nocheck");
    }
    assertThat(calls.stream().filter(c -> c.contains("--scan-open")).count()).isEqualTo(1);
    assertThat(fake.wakes()).as("standby disk woken by").isEmpty();
    assertThat(last.text())
        // asleep from the start, nothing in sysfs: the kernel name stands in for the serial
        .contains("storage_smart_device_active{device=\"sdb\",serial=\"sdb\"} 0.0")
        .contains("storage_smart_device_active{device=\"sda\",serial=\"WJG1X2Y3\"} 1.0")
        .contains("device=\"sdb\",firmware=\"\"")
        .doesNotContain("storage_ata_attribute_raw{device=\"sdb\"")
        .doesNotContain("storage_smart_healthy{device=\"sdb\"");
    assertThat(SmartFaultsIT.errors(last)).isZero();
    System.out.printf(
        "SmartCallCountIT: %d scrapes, %.1f s, reads per device %s, allowed %d%n",
        scrapes,
        elapsedSeconds,
        List.of("nvme0", "sda", "sdb").stream()
            .map(d -> d + "=" + calls.stream().filter(c -> c.startsWith(d + " ")).count())
            .toList(),
        allowed);
  }
}
