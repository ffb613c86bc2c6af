package io.github.storageagent.smart;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.it.AgentProcess;
import io.github.storageagent.testing.Exposition;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk read while awake, then spun down: the agent keeps its identity, reports it inactive with
 * no SMART data and no error, and never wakes it; when it wakes on its own, data returns.
 */
@Timeout(90)
class SmartStandbyIT {

  @TempDir Path tmp;

  @Test
  void spunDownDiskKeepsItsIdentityAndIsNeverWoken() throws Exception {
    FakeSmartctlScript fake =
        new FakeSmartctlScript(tmp.resolve("bin"))
            .device("sdb", "sat", "sata-hdd-seagate-exos-pending-exit64.json")
            .standbyAnswer("sdb", "sata-standby-smartctl75-exit2.json");
    String identity =
        "storage_smart_device_info{block_device=\"sdb\",device=\"sdb\",firmware=\"TN04\","
            + "model=\"ST4000NM000A-2HZ100\",protocol=\"ATA\",serial=\"WJG1X2Y3\",type=\"sat\"} 1";

    try (AgentProcess agent =
        SmartFaultsIT.agent(
            fake,
            "disk:\n  enabled: false\nsmart:\n  interval: 5s\n  timeout: 2s\n  power_mode: idle\n")) {
      Exposition awake = awaitSdbActive(agent, "1.0");
      assertThat(awake.text())
          .contains(identity)
          .contains("storage_ata_attribute_raw{device=\"sdb\"");

      fake.mode("sdb", "standby");
      Exposition asleep = awaitSdbActive(agent, "0.0");
      assertThat(asleep.text())
          .contains(identity)
          .contains("storage_smartctl_exit_status{device=\"sdb\"} 2.0")
          .doesNotContain("storage_ata_attribute_raw{device=\"sdb\"")
          .doesNotContain("storage_smart_temperature_celsius{device=\"sdb\"}")
          .doesNotContain("storage_smart_healthy{device=\"sdb\"}");
      assertThat(SmartFaultsIT.errors(asleep)).isZero();

      fake.mode("sdb", "print");
      awaitSdbActive(agent, "1.0");
      assertThat(agent.logs())
          .contains("SMART device sdb (/dev/sdb) is in STANDBY mode, not woken");
    }
    assertThat(fake.wakes()).isEmpty();
    assertThat(fake.calls())
        .filteredOn(c -> !c.contains("--scan-open"))
        .isNotEmpty()
        .allMatch(c -> c.contains(" --nocheck=idle "), "carries the configured --nocheck=idle");
  }

  /** Scrapes until sdb's storage_smart_device_active reads {@code value} as printed. */
  private static Exposition awaitSdbActive(AgentProcess agent, String value) throws Exception {
    String line = "storage_smart_device_active{device=\"sdb\"} " + value;
    return agent.scrapeUntil(e -> e.text().contains(line), Duration.ofSeconds(30));
  }
}
