package io.github.storageagent.smart;

/**
 * Who a device is, as smartctl reports it. Empty strings where unknown, so the label set of {@code
 * storage_smart_device_info} is stable.
 *
 * @param type smartctl's device type ({@code nvme}, {@code sat}, {@code sat+megaraid,1}, ...)
 * @param protocol {@code NVMe}, {@code ATA} or {@code SCSI}
 * @param model model name (SCSI: vendor and product)
 * @param family ATA model family from smartctl's drive database
 * @param serial serial number
 * @param firmware firmware version (SCSI: revision)
 */
public record DeviceIdentity(
    String type, String protocol, String model, String family, String serial, String firmware) {

  /** What the scan knows before the first reading: type and protocol only. */
  public static DeviceIdentity scanned(SmartDevice device) {
    return new DeviceIdentity(device.type(), device.protocol(), "", "", "", "");
  }

  /** True when the reading said who the device is (a standby skip or open failure does not). */
  public boolean identified() {
    return !model.isEmpty() || !serial.isEmpty();
  }
}
