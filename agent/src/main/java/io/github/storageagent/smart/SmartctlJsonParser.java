package io.github.storageagent.smart;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.storageagent.collect.Messages;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Turns {@code smartctl --json} output into typed records. Tolerant of what smartctl versions and
 * devices leave out; anything that is not smartctl JSON becomes a {@link SmartParseException},
 * never another exception.
 */
public final class SmartctlJsonParser {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private SmartctlJsonParser() {}

  /** Parses the output of a device read. */
  public static SmartReading parseReading(String json) throws SmartParseException {
    JsonNode root = root(json);
    JsonNode smartctl = root.path("smartctl");
    JsonNode device = root.path("device");

    OptionalLong hours = integer(root.path("power_on_time").path("hours"));
    OptionalLong minutes = integer(root.path("power_on_time").path("minutes"));
    OptionalLong powerOnSeconds =
        hours.isPresent()
            ? OptionalLong.of(hours.getAsLong() * 3600 + minutes.orElse(0) * 60)
            : OptionalLong.empty();

    Optional<NvmeHealth> nvme = nvme(root.path("nvme_smart_health_information_log"));
    Optional<ScsiCounters> scsi = scsi(root);

    OptionalLong powerCycles = integer(root.path("power_cycle_count"));
    if (powerCycles.isEmpty() && scsi.isPresent()) {
      powerCycles = scsi.get().startStopCycles();
    }
    if (powerCycles.isEmpty() && nvme.isPresent()) {
      powerCycles = nvme.get().powerCycles();
    }
    if (powerOnSeconds.isEmpty() && nvme.isPresent()) {
      powerOnSeconds = mapLong(nvme.get().powerOnHours(), h -> h * 3600);
    }
    // A current temperature of 0 °C means "no sensor" (RAID volumes, some SSDs), not a frozen disk.
    OptionalLong temperature = positive(integer(root.path("temperature").path("current")));
    if (temperature.isEmpty() && nvme.isPresent()) {
      temperature = positive(nvme.get().temperature());
    }

    JsonNode passed = root.path("smart_status").path("passed");
    return new SmartReading(
        version(smartctl.path("version")),
        toInt(integer(smartctl.path("exit_status"))),
        messages(smartctl.path("messages")),
        text(device.path("name")),
        identity(root, device),
        passed.isBoolean() ? Optional.of(passed.booleanValue()) : Optional.empty(),
        temperature,
        powerOnSeconds,
        powerCycles,
        Optional.of(text(root.path("power_mode").path("name"))).filter(s -> !s.isEmpty()),
        nvme,
        attributes(root.path("ata_smart_attributes").path("table")),
        errorLogCount(root.path("ata_smart_error_log")),
        scsi,
        SelfTestLogParser.parse(root),
        deviceStatistics(root),
        temperatureLimits(root),
        capacity(root));
  }

  /**
   * The drive's size: {@code user_capacity.bytes} (ATA, SCSI, and NVMe with one namespace), else an
   * NVMe controller's {@code nvme_total_capacity}.
   */
  private static OptionalLong capacity(JsonNode root) {
    OptionalLong user = positive(integer(root.path("user_capacity").path("bytes")));
    return user.isPresent() ? user : positive(integer(root.path("nvme_total_capacity")));
  }

  /** Parses {@code smartctl --scan-open --json}: each device with its type and protocol. */
  public static List<SmartDevice> parseScan(String json) throws SmartParseException {
    JsonNode root = root(json);
    List<SmartDevice> devices = new ArrayList<>();
    for (JsonNode d : root.path("devices")) {
      String name = text(d.path("name"));
      if (name.startsWith("/")) {
        devices.add(SmartDevice.of(name, text(d.path("type")), text(d.path("protocol"))));
      }
    }
    return devices;
  }

  private static JsonNode root(String json) throws SmartParseException {
    if (json == null || json.isBlank()) {
      throw new SmartParseException("no output");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new SmartParseException("not JSON: " + Messages.firstLine(e.getOriginalMessage(), 120));
    } catch (RuntimeException e) {
      // Jackson reports some limits (nesting depth, number length) as unchecked exceptions.
      throw new SmartParseException("not JSON: " + e.getClass().getSimpleName());
    }
    if (root == null || !root.isObject()) {
      throw new SmartParseException("not a JSON object");
    }
    if (!root.path("smartctl").isObject()) {
      throw new SmartParseException("not smartctl JSON (no \"smartctl\" section)");
    }
    return root;
  }

