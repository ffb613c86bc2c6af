package io.github.storageagent.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One block device of the reference node as the kernel lists it in {@code /proc/diskstats} and
 * {@code /sys/block}, with the load it carries.
 *
 * @param name kernel name ({@code nvme0n1}, {@code sda1}, {@code dm-0})
 * @param major block major number
 * @param minor block minor number
 * @param kind what it is
 * @param index the NVMe controller or SATA disk number, or the dm number
 * @param model sysfs {@code device/model}, "" for partitions and dm devices
 * @param serial sysfs {@code device/serial}, "" for partitions and dm devices
 * @param dmName sysfs {@code dm/name}, "" for hardware
 * @param readIops mean reads per second
 * @param writeIops mean writes per second
 * @param readMs mean read service time
 * @param writeMs mean write service time
 */
public record BlockDevice(
    String name,
    int major,
    int minor,
    Kind kind,
    int index,
    String model,
    String serial,
    String dmName,
    double readIops,
    double writeIops,
    double readMs,
    double writeMs) {

  /** The kinds of device on the node. */
  public enum Kind {
    NVME,
    SATA,
    PARTITION,
    DM
  }

  /** NVMe models of the project's SMART test fixtures, in turn. */
  static final String[] NVME_MODELS = {
    "SAMSUNG MZQL23T8HCLS-00A07", "Micron_7450_MTFDKCC3T8TFR", "KIOXIA KCD6XLUL3T84"
  };

  static final String[] NVME_FIRMWARE = {"GDC5602Q", "E2MU200", "0106"};

  static final String SATA_MODEL = "ST4000NM000A-2HZ100";

  /**
   * Every device of the shape: the exported ones plus partitions that the default exclude drops.
   */
  public static List<BlockDevice> of(Shape shape) {
    List<BlockDevice> list = new ArrayList<>();
    for (int i = 0; i < shape.nvme(); i++) {
      double busy = 1 + (i % 4);
      list.add(
          new BlockDevice(
              "nvme" + i + "n1",
              259,
              i,
              Kind.NVME,
              i,
              nvmeModel(i),
              nvmeSerial(i),
              "",
              400 * busy,
              600 * busy,
              0.08 + 0.01 * (i % 3),
              0.03 + 0.005 * (i % 5)));
    }
    for (int j = 0; j < shape.sata(); j++) {
      String name = "sd" + sdLetters(j);
      list.add(
          new BlockDevice(
              name, 8, 16 * j, Kind.SATA, j, SATA_MODEL, sataSerial(j), "", 20, 35, 6.5, 3.8));
      if (j < 2) {
        // The boot disks: EFI, /boot and the LVM PV carrying pve-root and pve-swap.
        for (int p = 1; p <= 3; p++) {
          double share = p == 3 ? 1 : 0.01;
          list.add(
              new BlockDevice(
                  name + p,
                  8,
                  16 * j + p,
                  Kind.PARTITION,
                  j,
                  "",
                  "",
                  "",
                  20 * share,
                  35 * share,
                  6.5,
                  3.8));
        }
      }
    }
    for (int k = 0; k < shape.dmNames().size(); k++) {
      list.add(
          new BlockDevice(
              "dm-" + k,
              252,
              k,
              Kind.DM,
              k,
              "",
              "",
              shape.dmNames().get(k),
              k == 0 ? 0.5 : 15,
              k == 0 ? 0.5 : 30,
              6.5,
              3.8));
    }
    return List.copyOf(list);
  }

  /** sda, sdb, ..., sdz, sdaa, ... as the kernel names them. */
  static String sdLetters(int n) {
    StringBuilder sb = new StringBuilder();
    int x = n;
    do {
      sb.insert(0, (char) ('a' + x % 26));
      x = x / 26 - 1;
    } while (x >= 0);
    return sb.toString();
  }

  static String nvmeModel(int i) {
    return NVME_MODELS[i % NVME_MODELS.length];
  }

  static String nvmeFirmware(int i) {
    return NVME_FIRMWARE[i % NVME_FIRMWARE.length];
  }

  /** Serials in each vendor's style, distinct per controller. */
  static String nvmeSerial(int i) {
    return switch (i % NVME_MODELS.length) {
      case 0 -> String.format(Locale.ROOT, "S64GNE0R6%05d", 1234 + i);
      case 1 -> String.format(Locale.ROOT, "2229%08X", 0x3B8F1A2C + i);
      default -> String.format(Locale.ROOT, "X1B0A%05dT8", 7001 + i);
    };
  }

  static String sataSerial(int j) {
    return String.format(Locale.ROOT, "WJG1%04X", 0x2A3 + j);
  }
}
