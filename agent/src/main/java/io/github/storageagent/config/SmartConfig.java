package io.github.storageagent.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SMART collector.
 *
 * @param enabled whether it runs
 * @param interval how often each device is read (at most one smartctl call per device per interval)
 * @param timeout how long one smartctl call may take before it is killed
 * @param maxAge how long a device's last good reading is served without a newer one (default 3 ×
 *     interval)
 * @param rescanInterval how often {@code smartctl --scan-open} looks for devices
 * @param deviceInclude only scanned devices whose label or path matches are read (empty: all)
 * @param deviceExclude scanned devices whose label or path matches are skipped
 * @param devices devices to read in addition to the scan, with their smartctl type
 * @param powerMode the {@code --nocheck} power mode: a disk in this mode or lower is not woken
 * @param smartctl the smartctl program (bare name looked up on PATH then /usr/sbin, or a path)
 */
public record SmartConfig(
    boolean enabled,
    Duration interval,
    Duration timeout,
    Optional<Duration> maxAge,
    Duration rescanInterval,
    Optional<Pattern> deviceInclude,
    Optional<Pattern> deviceExclude,
    List<SmartDeviceConfig> devices,
    PowerMode powerMode,
    String smartctl) {

  /** smartctl's {@code -n/--nocheck} argument. */
  public enum PowerMode {
    NEVER,
    SLEEP,
    STANDBY,
    IDLE;

    public String argument() {
      return name().toLowerCase(Locale.ROOT);
    }

    static PowerMode parse(String key, String value) {
      if (value == null) {
        return STANDBY;
      }
      for (PowerMode m : values()) {
        if (m.argument().equals(value)) {
          return m;
        }
      }
      throw new InvalidValueException(
          key, "must be one of never, sleep, standby, idle, got '" + value + "'");
    }
  }

  public SmartConfig {
    devices = List.copyOf(devices);
  }

  public static SmartConfig defaults() {
    return new SmartConfig(null, null, null, null, null, null, null, null, null, null);
  }

  /** The {@code smart} section. */
  static SmartConfig from(ConfigNode node) {
    return new SmartConfig(
        node.bool("enabled"),
        node.string("interval"),
        node.string("timeout"),
        node.string("max_age"),
        node.string("rescan_interval"),
        node.string("device_include"),
        node.string("device_exclude"),
        node.mappings("devices", SmartDeviceConfig::from),
        node.string("power_mode"),
        node.string("smartctl"));
  }

  /** The section's values as written (null: not set), checked and defaulted. */
  public SmartConfig(
      Boolean enabled,
      String interval,
      String timeout,
      String maxAge,
      String rescanInterval,
      String deviceInclude,
      String deviceExclude,
      List<SmartDeviceConfig> devices,
      String powerMode,
      String smartctl) {
    this(
        enabled == null || enabled,
        ConfigValues.positiveDuration("interval", interval, Duration.ofMinutes(5)),
        ConfigValues.positiveDuration("timeout", timeout, Duration.ofSeconds(10)),
        ConfigValues.maxAge(maxAge),
        ConfigValues.positiveDuration("rescan_interval", rescanInterval, Duration.ofMinutes(10)),
        Optional.ofNullable(deviceInclude)
            .filter(s -> !s.isEmpty())
            .map(v -> ConfigValues.regex("device_include", v)),
        Optional.ofNullable(deviceExclude)
            .filter(s -> !s.isEmpty())
            .map(v -> ConfigValues.regex("device_exclude", v)),
        devices == null ? List.of() : devices,
        PowerMode.parse("power_mode", powerMode),
        ConfigValues.program("smartctl", smartctl, "smartctl"));
  }

  /** Its {@code interval} and {@code max_age} (a device's reading is served that long). */
  public Schedule schedule() {
    return Schedule.of(interval, maxAge);
  }

  /** Whether a scanned device is read; both its label and its path are tried. */
  public boolean selects(String label, String path) {
    return deviceInclude.map(p -> matches(p, label, path)).orElse(true)
        && !deviceExclude.map(p -> matches(p, label, path)).orElse(false);
  }

  private static boolean matches(Pattern p, String label, String path) {
    return p.matcher(label).matches() || p.matcher(path).matches();
  }
}
