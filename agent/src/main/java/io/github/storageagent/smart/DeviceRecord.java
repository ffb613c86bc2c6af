package io.github.storageagent.smart;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the collector knows about one device between runs. Each smartctl call yields a new record.
 *
 * @param device the device as the latest roster (scan and config) lists it
 * @param identity the last known identity: from the latest reading that said who the device is,
 *     else from the scan
 * @param latest the outcome of the device's latest smartctl call, empty before the first
 * @param lastGood the latest reading, served through failed calls until {@code max_age}
 * @param latestStartNanos {@link System#nanoTime()} when the latest call started, 0 before the
 *     first; the next call waits a read window from here
 */
record DeviceRecord(
    SmartDevice device,
    DeviceIdentity identity,
    Optional<DeviceOutcome> latest,
    Optional<DeviceOutcome.Read> lastGood,
    long latestStartNanos) {

  /** A device the roster has just listed: known by its scan entry only, never called. */
  static DeviceRecord listed(SmartDevice device) {
    return listed(device, Optional.empty());
  }

  /**
   * A device the roster has just listed, never called: known by its scan entry and what sysfs says
   * about it (so a disk that sleeps from the start still has its serial).
   */
  static DeviceRecord listed(SmartDevice device, Optional<DeviceIdentity> sysfs) {
    DeviceIdentity identity =
        sysfs
            .map(
                s ->
                    new DeviceIdentity(
                        device.type(),
                        device.protocol().isEmpty() ? s.protocol() : device.protocol(),
                        s.model(),
                        s.family(),
                        s.serial(),
                        s.firmware(),
                        s.wwn()))
            .orElseGet(() -> DeviceIdentity.scanned(device));
    return new DeviceRecord(device, identity, Optional.empty(), Optional.empty(), 0);
  }

  /**
   * Whether the device may be called at {@code nowNanos}. The window is measured on a monotonic
   * clock so a wall-clock step neither stalls reads nor doubles them.
   */
  boolean due(long nowNanos, Duration readWindow) {
    return latest.isEmpty() || nowNanos - latestStartNanos >= readWindow.toNanos();
  }

  /** The record after a call that started at {@code startNanos} and came out as {@code outcome}. */
  DeviceRecord after(long startNanos, DeviceOutcome outcome) {
    if (outcome instanceof DeviceOutcome.Read read) {
      return new DeviceRecord(
          device, identityFrom(read.reading()), Optional.of(read), Optional.of(read), startNanos);
    }
    // A failed call says nothing about the disk, so its last reading stands; asleep or no data is
    // the disk's own answer, and an old reading must not pose as current.
    Optional<DeviceOutcome.Read> stillGood =
        outcome instanceof DeviceOutcome.Failed ? lastGood : Optional.empty();
    return new DeviceRecord(device, identity, Optional.of(outcome), stillGood, startNanos);
  }

  /**
   * The identity after a reading. Model, firmware and the rest come from the reading; serial and
   * WWN, which make the {@code serial} label, stay as first seen (from sysfs or an earlier reading)
   * while the reading does not show another drive, so the label does not change when a disk that
   * slept since the agent started wakes up and smartctl spells its serial a little differently.
   */
  private DeviceIdentity identityFrom(SmartReading reading) {
    DeviceIdentity read = reading.identity();
    if (!read.identified()) {
      return identity;
    }
    boolean keep = !identity.key().isEmpty() && sameDrive(identity, read);
    String serial = keep ? identity.serial() : read.serial();
    String wwn = keep && !identity.wwn().isEmpty() ? identity.wwn() : read.wwn();
    return new DeviceIdentity(
        read.type().isEmpty() ? device.type() : read.type(),
        read.protocol().isEmpty() ? device.protocol() : read.protocol(),
        read.model(),
        read.family(),
        serial,
        read.firmware(),
        wwn);
  }

  /**
   * Whether two identities may be the same drive: serials equal but for case and blanks where both
   * are known, else WWNs equal where both are known; with nothing to compare, yes.
   */
  static boolean sameDrive(DeviceIdentity a, DeviceIdentity b) {
    if (!a.serial().isEmpty() && !b.serial().isEmpty()) {
      if (normalized(a.serial()).equals(normalized(b.serial()))) {
        return true;
      }
      return !a.wwn().isEmpty() && a.wwn().equalsIgnoreCase(b.wwn());
    }
    if (!a.wwn().isEmpty() && !b.wwn().isEmpty()) {
      return a.wwn().equalsIgnoreCase(b.wwn());
    }
    return true;
  }

  private static String normalized(String serial) {
    return serial.replaceAll("\\s+", "").toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * What is exported for this device at {@code now}; readings older than {@code maxAge} are not.
   */
  DeviceView view(Instant now, Duration maxAge) {
    if (latest.isEmpty()) {
      return bare(OptionalInt.empty());
    }
    DeviceOutcome outcome = latest.get();
    if (outcome instanceof DeviceOutcome.Read read) {
      return readView(read, now, maxAge);
    }
    if (outcome instanceof DeviceOutcome.Asleep asleep) {
      return new DeviceView(
          device,
          identity,
          OptionalInt.of(0),
          OptionalInt.of(asleep.exit().value()),
          Optional.empty());
    }
    if (outcome instanceof DeviceOutcome.NoData noData) {
      return bare(OptionalInt.of(noData.exit().value()));
    }
    return lastGood
        .map(read -> readView(read, now, maxAge))
        .orElseGet(() -> bare(OptionalInt.empty()));
  }

  private DeviceView readView(DeviceOutcome.Read read, Instant now, Duration maxAge) {
    if (!read.startedAt().plus(maxAge).isAfter(now)) {
      return bare(OptionalInt.empty());
    }
    return new DeviceView(
        device,
        identity,
        OptionalInt.of(1),
        OptionalInt.of(read.exit().value()),
        Optional.of(read.reading()));
  }

  private DeviceView bare(OptionalInt exitStatus) {
    return new DeviceView(device, identity, OptionalInt.empty(), exitStatus, Optional.empty());
  }
}
