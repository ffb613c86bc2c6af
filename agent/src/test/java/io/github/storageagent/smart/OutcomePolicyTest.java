package io.github.storageagent.smart;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.exec.CommandResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutcomePolicyTest {

  private static final Instant T0 = Instant.parse("2025-11-24T09:20:00Z");

  @Test
  void exitZeroIsARead() throws Exception {
    DeviceOutcome o =
        OutcomePolicy.classify(T0, Fixtures.fixtureResult("nvme-samsung-pm9a3-healthy.json"));
    assertThat(o).isInstanceOf(DeviceOutcome.Read.class);
    assertThat(((DeviceOutcome.Read) o).exit()).isEqualTo(ExitStatus.OK);
    assertThat(o.startedAt()).isEqualTo(T0);
  }

  @Test
  void bitsTwoToSevenKeepTheData() throws Exception {
    for (String name :
        new String[] {
          "sata-ssd-crucial-mx500-exit4.json",
          "nvme-kioxia-critical-warning-exit8.json",
          "sata-hdd-wdc-failing-exit56.json",
          "sata-hdd-seagate-exos-pending-exit64.json"
        }) {
      DeviceOutcome o = OutcomePolicy.classify(T0, Fixtures.fixtureResult(name));
      assertThat(o).as(name).isInstanceOf(DeviceOutcome.Read.class);
      assertThat(((DeviceOutcome.Read) o).reading().identity().identified()).as(name).isTrue();
    }
  }

  /**
   * An optional log the drive cannot deliver sets only bit 2: on QEMU's disk without GP logs,
   * {@code --log=devstat} makes smartctl read the SMART log directory, which fails silently in
   * plain JSON; an NVMe drive whose self-test log read fails adds an error message. Both are reads.
   */
  @Test
  void anUnreadableOptionalLogKeepsTheReadAndItsHealth() throws Exception {
    for (String name :
        new String[] {
          "sata-qemu-no-gp-logs-exit4.json", "nvme-selftest-log-unreadable-exit4.json"
        }) {
      DeviceOutcome o = OutcomePolicy.classify(T0, Fixtures.fixtureResult(name));
      assertThat(o).as(name).isInstanceOf(DeviceOutcome.Read.class);
      DeviceOutcome.Read read = (DeviceOutcome.Read) o;
      assertThat(read.exit().value()).as(name).isEqualTo(4);
      assertThat(read.exit().noData()).as(name).isFalse();
      assertThat(read.exit().diskFailing()).as(name).isFalse();
      assertThat(read.reading().smartPassed()).as(name).contains(true);
    }
  }

  @Test
  void standbyMessageMeansAsleepNotAnError() throws Exception {
    DeviceOutcome o73 =
        OutcomePolicy.classify(T0, Fixtures.fixtureResult("sata-standby-exit2.json"));
    DeviceOutcome o75 =
        OutcomePolicy.classify(T0, Fixtures.fixtureResult("sata-standby-smartctl75-exit2.json"));

    assertThat(o73).isEqualTo(new DeviceOutcome.Asleep(T0, "STANDBY", new ExitStatus(2)));
    assertThat(o75).isEqualTo(new DeviceOutcome.Asleep(T0, "STANDBY", new ExitStatus(2)));
  }

  @Test
  void openFailureIsNoDataWithSmartctlsReason() throws Exception {
    DeviceOutcome o =
        OutcomePolicy.classify(T0, Fixtures.fixtureResult("open-failed-permission-exit2.json"));

    assertThat(o).isInstanceOf(DeviceOutcome.NoData.class);
    DeviceOutcome.NoData n = (DeviceOutcome.NoData) o;
    assertThat(n.exit().value()).isEqualTo(2);
    assertThat(n.reason()).contains("Permission denied");
  }

  @Test
  void badCommandLineIsNoData() throws Exception {
    DeviceOutcome o =
        OutcomePolicy.classify(T0, Fixtures.fixtureResult("bad-device-type-exit1.json"));

    assertThat(o).isInstanceOf(DeviceOutcome.NoData.class);
    assertThat(((DeviceOutcome.NoData) o).reason())
        .startsWith("smartctl rejected its command line (exit 1)")
        .contains("INVALID ARGUMENT TO -d: sata");
  }

  @Test
  void timeoutAndCapAreFailures() {
    CommandResult timedOut =
        new CommandResult(137, new byte[0], new byte[0], true, false, Duration.ofSeconds(10));
    CommandResult capped =
        new CommandResult(137, new byte[4096], new byte[0], false, true, Duration.ofMillis(300));

    assertThat(OutcomePolicy.classify(T0, timedOut))
        .isEqualTo(new DeviceOutcome.Failed(T0, "timed out, smartctl killed"));
    assertThat(OutcomePolicy.classify(T0, capped)).isInstanceOf(DeviceOutcome.Failed.class);
  }

  @Test
  void garbageAndCrashesAreFailures() {
    DeviceOutcome garbage = OutcomePolicy.classify(T0, Fixtures.result(0, "%%% not json"));
    DeviceOutcome crash =
        OutcomePolicy.classify(
            T0,
            new CommandResult(
                139,
                "{\"smartctl\":{".getBytes(StandardCharsets.UTF_8),
                "Segmentation fault".getBytes(StandardCharsets.UTF_8),
                false,
                false,
                Duration.ofMillis(5)));
    DeviceOutcome oldSmartctl =
        OutcomePolicy.classify(
            T0, Fixtures.result(1, "=======> UNRECOGNIZED OPTION: json\nUse smartctl -h"));

    assertThat(garbage).isInstanceOf(DeviceOutcome.Failed.class);
    assertThat(((DeviceOutcome.Failed) crash).reason())
        .contains("exit code 139")
        .contains("Segmentation fault");
    assertThat(((DeviceOutcome.Failed) oldSmartctl).reason()).contains("smartctl >= 7.0 needed");
  }

  @Test
  void jsonExitStatusWinsOverTheProcessCode() throws Exception {
    // smartctl writes the same value to both; a wrapper that loses the code must not hide bits.
    DeviceOutcome o =
        OutcomePolicy.classify(
            T0, Fixtures.result(0, Fixtures.text("sata-hdd-seagate-exos-pending-exit64.json")));
    assertThat(((DeviceOutcome.Read) o).exit().value()).isEqualTo(64);
  }
}