  private static DeviceIdentity identity(JsonNode root, JsonNode device) {
    String model = text(root.path("model_name"));
    if (model.isEmpty()) {
      model = text(root.path("scsi_model_name"));
    }
    if (model.isEmpty()) {
      String vendor = first(root, "scsi_vendor", "vendor");
      String product = first(root, "scsi_product", "product");
      model = (vendor + " " + product).strip();
    }
    return new DeviceIdentity(
        text(device.path("type")),
        text(device.path("protocol")),
        model,
        text(root.path("model_family")),
        text(root.path("serial_number")),
        first(root, "firmware_version", "scsi_revision", "revision"),
        wwn(root));
  }

  /**
   * The world wide name as {@code 0x} and 16 hex digits: ATA and SCSI {@code wwn {naa, oui, id}}
   * (NAA 4 bits, OUI 24 bits, vendor id 36 bits, as smartctl prints "LU WWN Device Id"); NVMe the
   * first namespace's IEEE EUI-64 ({@code nvme_namespaces[].eui64 {oui, ext_id}}, or the older
   * top-level {@code nvme_eui64}); "" when the device reports none or the parts are out of range.
   */
  static String wwn(JsonNode root) {
    JsonNode wwn = root.path("wwn");
    if (wwn.isObject()) {
      return pack(wwn, "naa", 4, "oui", 24, "id", 36);
    }
    JsonNode eui = root.path("nvme_eui64");
    if (!eui.isObject()) {
      for (JsonNode ns : root.path("nvme_namespaces")) {
        if (ns.path("eui64").isObject()) {
          eui = ns.path("eui64");
          break;
        }
      }
    }
    return eui.isObject() ? pack(eui, null, 0, "oui", 24, "ext_id", 40) : "";
  }

  private static boolean fits(long value, int bits) {
    return value >= 0 && (bits == 0 ? value == 0 : value < (1L << bits));
  }

  private static String pack(
      JsonNode node, String high, int highBits, String mid, int midBits, String low, int lowBits) {
    OptionalLong h = high == null ? OptionalLong.of(0) : integer(node.path(high));
    OptionalLong m = integer(node.path(mid));
    OptionalLong l = integer(node.path(low));
    if (h.isEmpty() || m.isEmpty() || l.isEmpty()) {
      return "";
    }
    if (!fits(h.getAsLong(), highBits)
        || !fits(m.getAsLong(), midBits)
        || !fits(l.getAsLong(), lowBits)) {
      return "";
    }
    long value =
        (h.getAsLong() << (midBits + lowBits)) | (m.getAsLong() << lowBits) | l.getAsLong();
    if (value == 0) {
      return "";
    }
    return String.format("0x%016x", value);
  }

  private static Optional<NvmeHealth> nvme(JsonNode log) {
    if (!log.isObject()) {
      return Optional.empty();
    }
    return Optional.of(
        new NvmeHealth(
            integer(log.path("critical_warning")),
            integer(log.path("temperature")),
            integer(log.path("available_spare")),
            integer(log.path("available_spare_threshold")),
            integer(log.path("percentage_used")),
            integer(log.path("data_units_read")),
            integer(log.path("data_units_written")),
            integer(log.path("host_reads")),
            integer(log.path("host_writes")),
            integer(log.path("controller_busy_time")),
            integer(log.path("power_cycles")),
            integer(log.path("power_on_hours")),
            integer(log.path("unsafe_shutdowns")),
            integer(log.path("media_errors")),
            integer(log.path("num_err_log_entries")),
            integer(log.path("warning_temp_time")),
            integer(log.path("critical_comp_time"))));
  }

  private static List<AtaAttribute> attributes(JsonNode table) {
    List<AtaAttribute> result = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    for (JsonNode row : table) {
      OptionalLong id = integer(row.path("id"));
      // A row without a usable id cannot be labelled; a repeated id would duplicate a series.
      if (id.isEmpty() || id.getAsLong() < 1 || id.getAsLong() > 255) {
        continue;
      }
      if (!seen.add((int) id.getAsLong())) {
        continue;
      }
      JsonNode raw = row.path("raw");
      result.add(
          new AtaAttribute(
              (int) id.getAsLong(),
              text(row.path("name")),
              (int) integer(row.path("value")).orElse(0),
              (int) integer(row.path("worst")).orElse(0),
              (int) integer(row.path("thresh")).orElse(0),
              text(row.path("when_failed")),
              row.path("flags").path("prefailure").asBoolean(false),
              integer(raw.path("value")).orElse(0),
              text(raw.path("string"))));
    }
    return result;
  }

