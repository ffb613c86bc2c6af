package io.github.storageagent.disk;

import io.github.storageagent.proxmox.GuestVolume;
import io.github.storageagent.sysfs.SysfsDrive;
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
    String serial = SysfsDrive.serial(block.resolve("device")).orElse("");
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

  private static Optional<String> read(Path file) {
    return SysfsDrive.read(file);
  }
}
