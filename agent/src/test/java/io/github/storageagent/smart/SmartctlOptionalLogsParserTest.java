package io.github.storageagent.smart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The self-test log, device statistics and temperature limits parsed from smartctl JSON. */
class SmartctlOptionalLogsParserTest {

  @Test
  void ataPassedSelfTestDeviceStatisticsAndSctLimits() throws Exception {
    SmartReading r = Fixtures.reading("sata-ssd-samsung-870evo-selftest-passed-devstat.json");

    SelfTestLog log = r.selfTests().orElseThrow();
    assertThat(log.inProgress()).isFalse();
    assertThat(log.lastCompleted())
        .contains(
            new SelfTest(SelfTestResult.PASSED, SelfTestType.SHORT, 21480, SelfTest.ATA_HOUR_BITS));
    AtaDeviceStatistics stats = r.deviceStatistics().orElseThrow();
    assertThat(stats.percentageUsed()).hasValue(23);
    assertThat(stats.logicalSectorsWritten()).hasValue(91284773056L);
    assertThat(stats.logicalSectorsRead()).hasValue(48722313984L);
    assertThat(stats.logicalBlockSize()).hasValue(512);
    assertThat(r.temperatureLimits())
        .isEqualTo(new TemperatureLimits(OptionalLong.of(70), OptionalLong.of(70)));
  }

  @Test
  void ataFailedSelfTestIsTheNewestEntry() throws Exception {
    SmartReading r = Fixtures.reading("sata-hdd-selftest-read-failure-exit128.json");

    assertThat(r.exitStatus()).hasValue(128);
    SelfTestLog log = r.selfTests().orElseThrow();
    assertThat(log.lastCompleted())
        .contains(
            new SelfTest(
                SelfTestResult.FAILED, SelfTestType.EXTENDED, 40993, SelfTest.ATA_HOUR_BITS));
    assertThat(log.inProgress()).isFalse();
    // An HDD has no SSD page: no endurance, but the general page's counters.
    assertThat(r.deviceStatistics().orElseThrow().percentageUsed()).isEmpty();
    assertThat(r.deviceStatistics().orElseThrow().logicalSectorsWritten()).hasValue(402133177584L);
    // Device statistics page 5 only: an operating limit, no critical one.
    assertThat(r.temperatureLimits())
        .isEqualTo(new TemperatureLimits(OptionalLong.of(60), OptionalLong.empty()));
  }

  @Test
  void ataRunningSelfTestComesFromTheSmartDataStatus() throws Exception {
    SmartReading r = Fixtures.reading("sata-hdd-selftest-in-progress.json");

    SelfTestLog log = r.selfTests().orElseThrow();
    assertThat(log.remainingPercent()).hasValue(90);
    assertThat(log.lastCompleted().orElseThrow().result()).isEqualTo(SelfTestResult.PASSED);
    assertThat(log.lastCompleted().orElseThrow().powerOnHours()).isEqualTo(11909);
  }

  @Test
  void qemuDiskWithoutGpLogsHasAnEmptySelfTestLogAndNoStatistics() throws Exception {
    SmartReading r = Fixtures.reading("sata-qemu-no-gp-logs-exit4.json");

    assertThat(r.selfTests()).contains(new SelfTestLog(Optional.empty(), OptionalLong.empty()));
    assertThat(r.deviceStatistics()).isEmpty();
    assertThat(r.temperatureLimits()).isEqualTo(TemperatureLimits.NONE);
    assertThat(r.smartPassed()).contains(true);
  }

  @Test
  void nvmePassedFailedAndRunningSelfTests() throws Exception {
    SelfTestLog passed =
        Fixtures.reading("nvme-selftest-passed-smartctl74.json").selfTests().orElseThrow();
    assertThat(passed.lastCompleted())
        .contains(
            new SelfTest(SelfTestResult.PASSED, SelfTestType.SHORT, 6506, SelfTest.NVME_HOUR_BITS));
    assertThat(passed.inProgress()).isFalse();

    SelfTestLog failed =
        Fixtures.reading("nvme-selftest-failed-segments-smartctl74.json").selfTests().orElseThrow();
    assertThat(failed.lastCompleted().orElseThrow().result()).isEqualTo(SelfTestResult.FAILED);
    assertThat(failed.lastCompleted().orElseThrow().type()).isEqualTo(SelfTestType.EXTENDED);

    SmartReading running = Fixtures.reading("nvme-selftest-in-progress-smartctl75.json");
    SelfTestLog log = running.selfTests().orElseThrow();
    assertThat(log.remainingPercent()).hasValue(65);
    assertThat(log.lastCompleted().orElseThrow().type()).isEqualTo(SelfTestType.SHORT);
    assertThat(running.temperatureLimits())
        .isEqualTo(new TemperatureLimits(OptionalLong.of(80), OptionalLong.of(83)));
  }