  /** Device statistics pages 1 and 7; page 5 reaches {@code temperature} through smartctl. */
  private static Optional<AtaDeviceStatistics> deviceStatistics(JsonNode root) {
    Map<Long, JsonNode> general = new HashMap<>();
    Map<Long, JsonNode> ssd = new HashMap<>();
    for (JsonNode page : root.path("ata_device_statistics").path("pages")) {
      OptionalLong number = integer(page.path("number"));
      Map<Long, JsonNode> into =
          number.equals(OptionalLong.of(1))
              ? general
              : number.equals(OptionalLong.of(7)) ? ssd : null;
      if (into == null) {
        continue;
      }
      for (JsonNode entry : page.path("table")) {
        OptionalLong offset = integer(entry.path("offset"));
        // An entry the drive flags invalid has no value; one without the flag is taken as valid.
        if (offset.isPresent() && entry.path("flags").path("valid").asBoolean(true)) {
          into.putIfAbsent(offset.getAsLong(), entry.path("value"));
        }
      }
    }
    AtaDeviceStatistics stats =
        new AtaDeviceStatistics(
            integer(ssd.get(0x08L)),
            integer(general.get(0x18L)),
            integer(general.get(0x28L)),
            positive(integer(root.path("logical_block_size"))));
    return stats.isEmpty() ? Optional.empty() : Optional.of(stats);
  }

  private static TemperatureLimits temperatureLimits(JsonNode root) {
    JsonNode t = root.path("temperature");
    JsonNode nvme = root.path("nvme_composite_temperature_threshold");
    OptionalLong operating = positive(integer(t.path("op_limit_max")));
    if (operating.isEmpty()) {
      operating = positive(integer(nvme.path("warning")));
    }
    OptionalLong critical = positive(integer(t.path("critical_limit_max")));
    for (JsonNode alternative :
        List.of(t.path("limit_max"), nvme.path("critical"), t.path("drive_trip"))) {
      if (critical.isEmpty()) {
        critical = positive(integer(alternative));
      }
    }
    return new TemperatureLimits(operating, critical);
  }

  private static OptionalLong errorLogCount(JsonNode log) {
    OptionalLong extended = integer(log.path("extended").path("count"));
    return extended.isPresent() ? extended : integer(log.path("summary").path("count"));
  }

  private static Optional<ScsiCounters> scsi(JsonNode root) {
    Map<String, Long> uncorrected = new LinkedHashMap<>();
    JsonNode counters = root.path("scsi_error_counter_log");
    for (String op : List.of("read", "write", "verify")) {
      integer(counters.path(op).path("total_uncorrected_errors"))
          .ifPresent(v -> uncorrected.put(op, v));
    }
    ScsiCounters scsi =
        new ScsiCounters(
            integer(root.path("scsi_grown_defect_list")),
            uncorrected,
            integer(
                root.path("scsi_start_stop_cycle_counter").path("accumulated_start_stop_cycles")));
    return scsi.isEmpty() ? Optional.empty() : Optional.of(scsi);
  }

  private static List<SmartctlMessage> messages(JsonNode messages) {
    List<SmartctlMessage> result = new ArrayList<>();
    for (JsonNode m : messages) {
      result.add(new SmartctlMessage(text(m.path("string")), text(m.path("severity"))));
    }
    return result;
  }

  private static Optional<List<Integer>> version(JsonNode version) {
    if (!version.isArray() || version.size() < 2) {
      return Optional.empty();
    }
    OptionalLong major = integer(version.get(0));
    OptionalLong minor = integer(version.get(1));
    if (major.isEmpty() || minor.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(List.of((int) major.getAsLong(), (int) minor.getAsLong()));
  }

  /** An integral JSON number, clamped to long (NVMe counters are 128-bit); empty otherwise. */
  static OptionalLong integer(JsonNode node) {
    if (node == null || !node.isIntegralNumber()) {
      return OptionalLong.empty();
    }
    if (node.canConvertToLong()) {
      return OptionalLong.of(node.longValue());
    }
    BigInteger big = node.bigIntegerValue();
    return OptionalLong.of(big.signum() < 0 ? Long.MIN_VALUE : big.min(LONG_MAX).longValue());
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.textValue().strip() : "";
  }

  private static String first(JsonNode root, String... keys) {
    for (String key : keys) {
      String v = text(root.path(key));
      if (!v.isEmpty()) {
        return v;
      }
    }
    return "";
  }

  private static OptionalLong positive(OptionalLong v) {
    return v.isPresent() && v.getAsLong() > 0 ? v : OptionalLong.empty();
  }

  private static OptionalLong mapLong(OptionalLong v, java.util.function.LongUnaryOperator f) {
    return v.isPresent() ? OptionalLong.of(f.applyAsLong(v.getAsLong())) : OptionalLong.empty();
  }

  private static OptionalInt toInt(OptionalLong v) {
    return v.isPresent() && v.getAsLong() >= 0 && v.getAsLong() <= 255
        ? OptionalInt.of((int) v.getAsLong())
        : OptionalInt.empty();
  }
}
