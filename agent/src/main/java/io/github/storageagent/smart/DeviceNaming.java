package io.github.storageagent.smart;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names a smartctl device for humans and for joins: the {@code device} label ({@code nvme0}, {@code
 * sda}, {@code bus0_megaraid1}) and the kernel block device the disk-IO collector knows ({@code
 * nvme0n1}, {@code sda}, "" behind a RAID controller; an NVMe controller's comes from sysfs).
 */
public final class DeviceNaming {

  private static final Pattern NVME_NAMESPACE = Pattern.compile("(nvme\\d+)n\\d+");
  private static final Pattern NVME_CONTROLLER = Pattern.compile("nvme\\d+");
  private static final Pattern BLOCK =
      Pattern.compile("(sd[a-z]+|hd[a-z]+|vd[a-z]+|nvme\\d+n\\d+)");

  // -d types that address one disk behind a controller port: the port belongs in the label.
  private static final Set<String> PORT_TYPES =
      Set.of(
          "megaraid",
          "cciss",
          "areca",
          "3ware",
          "aacraid",
          "hpt",
          "jmb39x",
          "jmb39x-q",
          "jmb39x-q2",
          "jms56x",
          "sssraid",
          "usbjmicron");

  private DeviceNaming() {}

  /** The {@code device} label for a smartctl device name and {@code -d} type. */
  public static String label(String name, String type) {
    String base = base(name);
    Matcher ns = NVME_NAMESPACE.matcher(base);
    if (ns.matches()) {
      // SMART health is per NVMe controller; the label names the controller like the scan does.
      base = ns.group(1);
    }
    String port = port(type);
    return port.isEmpty() ? base : base + "_" + port;
  }

  /** The kernel block device behind the smartctl device, "" when there is none to join with. */
  public static String blockDevice(String name, String type) {
    if (!port(type).isEmpty()) {
      return "";
    }
    String base = base(name);
    if (NVME_CONTROLLER.matcher(base).matches()) {
      // A controller may have no namespace, or several: sysfs tells (SmartSysfs#blockDevice).
      return "";
    }
    return BLOCK.matcher(base).matches() ? base : "";
  }

  /** "megaraid1" for "megaraid,1" or "sat+megaraid,1"; "" for types without a port. */
  static String port(String type) {
    if (type == null || type.isEmpty()) {
      return "";
    }
    String last = type.substring(type.lastIndexOf('+') + 1).toLowerCase(Locale.ROOT);
    int comma = last.indexOf(',');
    if (comma < 0 || !PORT_TYPES.contains(last.substring(0, comma))) {
      return "";
    }
    String port = last.substring(comma + 1).replaceAll("[^a-z0-9]+", "_");
    return last.substring(0, comma).replace("-", "_") + port;
  }

  /** "/dev/bus/0" -> "bus0", "/dev/sda" -> "sda", "/dev/disk/by-id/x" -> "disk_by-id_x". */
  static String base(String name) {
    String path = name.startsWith("/dev/") ? name.substring(5) : name.replaceFirst("^/+", "");
    StringBuilder sb = new StringBuilder();
    for (String part : path.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      if (sb.length() > 0 && !part.chars().allMatch(Character::isDigit)) {
        sb.append('_');
      }
      sb.append(part);
    }
    return sb.toString();
  }
}
