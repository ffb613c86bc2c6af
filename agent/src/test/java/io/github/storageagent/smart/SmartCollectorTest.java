package io.github.storageagent.smart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.storageagent.collect.Snapshot;
import io.github.storageagent.config.ConfigLoader;
import io.github.storageagent.config.SmartConfig;
import io.github.storageagent.exec.ExecException;
import io.github.storageagent.testing.ManualClock;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmartCollectorTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2025-11-24T09:20:00Z"));

  private static SmartConfig config(String yaml) throws Exception {
    return new ConfigLoader().parse("smart:\n" + yaml.indent(2)).smart();
  }

  private SmartCollector collector(FakeSmartctl fake, SmartConfig config) {
    return new SmartCollector(fake, config, clock, clock.ticker()::read);
  }

  private static String text(Snapshot s) {
    return PrometheusTextFormatWriter.create().toDebugString(new MetricSnapshots(s.families()));
  }

  private static FakeSmartctl twoHealthyDevices() {
    return new FakeSmartctl()
        .scanPrints("scan-sata-megaraid-nvme.json")
        .device("/dev/nvme0", "nvme-samsung-pm9a3-healthy.json")
        .device("/dev/sda", "sata-hdd-seagate-exos-pending-exit64.json");
  }

  @Test
  void atMostOneCallPerDevicePerIntervalHoweverOftenItRuns() throws Exception {
    FakeSmartctl fake = twoHealthyDevices();
    SmartCollector c = collector(fake, config("interval: 5m\ndevice_include: 'nvme0|sda'"));

    for (int i = 0; i < 50; i++) {
      c.collect();
    }
    clock.advance(Duration.ofMinutes(4));
    c.collect();
    assertThat(fake.reads("/dev/nvme0 nvme")).isEqualTo(1);
    assertThat(fake.reads("/dev/sda sat")).isEqualTo(1);

    // The next scheduler tick, one interval after the first call, reads again.
    clock.advance(Duration.ofMinutes(1));
    for (int i = 0; i < 50; i++) {
      c.collect();
    }
    assertThat(fake.reads("/dev/nvme0 nvme")).isEqualTo(2);
    assertThat(fake.reads("/dev/sda sat")).isEqualTo(2);
    assertThat(fake.scans()).isEqualTo(1);
  }

  @Test
  void aDeviceReachedSoonerThanInItsLastRoundWaitsOutItsReadWindow() throws Exception {
    // A slow scan (longer than the read window's slack) delays the first round's read; the next
    // tick, exactly one interval later and without a scan, finds the device still within its
    // window.
    String scan = Fixtures.text("scan-sata-megaraid-nvme.json");
    FakeSmartctl fake =
        twoHealthyDevices()
            .scanAnswers(
                () -> {
                  clock.advance(Duration.ofSeconds(6));
                  return Fixtures.result(0, scan);
                });
    SmartCollector c = collector(fake, config("interval: 5m\ndevice_include: nvme0"));
    Instant firstTick = clock.instant();
    c.collect();

    clock.advance(Duration.between(clock.instant(), firstTick.plus(Duration.ofMinutes(5))));
    Snapshot second = c.collect();
    assertThat(fake.reads("/dev/nvme0 nvme")).isEqualTo(1);
    assertThat(text(second))
        .contains("storage_smart_device_active{device=\"nvme0\",serial=\"S64GNE0R601234\"} 1.0");

    clock.advance(Duration.ofMinutes(5));
    c.collect();
    assertThat(fake.reads("/dev/nvme0 nvme")).isEqualTo(2);
  }

  @Test
  void oneDeviceTimingOutLeavesTheOthersAlone() throws Exception {
    FakeSmartctl fake = twoHealthyDevices().device("/dev/sda", FakeSmartctl::timeout);
    SmartCollector c = collector(fake, config("device_include: 'nvme0|sda'"));

    Snapshot s = c.collect();

    assertThat(s.problems()).isEqualTo(1);
    assertThat(text(s))
        .contains(
            "storage_nvme_percentage_used_ratio{device=\"nvme0\",serial=\"S64GNE0R601234\"} 0.01")
        .contains("storage_smart_device_active{device=\"nvme0\",serial=\"S64GNE0R601234\"} 1.0")
        .contains("device=\"sda\",firmware=\"\",model=\"\",protocol=\"ATA\",serial=\"sda\"")
        .doesNotContain("storage_smart_device_active{device=\"sda\"")
        .doesNotContain("storage_ata_attribute_raw{device=\"sda\"");
  }

  @Test
  void lastGoodReadingIsServedUntilMaxAgeThenDropped() throws Exception {
    FakeSmartctl fake = twoHealthyDevices();
    SmartCollector c = collector(fake, config("interval: 5m\nmax_age: 12m\ndevice_include: sda"));
    assertThat(text(c.collect())).contains("storage_ata_attribute_raw{device=\"sda\",id=\"197\"");

    fake.device("/dev/sda", () -> Fixtures.result(0, "garbage"));
    clock.advance(Duration.ofMinutes(5));
    Snapshot failed = c.collect();
    assertThat(failed.problems()).isEqualTo(1);
    assertThat(text(failed))
        .contains("storage_ata_attribute_raw{device=\"sda\",id=\"197\"")
        .contains("storage_smartctl_exit_status{device=\"sda\",serial=\"WJG1X2Y3\"} 64.0");

    clock.advance(Duration.ofMinutes(5));
    assertThat(text(c.collect())).contains("storage_ata_attribute_raw{device=\"sda\",id=\"197\"");

    clock.advance(Duration.ofMinutes(5));
    Snapshot expired = c.collect();
    assertThat(text(expired))
        .doesNotContain("storage_ata_attribute_raw{device=\"sda\"")
        .doesNotContain("storage_smart_device_active{device=\"sda\"")
        // the identity stays: the device exists, its data is just too old
        .contains("model=\"ST4000NM000A-2HZ100\"");
  }

  @Test
  void standbyIsNotAnErrorAndKeepsTheLastIdentity() throws Exception {
    FakeSmartctl fake = twoHealthyDevices();
    SmartCollector c = collector(fake, config("device_include: sda"));
    c.collect();

    fake.device("/dev/sda", "sata-standby-exit2.json");
    clock.advance(Duration.ofMinutes(5));
    Snapshot s = c.collect();

    assertThat(s.problems()).isZero();
    String text = text(s);
    assertThat(text)
        .contains(
            "storage_smart_device_info{block_device=\"sda\",device=\"sda\",firmware=\"TN04\","
                + "model=\"ST4000NM000A-2HZ100\",protocol=\"ATA\",serial=\"WJG1X2Y3\",type=\"sat\","
                + "wwn=\"0x5000c500a205b064\"} 1")
        .contains("storage_smart_device_active{device=\"sda\",serial=\"WJG1X2Y3\"} 0.0")
        .contains("storage_smartctl_exit_status{device=\"sda\",serial=\"WJG1X2Y3\"} 2.0")
        .doesNotContain("storage_ata_")
        .doesNotContain("storage_smart_healthy")
        .doesNotContain("storage_smart_temperature_celsius");
  }

  @Test
  void openFailureMeansNoDataThisRoundButAnExitStatus() throws Exception {
    FakeSmartctl fake = twoHealthyDevices();
    SmartCollector c = collector(fake, config("device_include: sda"));
    c.collect();

    fake.device("/dev/sda", "open-failed-permission-exit2.json");
    clock.advance(Duration.ofMinutes(5));
    Snapshot s = c.collect();

    assertThat(s.problems()).isEqualTo(1);
    assertThat(text(s))
        .contains("storage_smartctl_exit_status{device=\"sda\",serial=\"WJG1X2Y3\"} 2.0")
        .contains("model=\"ST4000NM000A-2HZ100\"")
        .doesNotContain("storage_ata_attribute")
        .doesNotContain("storage_smart_device_active{device=\"sda\"");
  }

  @Test
  void exitBitsTwoToSevenKeepEverything() throws Exception {
    FakeSmartctl fake =
        new FakeSmartctl()
            .scanPrints("scan-no-devices.json")
            .device("/dev/sdd", "sata-ssd-crucial-mx500-exit4.json")
            .device("/dev/sdc", "sata-hdd-wdc-failing-exit56.json");
    SmartCollector c =
        collector(
            fake,
            config("devices:\n  - {name: /dev/sdd, type: sat}\n  - {name: /dev/sdc, type: sat}"));

    Snapshot s = c.collect();

    assertThat(s.problems()).isZero();
    assertThat(text(s))
        .contains("storage_smartctl_exit_status{device=\"sdd\",serial=\"2117E59A1B2C\"} 4.0")
        .contains("storage_ata_attribute_raw{device=\"sdd\",id=\"202\"")
        .contains("storage_smartctl_exit_status{device=\"sdc\",serial=\"WD-WMC5D0D4XK1R\"} 56.0")
        .contains("storage_smart_healthy{device=\"sdc\",serial=\"WD-WMC5D0D4XK1R\"} 0.0")
        .contains("storage_ata_attribute_raw{device=\"sdc\",id=\"5\"");
  }

  @Test
  void configuredDevicesJoinTheScanAndWinOnTheSameLabel() throws Exception {
    FakeSmartctl fake = twoHealthyDevices().device("/dev/bus/0", "sat-megaraid-wd-re-exit0.json");
    SmartCollector c =
        collector(
            fake,
            config(
                "device_exclude: 'bus0_.*'\n"
                    + "devices:\n"
                    + "  - {name: /dev/sda, type: 'sat,12'}\n"
                    + "  - {name: /dev/bus/0, type: 'megaraid,2'}"));

    c.collect();

    assertThat(c.devices())
        .extracting(SmartDevice::label)
        .containsExactly("sda", "bus0_megaraid2", "nvme0", "nvme1");
    assertThat(fake.reads("/dev/sda sat,12")).isEqualTo(1);
    assertThat(fake.reads("/dev/sda sat")).isZero();
    assertThat(fake.reads("/dev/bus/0 megaraid,2")).isEqualTo(1);
    assertThat(fake.reads("/dev/bus/0 sat+megaraid,0")).isZero();
  }

  @Test
  void rescansOnItsOwnIntervalAndForgetsVanishedDevices() throws Exception {
    FakeSmartctl fake = twoHealthyDevices();
    SmartCollector c =
        collector(fake, config("interval: 5m\nrescan_interval: 10m\ndevice_include: 'nvme0|sda'"));
    c.collect();
    clock.advance(Duration.ofMinutes(5));
    c.collect();
    assertThat(fake.scans()).isEqualTo(1);

    fake.scanPrints("scan-no-devices.json");
    clock.advance(Duration.ofMinutes(5));
    Snapshot s = c.collect();

    assertThat(fake.scans()).isEqualTo(2);
    assertThat(c.devices()).isEmpty();
    assertThat(s.families()).isEmpty();
  }

  @Test
  void failedScanKeepsTheKnownDevices() throws Exception {
    FakeSmartctl fake = twoHealthyDevices();
    SmartCollector c = collector(fake, config("rescan_interval: 5m\ndevice_include: 'nvme0|sda'"));
    c.collect();

    fake.scanAnswers(FakeSmartctl::timeout);
    clock.advance(Duration.ofMinutes(5));
    Snapshot s = c.collect();

    assertThat(s.problems()).isEqualTo(1);
    assertThat(c.devices()).extracting(SmartDevice::label).containsExactly("sda", "nvme0");
    assertThat(text(s))
        .contains("storage_smart_device_active{device=\"nvme0\",serial=\"S64GNE0R601234\"} 1.0");
  }

  @Test
  void firstScanFailingStillReadsConfiguredDevices() throws Exception {
    FakeSmartctl fake =
        twoHealthyDevices().scanAnswers(() -> Fixtures.result(0, "not json at all"));
    SmartCollector c = collector(fake, config("devices:\n  - {name: /dev/nvme0, type: nvme}"));

    Snapshot s = c.collect();

    assertThat(s.problems()).isEqualTo(1);
    assertThat(text(s))
        .contains("storage_smart_device_active{device=\"nvme0\",serial=\"S64GNE0R601234\"} 1.0");
  }

  @Test
  void missingSmartctlFailsTheRun() throws Exception {
    SmartCollector c = collector(new FakeSmartctl().missing(), config("enabled: true"));
    assertThatThrownBy(c::collect)
        .isInstanceOf(ExecException.class)
        .hasMessageContaining("smartctl not found");
  }

  @Test
  void deadlineAllowsEveryDeviceItsTimeout() throws Exception {
    FakeSmartctl fake = twoHealthyDevices();
    SmartCollector c = collector(fake, config("timeout: 10s\ndevice_include: 'nvme0|sda'"));
    assertThat(c.deadline()).isEqualTo(Duration.ofSeconds(10 * (64 + 3) + 5));
    c.collect();
    assertThat(c.deadline()).isEqualTo(Duration.ofSeconds(10 * (2 + 3) + 5));
  }

  @Test
  void readWindowIsJustUnderTheInterval() {
    assertThat(SmartCollector.readWindow(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(295));
    assertThat(SmartCollector.readWindow(Duration.ofSeconds(5))).isEqualTo(Duration.ofMillis(4500));
  }

  @Test
  void aDiskAsleepFromTheStartHasItsIdentityFromSysfsAndNvmeItsBlockDeviceToo(@TempDir Path sysfs)
      throws Exception {
    Files.createDirectories(sysfs.resolve("class/nvme/nvme0/nvme0n2"));
    Files.createDirectories(sysfs.resolve("block/nvme0n2"));
    Path sda = Files.createDirectories(sysfs.resolve("block/sda/device"));
    Files.writeString(sda.resolve("model"), "ST4000NM000A-2H\n");
    Files.writeString(sda.resolve("wwid"), "t10.ATA     ST4000NM000A-2H    WJG1X2Y3\n");
    FakeSmartctl fake = twoHealthyDevices().device("/dev/sda", "sata-standby-exit2.json");
    SmartCollector c =
        new SmartCollector(
            fake,
            config("device_include: 'nvme0|sda'"),
            clock,
            clock.ticker()::read,
            new SmartSysfs(sysfs));

    String text = text(c.collect());

    assertThat(text)
        .contains(
            "storage_smart_device_info{block_device=\"sda\",device=\"sda\",firmware=\"\","
                + "model=\"ST4000NM000A-2H\",protocol=\"ATA\",serial=\"WJG1X2Y3\",type=\"sat\","
                + "wwn=\"\"} 1")
        .contains("storage_smart_device_active{device=\"sda\",serial=\"WJG1X2Y3\"} 0.0")
        .contains("block_device=\"nvme0n2\",device=\"nvme0\"");
  }
}
