package io.github.storageagent.smart;

/**
 * Who a device is, as smartctl reports it (or, for a disk asleep since the agent started, as sysfs
 * reports it). Empty strings where unknown, so the label set of {@code storage_smart_device_info}
 * is stable.
 *
 * @param type smartctl's device type ({@code nvme}, {@code sat}, {@code sat+megaraid,1}, ...)
 * @param protocol {@code NVMe}, {@code ATA} or {@code SCSI}
 * @param model model name (SCSI: vendor and product)
 * @param family ATA model family from smartctl's drive database
 * @param serial serial number
 * @param firmware firmware version (SCSI: revision)
 * @param wwn world wide name as 16 hex digits after {@code 0x}: ATA/SCSI NAA WWN, NVMe EUI-64
 */
public record DeviceIdentity(
    String type,
    String protocol,
    String model,
    String family,
    String serial,
    String firmware,
    String wwn) {

  /** What the scan knows before the first reading: type and protocol only. */
  public static DeviceIdentity scanned(SmartDevice device) {
    return new DeviceIdentity(device.type(), device.protocol(), "", "", "", "", "");
  }

  /** True when the reading said who the device is (a standby skip or open failure does not). */
  public boolean identified() {
    return !model.isEmpty() || !serial.isEmpty() || !wwn.isEmpty();
  }

  /**
   * The drive's own identity for the {@code serial} label: its serial, else its WWN (EUI-64), else
   * "" (the caller then falls back to the kernel name).
   */
  public String key() {
    return !serial.isEmpty() ? serial : wwn;
  }
}
