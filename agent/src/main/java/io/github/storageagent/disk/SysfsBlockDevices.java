package io.github.storageagent.disk;

import io.github.storageagent.proxmox.GuestVolume;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads the identity of block devices from a sysfs tree ({@code <sysfs>/block/<dev>/...}). */
public final class SysfsBlockDevices {

  private final Path sysfs;

  public SysfsBlockDevices(Path sysfs) {
    this.sysfs = sysfs;
  }

  public DeviceIdentity identify(String device) {
    Path block = sysfs.resolve("block").resolve(device);
    // For NVMe namespaces device/ is the controller, which carries model and serial.
    String model = read(block.resolve("device/model")).orElse("");
    String serial = serial(block.resolve("device")).orElse("");
    Optional<String> dmName = read(block.resolve("dm/name"));
    if (dmName.isEmpty()) {
      return new DeviceIdentity(model, serial, "", "", "", "");
    }
    String uuid = read(block.resolve("dm/uuid")).orElse("");
    if (!uuid.startsWith("LVM-")) {
      return new DeviceIdentity(model, serial, dmName.get(), "", "", "");
    }
    return DeviceMapperName.parseLvm(dmName.get())
        .map(
            n ->
                new DeviceIdentity(
                    model,
                    serial,
                    dmName.get(),
                    n.vg(),
                    n.lv(),
                    n.layer().isEmpty() ? GuestVolume.vmidOf(n.lv()) : ""))
        .orElse(new DeviceIdentity(model, serial, dmName.get(), "", "", ""));
  }

  /**
   * The device's serial: {@code device/serial} where the driver has one (NVMe, virtio, USB); for
   * SATA and SAS disks the SCSI layer's unit serial number page instead ({@code device/vpd_pg80}),
   * or the serial at the end of an ATA {@code device/wwid} ({@code t10.ATA <model> <serial>}).
   */
  static Optional<String> serial(Path device) {
    return read(device.resolve("serial"))
        .or(() -> unitSerialNumberPage(device.resolve("vpd_pg80")))
        .or(() -> read(device.resolve("wwid")).flatMap(SysfsBlockDevices::ataWwidSerial));
  }

  /** VPD page 0x80: a 4-byte header (page code at byte 1, length at bytes 2-3), then ASCII. */
  private static Optional<String> unitSerialNumberPage(Path file) {
    byte[] page;
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > 4096) {
        return Optional.empty();
      }
      page = Files.readAllBytes(file);
    } catch (IOException | java.io.UncheckedIOException e) {
      return Optional.empty();
    }
    if (page.length < 4 || (page[1] & 0xff) != 0x80) {
      return Optional.empty();
    }
    int length = Math.min(((page[2] & 0xff) << 8) | (page[3] & 0xff), page.length - 4);
    StringBuilder serial = new StringBuilder();
    for (int i = 4; i < 4 + length; i++) {
      int c = page[i] & 0xff;
      if (c >= 0x21 && c <= 0x7e) {
        serial.append((char) c);
      } else if (c == ' ' && serial.length() > 0) {
        serial.append(' ');
      }
    }
    String value = serial.toString().strip();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  private static Optional<String> ataWwidSerial(String wwid) {
    if (!wwid.startsWith("t10.ATA")) {
      return Optional.empty();
    }
    String[] words = wwid.strip().split("\\s+");
    return words.length >= 3 ? Optional.of(words[words.length - 1]) : Optional.empty();
  }

  private static Optional<String> read(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      String value = Files.readString(file, StandardCharsets.UTF_8).strip();
      return value.isEmpty() ? Optional.empty() : Optional.of(value);
    } catch (IOException | java.io.UncheckedIOException e) {
      return Optional.empty();
    }
  }
}
