package io.github.storageagent.smart;

/**
 * One device smartctl can read: the path and {@code -d} type it is handed, and the names it is
 * exported under.
 *
 * @param name device path, e.g. {@code /dev/nvme0} or {@code /dev/bus/0}
 * @param type smartctl {@code -d} type, e.g. {@code nvme}, {@code sat}, {@code megaraid,1}; "" for
 *     smartctl's own detection
 * @param protocol what the scan reported ({@code NVMe}, {@code ATA}, {@code SCSI}), "" if unknown
 * @param label the {@code device} label
 * @param blockDevice the kernel block device to join disk-IO series on, "" if none
 */
public record SmartDevice(
    String name, String type, String protocol, String label, String blockDevice) {

  /** The same device joined to another block device. */
  public SmartDevice withBlockDevice(String block) {
    return block.equals(blockDevice) ? this : new SmartDevice(name, type, protocol, label, block);
  }

  public static SmartDevice of(String name, String type, String protocol) {
    String t = type == null ? "" : type;
    return new SmartDevice(
        name,
        t,
        protocol == null ? "" : protocol,
        DeviceNaming.label(name, t),
        DeviceNaming.blockDevice(name, t));
  }
}
