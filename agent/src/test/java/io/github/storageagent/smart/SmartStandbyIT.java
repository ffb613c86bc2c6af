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
 * no SMART data and no error, and never wakes it; when it wakes on its own, data returns. A disk
 * asleep since the agent started gets its identity from sysfs, without being woken, and keeps its
 * serial label when it wakes.
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
            + "model=\"ST4000NM000A-2HZ100\",protocol=\"ATA\",serial=\"WJG1X2Y3\",type=\"sat\","
            + "wwn=\"0x5000c500a205b064\"} 1";

    try (AgentProcess agent =
        SmartFaultsIT.agent(
            fake,
            "disk:\n  enabled: false\nsmart:\n  interval: 5s\n  timeout: 2s\n  power_mode: idle\n")) {
      Exposition awake = awaitSdbActive(agent, "1.0");
      assertThat(awake.text())
          .contains(identity)
          .contains("storage_ata_attribute_raw{device=\"sdb\",");

      fake.mode("sdb", "standby");
      Exposition asleep = awaitSdbActive(agent, "0.0");
      assertThat(asleep.text())
          .contains(identity)
          .contains("storage_smartctl_exit_status{device=\"sdb\",serial=\"WJG1X2Y3\"} 2.0")
          .doesNotContain("storage_ata_attribute_raw{device=\"sdb\"")
          .doesNotContain("storage_smart_temperature_celsius{device=\"sdb\"")
          .doesNotContain("storage_smart_healthy{device=\"sdb\"");
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

  @Test
  void diskAsleepSinceTheStartIsNamedFromSysfsAndKeepsItsSerialWhenItWakes() throws Exception {
    // libata's sysfs view of the disk: model cut to 16 characters, the revision the last 4 of
    // the firmware, the serial space padded in VPD page 0x80.
    FakeSmartctlScript fake =
        new FakeSmartctlScript(tmp.resolve("bin"))
            .device("sdc", "sat", "sata-hdd-wdc-failing-exit56.json")
            .mode("sdc", "standby")
            .standbyAnswer("sdc", "sata-standby-smartctl75-exit2.json")
            .sysfsSata(
                "sdc",
                "WDC WD4003FZEX-00Z4SA0",
                "01.01A01",
                "WD-WMC5D0D4XK1R",
                "0x5000c500a205b064");

    try (AgentProcess agent =
        SmartFaultsIT.agent(
            fake,
            "disk:\n  enabled: false\nsmart:\n  interval: 5s\n  timeout: 2s\n  power_mode: idle\n")) {
      Exposition asleep = awaitActive(agent, "sdc", "WD-WMC5D0D4XK1R", "0.0");
      assertThat(asleep.text())
          .contains(
              "storage_smart_device_info{block_device=\"sdc\",device=\"sdc\",firmware=\"1A01\","
                  + "model=\"WDC WD4003FZEX-0\",protocol=\"ATA\",serial=\"WD-WMC5D0D4XK1R\","
                  + "type=\"sat\",wwn=\"0x5000c500a205b064\"} 1")
          .contains("storage_smartctl_exit_status{device=\"sdc\",serial=\"WD-WMC5D0D4XK1R\"} 2.0")
          .doesNotContain("serial=\"sdc\"")
          .doesNotContain("storage_smart_healthy{device=\"sdc\"");
      assertThat(fake.wakes()).isEmpty();

      // Awake: smartctl's identity (full model, firmware), the serial label as before.
      fake.mode("sdc", "print");
      Exposition awake = awaitActive(agent, "sdc", "WD-WMC5D0D4XK1R", "1.0");
      assertThat(awake.text())
          .contains(
              "device=\"sdc\",firmware=\"01.01A01\",model=\"WDC WD4003FZEX-00Z4SA0\",protocol=\"ATA\","
                  + "serial=\"WD-WMC5D0D4XK1R\"")
          .contains("storage_smart_healthy{device=\"sdc\",serial=\"WD-WMC5D0D4XK1R\"} 0.0")
          .doesNotContain("serial=\"sdc\"");
    }
    assertThat(fake.wakes()).isEmpty();
  }

  /** Scrapes until sdb's storage_smart_device_active reads {@code value} as printed. */
  private static Exposition awaitSdbActive(AgentProcess agent, String value) throws Exception {
    return awaitActive(agent, "sdb", "WJG1X2Y3", value);
  }

  private static Exposition awaitActive(
      AgentProcess agent, String device, String serial, String value) throws Exception {
    String line =
        "storage_smart_device_active{device=\"" + device + "\",serial=\"" + serial + "\"} " + value;
    return agent.scrapeUntil(e -> e.text().contains(line), Duration.ofSeconds(30));
  }
}
