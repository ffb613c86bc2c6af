package io.github.storageagent.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What smartctl 7.3 prints for the reference node's disks, in the structure of the project's SMART
 * test fixtures ({@code agent/src/test/resources/smart}): NVMe documents like {@code
 * nvme-samsung-pm9a3-healthy.json}, ATA ones like {@code sata-hdd-seagate-exos-*.json} but healthy.
 * Every disk has its own serial and slightly different wear, temperature and counters.
 */
public final class SmartJson {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIME = 1_763_976_000L;

  private SmartJson() {}

  /** {@code smartctl --version}. */
  public static String version() {
    return "smartctl 7.3 2022-02-28 r5338 [x86_64-linux-6.8.12-4-pve] (local build)\n"
        + "Copyright (C) 2002-22, Bruce Allen, Christian Franke, www.smartmontools.org\n";
  }

  /** {@code smartctl --scan-open --json}: the NVMe controllers, then the SATA disks. */
  public static String scan(Shape shape) {
    ObjectNode root = header(List.of("smartctl", "--scan-open", "--json"), 0);
    ArrayNode devices = root.putArray("devices");
    for (int i = 0; i < shape.nvme(); i++) {
      ObjectNode d = devices.addObject();
      d.put("name", "/dev/nvme" + i);
      d.put("info_name", "/dev/nvme" + i);
      d.put("type", "nvme");
      d.put("protocol", "NVMe");
    }
    for (int j = 0; j < shape.sata(); j++) {
      String dev = "/dev/sd" + BlockDevice.sdLetters(j);
      ObjectNode d = devices.addObject();
      d.put("name", dev);
      d.put("info_name", dev + " [SAT]");
      d.put("type", "sat");
      d.put("protocol", "ATA");
    }
    return write(root);
  }

  /** The read of NVMe controller {@code i} ({@code /dev/nvme<i>}). */
  public static String nvme(int i) {
    String dev = "/dev/nvme" + i;
    ObjectNode root = header(readArgv("nvme", dev), 0);
    ObjectNode device = root.putObject("device");
    device.put("name", dev);
    device.put("info_name", dev);
    device.put("type", "nvme");
    device.put("protocol", "NVMe");
    long bytes = 3_840_755_982_336L;
    long blocks = bytes / 512;
    root.put("model_name", BlockDevice.nvmeModel(i));
    root.put("serial_number", BlockDevice.nvmeSerial(i));
    root.put("firmware_version", BlockDevice.nvmeFirmware(i));
    ObjectNode vendor = root.putObject("nvme_pci_vendor");
    vendor.put("id", 5197);
    vendor.put("subsystem_id", 5197);
    root.put("nvme_ieee_oui_identifier", 9528);
    root.put("nvme_total_capacity", bytes);
    root.put("nvme_unallocated_capacity", 0);
    root.put("nvme_controller_id", 1);
    ObjectNode version = root.putObject("nvme_version");
    version.put("string", "1.4");
    version.put("value", 66560);
    root.put("nvme_number_of_namespaces", 1);
    ObjectNode ns = root.putArray("nvme_namespaces").addObject();
    ns.put("id", 1);
    sized(ns.putObject("size"), blocks);
    sized(ns.putObject("capacity"), blocks);
    sized(ns.putObject("utilization"), blocks / (2 + i % 3));
    ns.put("formatted_lba_size", 512);
    sized(root.putObject("user_capacity"), blocks);
    root.put("logical_block_size", 512);
    support(root);
    ObjectNode status = root.putObject("smart_status");
    status.put("passed", true);
    status.putObject("nvme").put("value", 0);
    int temperature = 36 + (i * 7) % 12;
    long hours = 6530 + 811L * i;
    ObjectNode log = root.putObject("nvme_smart_health_information_log");
    log.put("critical_warning", 0);
    log.put("temperature", temperature);
    log.put("available_spare", 100);
    log.put("available_spare_threshold", 10);
    log.put("percentage_used", 1 + (i * 3) % 17);
    log.put("data_units_read", 88_214_003L + 9_000_001L * i);
    log.put("data_units_written", 120_377_712L + 12_000_017L * i);
    log.put("host_reads", 702_118_006L + 70_000_003L * i);
    log.put("host_writes", 1_302_119_774L + 130_000_019L * i);
    log.put("controller_busy_time", 1833 + 97 * i);
    log.put("power_cycles", 14 + i % 5);
    log.put("power_on_hours", hours);
    log.put("unsafe_shutdowns", 6 + i % 3);
    log.put("media_errors", 0);
    log.put("num_err_log_entries", 0);
    log.put("warning_temp_time", 0);
    log.put("critical_comp_time", 0);
    log.putArray("temperature_sensors").add(temperature).add(temperature + 7);
    root.putObject("temperature").put("current", temperature);
    root.put("power_cycle_count", 14 + i % 5);
    root.putObject("power_on_time").put("hours", hours);
    return write(root);
  }

