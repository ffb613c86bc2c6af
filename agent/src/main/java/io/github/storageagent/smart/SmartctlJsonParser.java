package io.github.storageagent.smart;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.jr.stree.JrsArray;
import com.fasterxml.jackson.jr.stree.JrsBoolean;
import com.fasterxml.jackson.jr.stree.JrsNumber;
import com.fasterxml.jackson.jr.stree.JrsObject;
import com.fasterxml.jackson.jr.stree.JrsValue;
import io.github.storageagent.collect.Messages;
import io.github.storageagent.json.JsonTree;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
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

  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private SmartctlJsonParser() {}

  /** Parses the output of a device read. */
  public static SmartReading parseReading(String json) throws SmartParseException {
    JrsValue root = root(json);
    JrsValue smartctl = root.path("smartctl");
    JrsValue device = root.path("device");

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

    return new SmartReading(
        version(smartctl.path("version")),
        toInt(integer(smartctl.path("exit_status"))),
        messages(smartctl.path("messages")),
        text(device.path("name")),
        identity(root, device),
        JsonTree.bool(root.path("smart_status").path("passed")),
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
  private static OptionalLong capacity(JrsValue root) {
    OptionalLong user = positive(integer(root.path("user_capacity").path("bytes")));
    return user.isPresent() ? user : positive(integer(root.path("nvme_total_capacity")));
  }

  /** Parses {@code smartctl --scan-open --json}: each device with its type and protocol. */
  public static List<SmartDevice> parseScan(String json) throws SmartParseException {
    JrsValue root = root(json);
    List<SmartDevice> devices = new ArrayList<>();
    for (JrsValue d : elements(root.path("devices"))) {
      String name = text(d.path("name"));
      if (name.startsWith("/")) {
        devices.add(SmartDevice.of(name, text(d.path("type")), text(d.path("protocol"))));
      }
    }
    return devices;
  }

  private static JrsValue root(String json) throws SmartParseException {
    if (json == null || json.isBlank()) {
      throw new SmartParseException("no output");
    }
    JrsValue root;
    try {
      root = JsonTree.firstValue(json);
    } catch (JacksonException e) {
      throw new SmartParseException("not JSON: " + Messages.firstLine(e.getOriginalMessage(), 120));
    } catch (IOException | RuntimeException e) {
      // Reading a string does no other I/O; Jackson reports some limits as unchecked exceptions.
      throw new SmartParseException("not JSON: " + e.getClass().getSimpleName());
    }
    if (!root.isObject()) {
      throw new SmartParseException("not a JSON object");
    }
    if (!root.path("smartctl").isObject()) {
      throw new SmartParseException("not smartctl JSON (no \"smartctl\" section)");
    }
    return root;
  }

  private static DeviceIdentity identity(JrsValue root, JrsValue device) {
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
  static String wwn(JrsValue root) {
    JrsValue wwn = root.path("wwn");
    if (wwn.isObject()) {
      return pack(wwn, "naa", 4, "oui", 24, "id", 36);
    }
    JrsValue eui = root.path("nvme_eui64");
    if (!eui.isObject()) {
      for (JrsValue ns : elements(root.path("nvme_namespaces"))) {
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
      JrsValue node, String high, int highBits, String mid, int midBits, String low, int lowBits) {
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

  private static Optional<NvmeHealth> nvme(JrsValue log) {
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

  private static List<AtaAttribute> attributes(JrsValue table) {
    List<AtaAttribute> result = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    for (JrsValue row : elements(table)) {
      OptionalLong id = integer(row.path("id"));
      // A row without a usable id cannot be labelled; a repeated id would duplicate a series.
      if (id.isEmpty() || id.getAsLong() < 1 || id.getAsLong() > 255) {
        continue;
      }
      if (!seen.add((int) id.getAsLong())) {
        continue;
      }
      JrsValue raw = row.path("raw");
      result.add(
          new AtaAttribute(
              (int) id.getAsLong(),
              text(row.path("name")),
              (int) integer(row.path("value")).orElse(0),
              (int) integer(row.path("worst")).orElse(0),
              (int) integer(row.path("thresh")).orElse(0),
              text(row.path("when_failed")),
              flag(row.path("flags").path("prefailure"), false),
              integer(raw.path("value")).orElse(0),
              text(raw.path("string"))));
    }
    return result;
  }

  /** Device statistics pages 1 and 7; page 5 reaches {@code temperature} through smartctl. */
  private static Optional<AtaDeviceStatistics> deviceStatistics(JrsValue root) {
    Map<Long, JrsValue> general = new HashMap<>();
    Map<Long, JrsValue> ssd = new HashMap<>();
    for (JrsValue page : elements(root.path("ata_device_statistics").path("pages"))) {
      OptionalLong number = integer(page.path("number"));
      Map<Long, JrsValue> into =
          number.equals(OptionalLong.of(1))
              ? general
              : number.equals(OptionalLong.of(7)) ? ssd : null;
      if (into == null) {
        continue;
      }
      for (JrsValue entry : elements(page.path("table"))) {
        OptionalLong offset = integer(entry.path("offset"));
        // An entry the drive flags invalid has no value; one without the flag is taken as valid.
        if (offset.isPresent() && flag(entry.path("flags").path("valid"), true)) {
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

  private static TemperatureLimits temperatureLimits(JrsValue root) {
    JrsValue t = root.path("temperature");
    JrsValue nvme = root.path("nvme_composite_temperature_threshold");
    OptionalLong operating = positive(integer(t.path("op_limit_max")));
    if (operating.isEmpty()) {
      operating = positive(integer(nvme.path("warning")));
    }
    OptionalLong critical = positive(integer(t.path("critical_limit_max")));
    for (JrsValue alternative :
        List.of(t.path("limit_max"), nvme.path("critical"), t.path("drive_trip"))) {
      if (critical.isEmpty()) {
        critical = positive(integer(alternative));
      }
    }
    return new TemperatureLimits(operating, critical);
  }

  private static OptionalLong errorLogCount(JrsValue log) {
    OptionalLong extended = integer(log.path("extended").path("count"));
    return extended.isPresent() ? extended : integer(log.path("summary").path("count"));
  }

  private static Optional<ScsiCounters> scsi(JrsValue root) {
    Map<String, Long> uncorrected = new LinkedHashMap<>();
    JrsValue counters = root.path("scsi_error_counter_log");
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

  private static List<SmartctlMessage> messages(JrsValue messages) {
    List<SmartctlMessage> result = new ArrayList<>();
    for (JrsValue m : elements(messages)) {
      result.add(new SmartctlMessage(text(m.path("string")), text(m.path("severity"))));
    }
    return result;
  }

  private static Optional<List<Integer>> version(JrsValue version) {
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

  /**
   * An integral JSON number, clamped to long (NVMe counters are 128-bit); empty otherwise, also for
   * a number written with a fraction or exponent (5.0) and for a string of digits.
   */
  static OptionalLong integer(JrsValue node) {
    if (!(node instanceof JrsNumber number)) {
      return OptionalLong.empty();
    }
    Number value = number.getValue();
    if (value instanceof Integer || value instanceof Long) {
      return OptionalLong.of(value.longValue());
    }
    if (value instanceof BigInteger big) {
      return OptionalLong.of(big.signum() < 0 ? Long.MIN_VALUE : big.min(LONG_MAX).longValue());
    }
    return OptionalLong.empty();
  }

  /**
   * A smartctl flag, read as it always was: a boolean; an integral number, true unless 0; the
   * string "true" or "false" (blanks around it ignored); {@code otherwise} for anything else,
   * including a missing flag, null and a number with a fraction.
   */
  static boolean flag(JrsValue node, boolean otherwise) {
    if (node instanceof JrsBoolean b) {
      return b.booleanValue();
    }
    OptionalLong n = integer(node);
    if (n.isPresent()) {
      // Clamping keeps the sign, so a clamped 128-bit number is still not 0.
      return n.getAsLong() != 0;
    }
    String s = JsonTree.text(node).map(String::trim).orElse("");
    if (s.equals("true")) {
      return true;
    }
    if (s.equals("false")) {
      return false;
    }
    return otherwise;
  }

  /**
   * The members of a list, or the values of an object (in document order); nothing for anything
   * else. smartctl prints lists here, and an object in their place was always read this way.
   */
  static Iterable<JrsValue> elements(JrsValue node) {
    if (node instanceof JrsArray array) {
      return array::elements;
    }
    if (node instanceof JrsObject object) {
      return () -> values(object.fields());
    }
    return List.of();
  }

  private static Iterator<JrsValue> values(Iterator<Map.Entry<String, JrsValue>> fields) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return fields.hasNext();
      }

      @Override
      public JrsValue next() {
        return fields.next().getValue();
      }
    };
  }

  private static String text(JrsValue node) {
    return JsonTree.text(node).map(String::strip).orElse("");
  }

  private static String first(JrsValue root, String... keys) {
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
