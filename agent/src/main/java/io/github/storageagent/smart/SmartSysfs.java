package io.github.storageagent.smart;

import io.github.storageagent.sysfs.SysfsDrive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What sysfs says about a SMART device, read from attribute files without sending the drive a
 * command: its identity, for a disk that sleeps and so cannot be read, and the block device of an
 * NVMe controller.
 *
 * <ul>
 *   <li>NVMe controller {@code nvmeX}: {@code class/nvme/nvmeX/{serial,model,firmware_rev}}; its
 *       namespaces are the {@code nvmeXnZ} directories in the same place, or {@code nvmeScXnZ}
 *       under native NVMe multipath, where the block device is {@code nvmeSnZ}.
 *   <li>SATA, SAS, SCSI disk {@code sdX}: {@code block/sdX/device/{model,vendor,rev}}, the serial
 *       from {@code vpd_pg80} or the ATA {@code wwid} ({@link SysfsDrive#serial}), the WWN from
 *       {@code wwid}.
 *   <li>A disk behind a RAID controller has no sysfs entry of its own: nothing.
 * </ul>
 */
final class SmartSysfs {

  /** For tests and callers without a sysfs tree: knows nothing. */
  static final SmartSysfs NONE = new SmartSysfs(null);

  private static final Pattern NVME_CONTROLLER = Pattern.compile("nvme\\d+");
  private static final Pattern NAMESPACE = Pattern.compile("nvme(\\d+)(?:c\\d+)?n(\\d+)");

  private final Path sysfs;

  SmartSysfs(Path sysfs) {
    this.sysfs = sysfs;
  }

  /**
   * The block device to join disk-IO series on: for an NVMe controller its first namespace (lowest
   * namespace id) as {@code /sys/block} names it, "" when sysfs lists none; otherwise what the
   * device's name gives ({@link DeviceNaming#blockDevice}).
   */
  String blockDevice(SmartDevice device) {
    String base = DeviceNaming.base(device.name());
    if (sysfs == null
        || !DeviceNaming.port(device.type()).isEmpty()
        || !NVME_CONTROLLER.matcher(base).matches()) {
      return device.blockDevice();
    }
    return namespaces(base).stream().findFirst().orElse("");
  }

  /**
   * The block devices of an NVMe controller's namespaces in namespace id order, as {@code
   * /sys/block} names them.
   */
  List<String> namespaces(String controller) {
    Path dir = sysfs.resolve("class/nvme").resolve(controller);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .map(p -> p.getFileName().toString())
          .map(NAMESPACE::matcher)
          .filter(Matcher::matches)
          .sorted(
              Comparator.comparingLong((Matcher m) -> Long.parseLong(m.group(2)))
                  .thenComparing(m -> m.group(0)))
          .map(m -> "nvme" + m.group(1) + "n" + m.group(2))
          .distinct()
          .filter(name -> Files.isDirectory(sysfs.resolve("block").resolve(name)))
          .toList();
    } catch (IOException | UncheckedIOException | NumberFormatException e) {
      return List.of();
    }
  }

  /**
   * Who the device is according to sysfs, empty when sysfs knows neither serial nor model (no sysfs
   * tree, a disk behind a RAID controller, a name sysfs does not have).
   */
  Optional<DeviceIdentity> identify(SmartDevice device) {
    if (sysfs == null || !DeviceNaming.port(device.type()).isEmpty()) {
      return Optional.empty();
    }
    String base = DeviceNaming.base(device.name());
    Matcher ns = Pattern.compile("(nvme\\d+)n\\d+").matcher(base);
    if (ns.matches()) {
      base = ns.group(1);
    }
    DeviceIdentity id;
    if (NVME_CONTROLLER.matcher(base).matches()) {
      id = nvme(base, device);
    } else if (DeviceNaming.blockDevice(device.name(), device.type()).equals(base)
        && !base.isEmpty()) {
      id = block(base, device);
    } else {
      return Optional.empty();
    }
    return id.identified() ? Optional.of(id) : Optional.empty();
  }

  private DeviceIdentity nvme(String controller, SmartDevice device) {
    Path dir = sysfs.resolve("class/nvme").resolve(controller);
    String wwn =
        namespaces(controller).stream()
            .map(b -> SysfsDrive.read(sysfs.resolve("block").resolve(b).resolve("wwid")))
            .flatMap(Optional::stream)
            .map(SysfsDrive::wwn)
            .flatMap(Optional::stream)
            .findFirst()
            .orElse("");
    return new DeviceIdentity(
        device.type(),
        device.protocol().isEmpty() ? "NVMe" : device.protocol(),
        SysfsDrive.read(dir.resolve("model")).orElse(""),
        "",
        SysfsDrive.serial(dir).orElse(""),
        SysfsDrive.read(dir.resolve("firmware_rev")).orElse(""),
        wwn);
  }

  private DeviceIdentity block(String name, SmartDevice device) {
    Path dir = sysfs.resolve("block").resolve(name).resolve("device");
    String vendor = SysfsDrive.read(dir.resolve("vendor")).orElse("");
    String model = SysfsDrive.read(dir.resolve("model")).orElse("");
    // libata reports every SATA disk's SCSI vendor as "ATA"; smartctl names SCSI disks
    // "<vendor> <product>".
    if (!vendor.isEmpty() && !vendor.equals("ATA") && !model.isEmpty()) {
      model = vendor + " " + model;
    }
    String wwn =
        SysfsDrive.read(dir.resolve("wwid"))
            .or(() -> SysfsDrive.read(sysfs.resolve("block").resolve(name).resolve("wwid")))
            .flatMap(SysfsDrive::wwn)
            .orElse("");
    return new DeviceIdentity(
        device.type(),
        device.protocol(),
        model,
        "",
        SysfsDrive.serial(dir).orElse(""),
        SysfsDrive.read(dir.resolve("rev")).orElse(""),
        wwn);
  }
}