  /** The read of SATA disk {@code j} ({@code /dev/sd<letter>}), a healthy enterprise HDD. */
  public static String ata(int j) {
    String dev = "/dev/sd" + BlockDevice.sdLetters(j);
    ObjectNode root = header(readArgv("sat", dev), 0);
    ObjectNode device = root.putObject("device");
    device.put("name", dev);
    device.put("info_name", dev + " [SAT]");
    device.put("type", "sat");
    device.put("protocol", "ATA");
    root.put("model_family", "Seagate Exos 7E8");
    root.put("model_name", BlockDevice.SATA_MODEL);
    root.put("serial_number", BlockDevice.sataSerial(j));
    ObjectNode wwn = root.putObject("wwn");
    wwn.put("naa", 5);
    wwn.put("oui", 3152);
    wwn.put("id", 2_718_281_828L + j);
    root.put("firmware_version", "TN04");
    sized(root.putObject("user_capacity"), 7_814_037_168L);
    root.put("logical_block_size", 512);
    root.put("physical_block_size", 4096);
    root.put("rotation_rate", 7200);
    root.put("in_smartctl_database", true);
    support(root);
    root.putObject("smart_status").put("passed", true);
    long hours = 33_612 + 1_000L * j;
    int temperature = 33 + j % 6;
    root.putObject("power_on_time").put("hours", hours);
    root.put("power_cycle_count", 44 + j);
    root.putObject("temperature").put("current", temperature);
    ObjectNode attributes = root.putObject("ata_smart_attributes");
    attributes.put("revision", 10);
    ArrayNode table = attributes.putArray("table");
    String t = Integer.toString(temperature);
    // id, name, value, worst, thresh, prefailure, raw value, raw string
    Object[][] rows = {
      {1, "Raw_Read_Error_Rate", 83, 64, 44, true, 204_718_310L, null},
      {3, "Spin_Up_Time", 92, 91, 0, true, 0L, null},
      {4, "Start_Stop_Count", 100, 100, 20, false, 44L + j, null},
      {5, "Reallocated_Sector_Ct", 100, 100, 10, true, 0L, null},
      {7, "Seek_Error_Rate", 87, 60, 45, true, 562_719_431L, null},
      {9, "Power_On_Hours", 62, 62, 0, false, hours, null},
      {10, "Spin_Retry_Count", 100, 100, 97, true, 0L, null},
      {12, "Power_Cycle_Count", 100, 100, 20, false, 44L + j, null},
      {184, "End-to-End_Error", 100, 100, 99, false, 0L, null},
      {187, "Reported_Uncorrect", 100, 100, 0, false, 0L, null},
      {188, "Command_Timeout", 100, 100, 0, false, 0L, "0 0 0"},
      {189, "High_Fly_Writes", 100, 100, 0, false, 0L, null},
      {
        190,
        "Airflow_Temperature_Cel",
        63,
        49,
        40,
        false,
        756_940_800L + temperature,
        t + " (Min/Max 30/45)"
      },
      {192, "Power-Off_Retract_Count", 100, 100, 0, false, 31L, null},
      {193, "Load_Cycle_Count", 98, 98, 0, false, 4811L + j, null},
      {
        194,
        "Temperature_Celsius",
        temperature,
        51,
        0,
        false,
        73_014_444_032L + temperature,
        t + " (0 17 0 0 0)"
      },
      {195, "Hardware_ECC_Recovered", 83, 64, 0, false, 204_718_310L, null},
      {197, "Current_Pending_Sector", 100, 100, 0, false, 0L, null},
      {198, "Offline_Uncorrectable", 100, 100, 0, false, 0L, null},
      {199, "UDMA_CRC_Error_Count", 200, 200, 0, false, 0L, null},
      {240, "Head_Flying_Hours", 100, 253, 0, false, 693_553_365_712L, "33488 (123 161 0)"},
      {241, "Total_LBAs_Written", 100, 253, 0, false, 73_122_004_418L + j, null},
      {242, "Total_LBAs_Read", 100, 253, 0, false, 301_877_215_002L + j, null},
    };
    for (Object[] r : rows) {
      ObjectNode a = table.addObject();
      a.put("id", (Integer) r[0]);
      a.put("name", (String) r[1]);
      a.put("value", (Integer) r[2]);
      a.put("worst", (Integer) r[3]);
      a.put("thresh", (Integer) r[4]);
      a.put("when_failed", "");
      boolean pre = (Boolean) r[5];
      ObjectNode flags = a.putObject("flags");
      flags.put("value", pre ? 15 : 50);
      flags.put("string", pre ? "POSR-- " : "-O--CK ");
      flags.put("prefailure", pre);
      flags.put("updated_online", true);
      flags.put("performance", pre);
      flags.put("error_rate", pre);
      flags.put("event_count", !pre);
      flags.put("auto_keep", !pre);
      ObjectNode raw = a.putObject("raw");
      long value = (Long) r[6];
      raw.put("value", value);
      raw.put("string", r[7] == null ? Long.toString(value) : (String) r[7]);
    }
    root.putObject("ata_smart_error_log").putObject("summary").put("revision", 1).put("count", 0);
    return write(root);
  }

  private static List<String> readArgv(String type, String dev) {
    return List.of(
        "smartctl",
        "--json",
        "--info",
        "--health",
        "--attributes",
        "--log=error",
        "--nocheck=standby",
        "--device=" + type,
        dev);
  }

  private static ObjectNode header(List<String> argv, int exit) {
    ObjectNode root = JSON.createObjectNode();
    root.putArray("json_format_version").add(1).add(0);
    ObjectNode smartctl = root.putObject("smartctl");
    smartctl.putArray("version").add(7).add(3);
    smartctl.put("svn_revision", "5338");
    smartctl.put("platform_info", "x86_64-linux-6.8.12-4-pve");
    smartctl.put("build_info", "(local build)");
    ArrayNode a = smartctl.putArray("argv");
    argv.forEach(a::add);
    smartctl.put("exit_status", exit);
    ObjectNode time = root.putObject("local_time");
    time.put("time_t", TIME);
    time.put("asctime", "Mon Nov 24 09:20:00 2025 UTC");
    return root;
  }

  private static void support(ObjectNode root) {
    ObjectNode s = root.putObject("smart_support");
    s.put("available", true);
    s.put("enabled", true);
  }

  private static void sized(ObjectNode node, long blocks) {
    node.put("blocks", blocks);
    node.put("bytes", blocks * 512);
  }

  private static String write(ObjectNode root) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
