package io.github.storageagent.smart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DeviceRecordsTest {

  private static final Instant T0 = Instant.parse("2025-11-24T09:20:00Z");
  private static final Duration WINDOW = Duration.ofSeconds(295);
  private static final Duration MAX_AGE = Duration.ofMinutes(15);

  private static final SmartDevice SDA = SmartDevice.of("/dev/sda", "sat", "ATA");
  private static final SmartDevice NVME0 = SmartDevice.of("/dev/nvme0", "nvme", "NVMe");

  private static DeviceOutcome.Read read(Instant at) throws Exception {
    SmartReading r = Fixtures.reading("sata-hdd-seagate-exos-pending-exit64.json");
    return new DeviceOutcome.Read(at, r, new ExitStatus(64));
  }

  private static DeviceOutcome.Asleep asleep(Instant at) {
    return new DeviceOutcome.Asleep(at, "STANDBY", new ExitStatus(2));
  }

  private static DeviceOutcome.Failed failed(Instant at) {
    return new DeviceOutcome.Failed(at, "timed out, smartctl killed");
  }

  private static DeviceOutcome.NoData noData(Instant at) {
    return new DeviceOutcome.NoData(at, new ExitStatus(2), "device open failed");
  }

  private static long nanos(Duration d) {
    return d.toNanos();
  }

  @Test
  void listingKeepsUnchangedDevicesAndStartsNewOrChangedOnesAfresh() throws Exception {
    Map<String, DeviceRecord> first = DeviceRecords.listed(Map.of(), List.of(SDA, NVME0));
    Map<String, DeviceRecord> read = DeviceRecords.called(first, SDA, 7, read(T0));

    SmartDevice sdaBehindController = SmartDevice.of("/dev/sda", "sat,12", "");
    SmartDevice sdb = SmartDevice.of("/dev/sdb", "sat", "ATA");
    Map<String, DeviceRecord> relisted = DeviceRecords.listed(read, List.of(sdb, SDA));
    Map<String, DeviceRecord> changed = DeviceRecords.listed(read, List.of(sdaBehindController));

    assertThat(relisted.keySet()).containsExactly("sdb", "sda");
    assertThat(relisted.get("sda")).isSameAs(read.get("sda"));
    assertThat(relisted.get("sdb")).isEqualTo(DeviceRecord.listed(sdb));
    assertThat(changed.get("sda")).isEqualTo(DeviceRecord.listed(sdaBehindController));
    assertThat(read.get("nvme0")).isSameAs(first.get("nvme0"));
  }

  @Test
  void aCallForADeviceNoLongerListedAsCalledChangesNothing() throws Exception {
    Map<String, DeviceRecord> records = DeviceRecords.listed(Map.of(), List.of(SDA));
    SmartDevice other = SmartDevice.of("/dev/sda", "sat,12", "");

    assertThat(DeviceRecords.called(records, other, 1, read(T0))).isSameAs(records);
    assertThat(DeviceRecords.called(records, NVME0, 1, read(T0))).isSameAs(records);
  }

  @Test
  void aDeviceIsDueWhenNeverCalledOrOnceTheReadWindowHasPassedSinceTheLastCallStarted()
      throws Exception {
    DeviceRecord listed = DeviceRecord.listed(SDA);
    long start = 1_000;
    DeviceRecord called = listed.after(start, read(T0));

    assertThat(listed.due(Long.MIN_VALUE, WINDOW)).isTrue();
    assertThat(called.due(start + nanos(WINDOW) - 1, WINDOW)).isFalse();
    assertThat(called.due(start + nanos(WINDOW), WINDOW)).isTrue();
    // the monotonic clock may be negative or wrap; only the difference counts
    DeviceRecord nearWrap = listed.after(Long.MAX_VALUE - 10, failed(T0));
    assertThat(nearWrap.due(Long.MAX_VALUE - 10 + nanos(WINDOW), WINDOW)).isTrue();
    assertThat(nearWrap.due(Long.MAX_VALUE, WINDOW)).isFalse();
  }

  @Test
  void aReadingSetsTheIdentityWithTheScanFillingItsGaps() throws Exception {
    DeviceRecord record = DeviceRecord.listed(SmartDevice.of("/dev/sda", "", "ATA"));
    assertThat(record.identity()).isEqualTo(new DeviceIdentity("", "ATA", "", "", "", "", ""));

    DeviceRecord read = record.after(1, read(T0));

    assertThat(read.identity().model()).isEqualTo("ST4000NM000A-2HZ100");
    assertThat(read.identity().serial()).isEqualTo("WJG1X2Y3");
    assertThat(read.identity().protocol()).isEqualTo("ATA");
    assertThat(read.latest()).containsInstanceOf(DeviceOutcome.Read.class);
    assertThat(read.lastGood()).isEqualTo(read.latest());
  }

  @Test
  void aFailedCallKeepsTheLastReadingWhileAsleepAndNoDataDropIt() throws Exception {
    DeviceRecord read = DeviceRecord.listed(SDA).after(1, read(T0));

    DeviceRecord failed = read.after(2, failed(T0.plusSeconds(300)));
    DeviceRecord asleep = read.after(2, asleep(T0.plusSeconds(300)));
    DeviceRecord noData = read.after(2, noData(T0.plusSeconds(300)));

    assertThat(failed.lastGood()).isEqualTo(read.lastGood());
    assertThat(asleep.lastGood()).isEmpty();
    assertThat(noData.lastGood()).isEmpty();
    for (DeviceRecord r : List.of(failed, asleep, noData)) {
      assertThat(r.identity()).isEqualTo(read.identity());
      assertThat(r.latestStartNanos()).isEqualTo(2);
    }
  }

  @Test
  void viewsFollowTheLatestOutcome() throws Exception {
    Instant now = T0.plusSeconds(301);
    DeviceRecord listed = DeviceRecord.listed(SDA);
    DeviceRecord read = listed.after(1, read(T0));

    assertThat(listed.view(now, MAX_AGE))
        .isEqualTo(
            new DeviceView(
                SDA,
                listed.identity(),
                OptionalInt.empty(),
                OptionalInt.empty(),
                Optional.empty()));
    assertThat(read.view(now, MAX_AGE))
        .isEqualTo(
            new DeviceView(
                SDA,
                read.identity(),
                OptionalInt.of(1),
                OptionalInt.of(64),
                Optional.of(read.lastGood().get().reading())));
    assertThat(read.after(2, asleep(T0.plusSeconds(300))).view(now, MAX_AGE))
        .isEqualTo(
            new DeviceView(
                SDA, read.identity(), OptionalInt.of(0), OptionalInt.of(2), Optional.empty()));
    assertThat(read.after(2, noData(T0.plusSeconds(300))).view(now, MAX_AGE))
        .isEqualTo(
            new DeviceView(
                SDA, read.identity(), OptionalInt.empty(), OptionalInt.of(2), Optional.empty()));
    assertThat(read.after(2, failed(T0.plusSeconds(300))).view(now, MAX_AGE))
        .isEqualTo(read.view(now, MAX_AGE));
    assertThat(listed.after(2, failed(T0)).view(now, MAX_AGE)).isEqualTo(listed.view(now, MAX_AGE));
  }

  @Test
  void aReadingIsServedUntilMaxAgeFromTheStartOfItsCall() throws Exception {
    DeviceRecord read = DeviceRecord.listed(SDA).after(1, read(T0));
    DeviceRecord failedSince = read.after(2, failed(T0.plusSeconds(300)));

    for (DeviceRecord r : List.of(read, failedSince)) {
      assertThat(r.view(T0.plus(MAX_AGE).minusNanos(1), MAX_AGE).reading()).isPresent();
      DeviceView expired = r.view(T0.plus(MAX_AGE), MAX_AGE);
      assertThat(expired.reading()).isEmpty();
      assertThat(expired.active()).isEmpty();
      assertThat(expired.exitStatus()).isEmpty();
      assertThat(expired.identity()).isEqualTo(read.identity());
    }
  }

  private static DeviceIdentity sysfs(String serial, String wwn) {
    return new DeviceIdentity("sat", "ATA", "ST4000NM000A-2H", "", serial, "TN04", wwn);
  }

  @Test
  void aDiskAsleepFromTheStartIsKnownBySysfsAndKeepsThatSerialWhenItWakes() throws Exception {
    // sysfs spells the serial in lower case; smartctl's WJG1X2Y3 is the same drive
    DeviceRecord listed = DeviceRecord.listed(SDA, Optional.of(sysfs("wjg1x2y3", "")));
    DeviceRecord asleep = listed.after(1, asleep(T0));
    assertThat(asleep.view(T0, MAX_AGE).identity().key()).isEqualTo("wjg1x2y3");

    DeviceRecord awake = asleep.after(2, read(T0));
    assertThat(awake.identity().key()).isEqualTo("wjg1x2y3");
    // the rest of the identity is smartctl's
    assertThat(awake.identity().model()).isEqualTo("ST4000NM000A-2HZ100");
    assertThat(awake.identity().wwn()).isEqualTo("0x5000c500a205b064");
  }

  @Test
  void aDiskKnownByItsWwnKeepsThatKeyWhenItsSerialTurnsUp() throws Exception {
    DeviceRecord listed = DeviceRecord.listed(SDA, Optional.of(sysfs("", "0x5000c500a205b064")));
    assertThat(listed.identity().key()).isEqualTo("0x5000c500a205b064");

    assertThat(listed.after(1, read(T0)).identity().key()).isEqualTo("0x5000c500a205b064");
  }

  @Test
  void aReadingOfAnotherDriveReplacesTheSerial() throws Exception {
    // swapped while the agent ran: other serial, other WWN
    DeviceRecord listed =
        DeviceRecord.listed(SDA, Optional.of(sysfs("ZC1A0000", "0x5000c500aaaaaaaa")));

    DeviceRecord read = listed.after(1, read(T0));

    assertThat(read.identity().key()).isEqualTo("WJG1X2Y3");
    assertThat(read.identity().wwn()).isEqualTo("0x5000c500a205b064");
  }

  @Test
  void sameDriveComparesSerialsButForCaseAndBlanksElseWwns() {
    DeviceIdentity a = sysfs("WD-WMC5 D0D4XK1R", "");
    assertThat(DeviceRecord.sameDrive(a, sysfs("wd-wmc5d0d4xk1r", ""))).isTrue();
    assertThat(DeviceRecord.sameDrive(a, sysfs("WD-OTHER", ""))).isFalse();
    assertThat(DeviceRecord.sameDrive(sysfs("A", "0x1"), sysfs("B", "0x1"))).isTrue();
    assertThat(DeviceRecord.sameDrive(sysfs("", "0x1"), sysfs("B", "0x2"))).isFalse();
    assertThat(DeviceRecord.sameDrive(sysfs("", ""), sysfs("B", "0x2"))).isTrue();
  }
}