  @Test
  void nvmeCompositeThresholdsStandInForTheTemperatureLimits() throws Exception {
    String json =
        Fixtures.text("nvme-samsung-pm9a3-healthy.json")
            .replace(
                "\"temperature\": {",
                "\"nvme_composite_temperature_threshold\": {\"warning\": 75, \"critical\": 78},"
                    + " \"temperature\": {");

    assertThat(SmartctlJsonParser.parseReading(json).temperatureLimits())
        .isEqualTo(new TemperatureLimits(OptionalLong.of(75), OptionalLong.of(78)));
  }

  @Test
  void withoutTheLogsThereIsNothingToReport() throws Exception {
    SmartReading nvme = Fixtures.reading("nvme-samsung-pm9a3-healthy.json");
    assertThat(nvme.selfTests()).isEmpty();
    assertThat(nvme.deviceStatistics()).isEmpty();
    assertThat(nvme.temperatureLimits()).isEqualTo(TemperatureLimits.NONE);

    SmartReading sas = Fixtures.reading("sas-hdd-hgst-grown-defects-12.json");
    assertThat(sas.selfTests()).isEmpty();
  }

  @Test
  void selfTestsUnsupportedByTheDriveGiveNoLog() throws Exception {
    String json =
        Fixtures.text("sata-qemu-no-gp-logs-exit4.json")
            .replace("\"self_tests_supported\": true", "\"self_tests_supported\": false");

    assertThat(SmartctlJsonParser.parseReading(json).selfTests()).isEmpty();
  }

  @Test
  void invalidStatisticsEntriesAndZeroLimitsAreLeftOut() throws Exception {
    String json =
        Fixtures.text("sata-ssd-samsung-870evo-selftest-passed-devstat.json")
            .replace(
                "\"string\": \"VN-- \",\n              \"valid\": true",
                "\"string\": \"VN-- \",\n              \"valid\": false")
            .replace("\"op_limit_max\": 70", "\"op_limit_max\": 0")
            .replace("\"limit_max\": 70", "\"limit_max\": 0");

    SmartReading r = SmartctlJsonParser.parseReading(json);
    assertThat(r.deviceStatistics().orElseThrow().percentageUsed()).isEmpty();
    assertThat(r.temperatureLimits()).isEqualTo(TemperatureLimits.NONE);
  }

  @Test
  void ataSelfTestAgeFollowsTheSixteenBitHourCounter() {
    SelfTest recent = new SelfTest(SelfTestResult.PASSED, SelfTestType.SHORT, 35990, 16);
    assertThat(recent.hoursBefore(36000)).isEqualTo(10);
    // 70000 h of power-on time; the log kept 70000 - 65536 = 4464 for a test 24 h ago.
    SelfTest wrapped = new SelfTest(SelfTestResult.PASSED, SelfTestType.SHORT, 4440, 16);
    assertThat(wrapped.hoursBefore(70000)).isEqualTo(24);
    // A timestamp a little ahead of the power-on counter before any wrap: just now.
    SelfTest ahead = new SelfTest(SelfTestResult.PASSED, SelfTestType.SHORT, 1210, 16);
    assertThat(ahead.hoursBefore(1208)).isZero();
    SelfTest nvme = new SelfTest(SelfTestResult.PASSED, SelfTestType.SHORT, 100_000, 64);
    assertThat(nvme.hoursBefore(100_024)).isEqualTo(24);
    assertThat(nvme.hoursBefore(99_000)).isZero();
  }

  @Test
  void statusCodesMapToTheirOutcomes() {
    assertThat(SelfTestResult.ofAtaStatus(0x00)).isEqualTo(SelfTestResult.PASSED);
    assertThat(SelfTestResult.ofAtaStatus(0x19)).isEqualTo(SelfTestResult.ABORTED);
    assertThat(SelfTestResult.ofAtaStatus(0x20)).isEqualTo(SelfTestResult.ABORTED);
    assertThat(SelfTestResult.ofAtaStatus(0x30)).isEqualTo(SelfTestResult.FAILED);
    assertThat(SelfTestResult.ofAtaStatus(0x79)).isEqualTo(SelfTestResult.FAILED);
    assertThat(SelfTestResult.ofAtaStatus(0x90)).isEqualTo(SelfTestResult.UNKNOWN);
    assertThat(SelfTestResult.ofNvmeResult(0x7)).isEqualTo(SelfTestResult.FAILED);
    assertThat(SelfTestResult.ofNvmeResult(0x9)).isEqualTo(SelfTestResult.ABORTED);
    assertThat(SelfTestResult.ofNvmeResult(0xa)).isEqualTo(SelfTestResult.UNKNOWN);
    assertThat(SelfTestType.ofAtaNumber(0x82)).isEqualTo(SelfTestType.EXTENDED);
    assertThat(SelfTestType.ofAtaNumber(0xdf)).isEqualTo(SelfTestType.OTHER);
    assertThat(SelfTestType.ofNvmeCode(0xe)).isEqualTo(SelfTestType.OTHER);
  }
}
