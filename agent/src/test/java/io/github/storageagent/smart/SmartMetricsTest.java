package io.github.storageagent.smart;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SmartMetricsTest {

  static String render(List<DeviceView> views) {
    return PrometheusTextFormatWriter.create()
        .toDebugString(new MetricSnapshots(SmartMetrics.families(views)));
  }

  static DeviceView read(SmartDevice device, String fixture) throws Exception {
    SmartReading r = Fixtures.reading(fixture);
    return new DeviceView(
        device,
        r.identity(),
        OptionalInt.of(1),
        OptionalInt.of(r.exitStatus().orElse(0)),
        Optional.of(r));
  }

  @Test
  void nvmeFamiliesInBaseUnits() throws Exception {
    String text =
        render(
            List.of(
                read(
                    SmartDevice.of("/dev/nvme2", "nvme", "NVMe"),
                    "nvme-kioxia-critical-warning-exit8.json")));

    assertThat(text)
        .contains(
            "storage_smart_device_info{block_device=\"\",device=\"nvme2\",firmware=\"GPK6\","
                + "model=\"KIOXIA KCD6XLUL3T84\",protocol=\"NVMe\",serial=\"X1N0A0AVTCF8\",type=\"nvme\",wwn=\"\"} 1")
        .contains("storage_smart_device_active{device=\"nvme2\",serial=\"X1N0A0AVTCF8\"} 1.0")
        .contains("storage_smartctl_exit_status{device=\"nvme2\",serial=\"X1N0A0AVTCF8\"} 8.0")
        .contains("storage_smart_healthy{device=\"nvme2\",serial=\"X1N0A0AVTCF8\"} 0.0")
        .contains(
            "storage_smart_temperature_celsius{device=\"nvme2\",serial=\"X1N0A0AVTCF8\"} 52.0")
        .contains(
            "storage_smart_power_on_seconds{device=\"nvme2\",serial=\"X1N0A0AVTCF8\"} 1.368072E8")
        .contains("storage_smart_power_cycles{device=\"nvme2\",serial=\"X1N0A0AVTCF8\"} 61.0")
        .contains(
            "storage_smart_capacity_bytes{device=\"nvme2\",serial=\"X1N0A0AVTCF8\"} 3.840755982336E12")
        .contains("storage_nvme_critical_warning{device=\"nvme2\",serial=\"X1N0A0AVTCF8\"} 5.0")
        .contains(
            "storage_nvme_critical_warning_flag{device=\"nvme2\",flag=\"spare\",serial=\"X1N0A0AVTCF8\"} 1.0")
        .contains(
            "storage_nvme_critical_warning_flag{device=\"nvme2\",flag=\"temperature\",serial=\"X1N0A0AVTCF8\"} 0.0")
        .contains(
            "storage_nvme_critical_warning_flag{device=\"nvme2\",flag=\"reliability\",serial=\"X1N0A0AVTCF8\"} 1.0")
        .contains(
            "storage_nvme_critical_warning_flag{device=\"nvme2\",flag=\"read_only\",serial=\"X1N0A0AVTCF8\"} 0.0")
        .contains(
            "storage_nvme_critical_warning_flag{device=\"nvme2\",flag=\"volatile_backup\",serial=\"X1N0A0AVTCF8\"} 0.0")
        .contains(
            "storage_nvme_critical_warning_flag{device=\"nvme2\",flag=\"pmr_read_only\",serial=\"X1N0A0AVTCF8\"} 0.0")
        .contains(
            "storage_nvme_available_spare_ratio{device=\"nvme2\",serial=\"X1N0A0AVTCF8\"} 0.08")
        .contains(
            "storage_nvme_available_spare_threshold_ratio{device=\"nvme2\",serial=\"X1N0A0AVTCF8\"} 0.1")
        .contains(
            "storage_nvme_percentage_used_ratio{device=\"nvme2\",serial=\"X1N0A0AVTCF8\"} 1.03")
        .contains("storage_nvme_media_errors_total{device=\"nvme2\",serial=\"X1N0A0AVTCF8\"} 212.0")
        .contains(
            "storage_nvme_error_log_entries_total{device=\"nvme2\",serial=\"X1N0A0AVTCF8\"} 1310.0")
        .contains(
            "storage_nvme_unsafe_shutdowns_total{device=\"nvme2\",serial=\"X1N0A0AVTCF8\"} 57.0")
        // 9021445877 units × 512000 bytes
        .contains(
            "storage_nvme_data_read_bytes_total{device=\"nvme2\",serial=\"X1N0A0AVTCF8\"} 4.618980289024E15")
        .contains(
            "storage_nvme_data_written_bytes_total{device=\"nvme2\",serial=\"X1N0A0AVTCF8\"} 1.0754733064192E16")
        .doesNotContain("storage_ata_")
        .doesNotContain("storage_scsi_");
  }

  @Test
  void ataFamiliesWithDecodedBackblazeCountsAndFailingStates() throws Exception {
    String text =
        render(
            List.of(
                read(
                    SmartDevice.of("/dev/sda", "sat", "ATA"),
                    "sata-hdd-seagate-exos-pending-exit64.json"),
                read(
                    SmartDevice.of("/dev/sdc", "sat", "ATA"), "sata-hdd-wdc-failing-exit56.json")));

    assertThat(text)
        .contains(
            "storage_ata_attribute_raw{device=\"sda\",id=\"188\",name=\"Command_Timeout\",serial=\"WJG1X2Y3\"} 5.0")
        .contains(
            "storage_ata_attribute_raw{device=\"sda\",id=\"197\",name=\"Current_Pending_Sector\",serial=\"WJG1X2Y3\"} 24.0")
        .contains(
            "storage_ata_attribute_raw{device=\"sda\",id=\"1\",name=\"Raw_Read_Error_Rate\",serial=\"WJG1X2Y3\"} 2.0471831E8")
        .contains(
            "storage_ata_attribute_normalized{device=\"sda\",id=\"187\",name=\"Reported_Uncorrect\",serial=\"WJG1X2Y3\"} 77.0")
        .contains(
            "storage_ata_attribute_threshold{device=\"sda\",id=\"5\",name=\"Reallocated_Sector_Ct\",serial=\"WJG1X2Y3\"} 10.0")
        .contains("storage_smartctl_exit_status{device=\"sda\",serial=\"WJG1X2Y3\"} 64.0")
        .contains("storage_smart_healthy{device=\"sda\",serial=\"WJG1X2Y3\"} 1.0")
        .contains(
            "storage_ata_attribute_failing{device=\"sdc\",id=\"5\",name=\"Reallocated_Sector_Ct\",serial=\"WD-WMC5D0D4XK1R\",when=\"now\"} 1.0")
        .contains(
            "storage_ata_attribute_failing{device=\"sdc\",id=\"5\",name=\"Reallocated_Sector_Ct\",serial=\"WD-WMC5D0D4XK1R\",when=\"past\"} 0.0")
        .contains(
            "storage_ata_attribute_failing{device=\"sdc\",id=\"190\",name=\"Airflow_Temperature_Cel\",serial=\"WD-WMC5D0D4XK1R\",when=\"past\"} 1.0")
        .contains(
            "storage_ata_attribute_failing{device=\"sdc\",id=\"1\",name=\"Raw_Read_Error_Rate\",serial=\"WD-WMC5D0D4XK1R\",when=\"now\"} 0.0")
        .contains("storage_smart_healthy{device=\"sdc\",serial=\"WD-WMC5D0D4XK1R\"} 0.0")
        .doesNotContain("storage_nvme_");
  }

  @Test
  void thresholdAndFailingOnlyForAttributesWithANonZeroThreshold() throws Exception {
    String text =
        render(
            List.of(
                read(
                    SmartDevice.of("/dev/sda", "sat", "ATA"),
                    "sata-hdd-seagate-exos-pending-exit64.json")));

    // 9 Power_On_Hours: thresh 0, can never fail: raw and normalized only
    String hours = "{device=\"sda\",id=\"9\",name=\"Power_On_Hours\",serial=\"WJG1X2Y3\"}";
    assertThat(text)
        .contains("storage_ata_attribute_raw" + hours)
        .contains("storage_ata_attribute_normalized" + hours + " 62.0")
        .doesNotContain("storage_ata_attribute_threshold" + hours)
        .doesNotContain("storage_ata_attribute_failing{device=\"sda\",id=\"9\",");
    // 197 Current_Pending_Sector (thresh 0): the Backblaze counter stays, as raw
    assertThat(text)
        .contains(
            "storage_ata_attribute_raw{device=\"sda\",id=\"197\",name=\"Current_Pending_Sector\",serial=\"WJG1X2Y3\"} 24.0")
        .doesNotContain("storage_ata_attribute_failing{device=\"sda\",id=\"197\",");
    // 5 Reallocated_Sector_Ct: thresh 10: all four families
    String realloc = "{device=\"sda\",id=\"5\",name=\"Reallocated_Sector_Ct\",serial=\"WJG1X2Y3\"}";
    String reallocWhen =
        "{device=\"sda\",id=\"5\",name=\"Reallocated_Sector_Ct\",serial=\"WJG1X2Y3\",when=";
    assertThat(text)
        .contains("storage_ata_attribute_raw" + realloc)
        .contains("storage_ata_attribute_normalized" + realloc + " 99.0")
        .contains("storage_ata_attribute_threshold" + realloc + " 10.0")
        .contains("storage_ata_attribute_failing" + reallocWhen + "\"now\"} 0.0")
        .contains("storage_ata_attribute_failing" + reallocWhen + "\"past\"} 0.0");
    // 23 attributes, 8 of them with a threshold (1, 4, 5, 7, 10, 12, 184, 190)
    assertThat(series(text, "storage_ata_attribute_raw")).isEqualTo(23);
    assertThat(series(text, "storage_ata_attribute_normalized")).isEqualTo(23);
    assertThat(series(text, "storage_ata_attribute_threshold")).isEqualTo(8);
    assertThat(series(text, "storage_ata_attribute_failing")).isEqualTo(16);
  }

  @Test
  void anAttributeWithThresholdZeroHasNoThresholdOrFailingSeries() {
    AtaAttribute usage =
        new AtaAttribute(241, "Total_LBAs_Written", 100, 100, 0, "", false, 123456, "123456");
    AtaAttribute prefail =
        new AtaAttribute(5, "Reallocated_Sector_Ct", 100, 100, 36, "", true, 0, "0");

    assertThat(SmartMetrics.canFail(usage)).isFalse();
    assertThat(SmartMetrics.canFail(prefail)).isTrue();
  }

  private static long series(String text, String name) {
    return text.lines().filter(l -> l.startsWith(name + "{")).count();
  }

  @Test
  void scsiFamilies() throws Exception {
    String text =
        render(
            List.of(
                read(
                    SmartDevice.of("/dev/sde", "scsi", "SCSI"),
                    "sas-hdd-hgst-grown-defects-12.json")));

    assertThat(text)
        .contains("storage_scsi_grown_defects{device=\"sde\",serial=\"0BG7X1KD\"} 12.0")
        .contains(
            "storage_scsi_uncorrected_errors_total{device=\"sde\",op=\"read\",serial=\"0BG7X1KD\"} 2.0")
        .contains(
            "storage_scsi_uncorrected_errors_total{device=\"sde\",op=\"write\",serial=\"0BG7X1KD\"} 0.0")
        .contains(
            "storage_scsi_uncorrected_errors_total{device=\"sde\",op=\"verify\",serial=\"0BG7X1KD\"} 1.0")
        .contains("storage_smart_power_cycles{device=\"sde\",serial=\"0BG7X1KD\"} 112.0")
        .contains("storage_smart_healthy{device=\"sde\",serial=\"0BG7X1KD\"} 1.0");
  }

  @Test
  void asleepDeviceHasIdentityActiveZeroAndExitStatusOnly() {
    SmartDevice sdb = SmartDevice.of("/dev/sdb", "sat", "ATA");
    DeviceIdentity known =
        new DeviceIdentity(
            "sat",
            "ATA",
            "WDC WD80EFZZ-68BTXN0",
            "",
            "WD-CA1B2C3D",
            "81.00A81",
            "0x50014ee2b1c2d3e4");
    String text =
        render(
            List.of(
                new DeviceView(
                    sdb, known, OptionalInt.of(0), OptionalInt.of(2), Optional.empty())));

    assertThat(text)
        .contains(
            "storage_smart_device_info{block_device=\"sdb\",device=\"sdb\",firmware=\"81.00A81\","
                + "model=\"WDC WD80EFZZ-68BTXN0\",protocol=\"ATA\",serial=\"WD-CA1B2C3D\",type=\"sat\","
                + "wwn=\"0x50014ee2b1c2d3e4\"} 1")
        .contains("storage_smart_device_active{device=\"sdb\",serial=\"WD-CA1B2C3D\"} 0.0")
        .contains("storage_smartctl_exit_status{device=\"sdb\",serial=\"WD-CA1B2C3D\"} 2.0");
    assertThat(text.lines().filter(l -> !l.startsWith("#")).count()).isEqualTo(3);
  }

  @Test
  void failingExitBitWithoutHealthSectionStillSaysUnhealthy() throws Exception {
    SmartReading r = SmartctlJsonParser.parseReading("{\"smartctl\":{\"exit_status\":8}}");
    String text =
        render(
            List.of(
                new DeviceView(
                    SmartDevice.of("/dev/sda", "sat", "ATA"),
                    r.identity(),
                    OptionalInt.of(1),
                    OptionalInt.of(8),
                    Optional.of(r))));
    // Nothing says who the disk is: the kernel name stands in for its serial.
    assertThat(text).contains("storage_smart_healthy{device=\"sda\",serial=\"sda\"} 0.0");
  }

  @Test
  void ataSelfTestEnduranceAndTemperatureLimits() throws Exception {
    String text =
        render(
            List.of(
                read(
                    SmartDevice.of("/dev/sdb", "sat", "ATA"),
                    "sata-ssd-samsung-870evo-selftest-passed-devstat.json"),
                read(
                    SmartDevice.of("/dev/sdc", "sat", "ATA"),
                    "sata-hdd-selftest-read-failure-exit128.json"),
                read(
                    SmartDevice.of("/dev/sde", "sat", "ATA"),
                    "sata-hdd-selftest-in-progress.json")));

    assertThat(text)
        .contains(
            "storage_smart_selftest_last_result{device=\"sdb\",result=\"passed\",serial=\"S626NJ0R812345X\"} 1.0")
        .contains(
            "storage_smart_selftest_last_result{device=\"sdb\",result=\"failed\",serial=\"S626NJ0R812345X\"} 0.0")
        .contains(
            "storage_smart_selftest_last_result{device=\"sdb\",result=\"aborted\",serial=\"S626NJ0R812345X\"} 0.0")
        .contains(
            "storage_smart_selftest_last_result{device=\"sdb\",result=\"unknown\",serial=\"S626NJ0R812345X\"} 0.0")
        .contains(
            "storage_smart_selftest_last_type{device=\"sdb\",serial=\"S626NJ0R812345X\",type=\"short\"} 1.0")
        .contains(
            "storage_smart_selftest_last_type{device=\"sdb\",serial=\"S626NJ0R812345X\",type=\"extended\"} 0.0")
        // 21504 h now, 21480 h at the test
        .contains(
            "storage_smart_selftest_last_age_seconds{device=\"sdb\",serial=\"S626NJ0R812345X\"} 86400.0")
        .contains(
            "storage_smart_selftest_in_progress{device=\"sdb\",serial=\"S626NJ0R812345X\"} 0.0")
        .doesNotContain(
            "storage_smart_selftest_remaining_ratio{device=\"sdb\",serial=\"S626NJ0R812345X\"}")
        .contains(
            "storage_ata_percentage_used_ratio{device=\"sdb\",serial=\"S626NJ0R812345X\"} 0.23")
        // 91284773056 and 48722313984 sectors of 512 bytes
        .contains(
            "storage_ata_data_written_bytes_total{device=\"sdb\",serial=\"S626NJ0R812345X\"} 4.6737803804672E13")
        .contains(
            "storage_ata_data_read_bytes_total{device=\"sdb\",serial=\"S626NJ0R812345X\"} 2.4945824759808E13")
        .contains(
            "storage_smart_temperature_limit_celsius{device=\"sdb\",limit=\"operating_max\",serial=\"S626NJ0R812345X\"} 70.0")
        .contains(
            "storage_smart_temperature_limit_celsius{device=\"sdb\",limit=\"critical\",serial=\"S626NJ0R812345X\"} 70.0")
        .contains(
            "storage_smart_selftest_last_result{device=\"sdc\",result=\"failed\",serial=\"WJG1Z9K4\"} 1.0")
        .contains(
            "storage_smart_selftest_last_result{device=\"sdc\",result=\"passed\",serial=\"WJG1Z9K4\"} 0.0")
        .contains(
            "storage_smart_selftest_last_type{device=\"sdc\",serial=\"WJG1Z9K4\",type=\"extended\"} 1.0")
        .contains(
            "storage_smart_selftest_last_age_seconds{device=\"sdc\",serial=\"WJG1Z9K4\"} 86400.0")
        .doesNotContain("storage_ata_percentage_used_ratio{device=\"sdc\",serial=\"WJG1Z9K4\"}")
        .contains(
            "storage_smart_temperature_limit_celsius{device=\"sdc\",limit=\"operating_max\",serial=\"WJG1Z9K4\"} 60.0")
        .doesNotContain(
            "storage_smart_temperature_limit_celsius{device=\"sdc\",limit=\"critical\",serial=\"WJG1Z9K4\"}")
        .contains("storage_smart_selftest_in_progress{device=\"sde\",serial=\"WJG1Q7M2\"} 1.0")
        .contains("storage_smart_selftest_remaining_ratio{device=\"sde\",serial=\"WJG1Q7M2\"} 0.9")
        .contains(
            "storage_smart_selftest_last_result{device=\"sde\",result=\"passed\",serial=\"WJG1Q7M2\"} 1.0");
  }

  @Test
  void nvmeSelfTestsAndCompositeThresholds() throws Exception {
    String text =
        render(
            List.of(
                read(
                    SmartDevice.of("/dev/nvme0", "nvme", "NVMe"),
                    "nvme-selftest-passed-smartctl74.json"),
                read(
                    SmartDevice.of("/dev/nvme1", "nvme", "NVMe"),
                    "nvme-selftest-failed-segments-smartctl74.json"),
                read(
                    SmartDevice.of("/dev/nvme2", "nvme", "NVMe"),
                    "nvme-selftest-in-progress-smartctl75.json")));

    assertThat(text)
        .contains(
            "storage_smart_selftest_last_result{device=\"nvme0\",result=\"passed\",serial=\"S64GNE0R601234\"} 1.0")
        // 6530 h now, 6506 h at the test
        .contains(
            "storage_smart_selftest_last_age_seconds{device=\"nvme0\",serial=\"S64GNE0R601234\"} 86400.0")
        .contains(
            "storage_smart_selftest_last_result{device=\"nvme1\",result=\"failed\",serial=\"23113C4F19B1\"} 1.0")
        .contains(
            "storage_smart_selftest_last_type{device=\"nvme1\",serial=\"23113C4F19B1\",type=\"extended\"} 1.0")
        .contains(
            "storage_smart_selftest_in_progress{device=\"nvme2\",serial=\"S64GNE0R605678\"} 1.0")
        .contains(
            "storage_smart_selftest_remaining_ratio{device=\"nvme2\",serial=\"S64GNE0R605678\"} 0.65")
        .contains(
            "storage_smart_temperature_limit_celsius{device=\"nvme2\",limit=\"operating_max\",serial=\"S64GNE0R605678\"} 80.0")
        .contains(
            "storage_smart_temperature_limit_celsius{device=\"nvme2\",limit=\"critical\",serial=\"S64GNE0R605678\"} 83.0")
        .doesNotContain("storage_smart_temperature_limit_celsius{device=\"nvme0\"")
        .doesNotContain("storage_ata_");
  }

  @Test
  void healthyDiskWithoutOptionalLogsStaysHealthyWithoutTheirFamilies() throws Exception {
    String text =
        render(
            List.of(
                read(SmartDevice.of("/dev/sda", "sat", "ATA"), "sata-qemu-no-gp-logs-exit4.json")));

    assertThat(text)
        .contains("storage_smart_healthy{device=\"sda\",serial=\"QM00003\"} 1.0")
        .contains("storage_smartctl_exit_status{device=\"sda\",serial=\"QM00003\"} 4.0")
        .contains("storage_smart_selftest_in_progress{device=\"sda\",serial=\"QM00003\"} 0.0")
        .doesNotContain("storage_smart_selftest_last_")
        .doesNotContain("storage_ata_percentage_used_ratio")
        .doesNotContain("storage_smart_temperature_limit_celsius");
  }

  @Test
  void noDevicesNoFamilies() {
    assertThat(SmartMetrics.families(List.of())).isEmpty();
  }

  @Test
  void aDriveWithoutSerialIsKnownByItsWwnElseByItsKernelName() {
    SmartDevice sdb = SmartDevice.of("/dev/sdb", "sat", "ATA");
    DeviceIdentity noSerial =
        new DeviceIdentity("sat", "ATA", "USB bridge", "", "", "", "0x5000c500a205b064");
    DeviceIdentity nothing = new DeviceIdentity("sat", "ATA", "USB bridge", "", "", "", "");

    assertThat(
            render(
                List.of(
                    new DeviceView(
                        sdb, noSerial, OptionalInt.of(0), OptionalInt.of(2), Optional.empty()))))
        .contains("storage_smart_device_active{device=\"sdb\",serial=\"0x5000c500a205b064\"} 0.0")
        .contains("serial=\"0x5000c500a205b064\",type=\"sat\",wwn=\"0x5000c500a205b064\"} 1");
    assertThat(
            render(
                List.of(
                    new DeviceView(
                        sdb, nothing, OptionalInt.of(0), OptionalInt.of(2), Optional.empty()))))
        .contains("storage_smart_device_active{device=\"sdb\",serial=\"sdb\"} 0.0");
  }
}
