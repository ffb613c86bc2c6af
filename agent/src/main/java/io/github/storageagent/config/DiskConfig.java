package io.github.storageagent.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The IO-latency collector.
 *
 * @param enabled whether it runs
 * @param interval how often /proc/diskstats is sampled; also the step of the await histograms
 * @param maxAge how long a sample is served without a newer one (default 3 × interval)
 * @param deviceInclude only devices whose whole name matches are exported (empty: all)
 * @param deviceExclude devices whose whole name matches are dropped (default: node_exporter's)
 * @param histograms which devices get the await histograms (the bulk of this collector's series)
 * @param counters which /proc/diskstats counter families are exported
 */
public record DiskConfig(
    boolean enabled,
    Duration interval,
    Optional<Duration> maxAge,
    Optional<Pattern> deviceInclude,
    Pattern deviceExclude,
    Histograms histograms,
    Counters counters) {

  /** node_exporter's default: partitions, ram, zram, loop and floppy devices. */
  public static final String DEFAULT_EXCLUDE =
      "^(z?ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$";

  /**
   * Kernel names that are not whole physical disks: stacked and virtual devices (device mapper, md
   * RAID, ZFS zvols, Ceph RBD, NBD, DRBD, bcache, loop and RAM disks) and partitions. Their latency
   * is their disks' latency, once per volume; the alert rules and dashboards leave dm-*, md* and
   * zd* out of disk latency for the same reason.
   */
  public static final Pattern NOT_WHOLE_DISK =
      Pattern.compile(
          "(dm-|md|zd|rbd|nbd|drbd|bcache|loop|z?ram).*|(h|s|v|xv)d[a-z]+\\d+|(nvme\\d+n|mmcblk)\\d+p\\d+");

  /** Which selected devices get the await histograms; counters are exported for all of them. */
  public enum Histograms {
    /** Whole physical disks only: not {@link #NOT_WHOLE_DISK}. */
    WHOLE_DISKS,
    /** Every selected device, dm volumes included. */
    ALL,
    /** None: counters only. */
    NONE;

    /** The config file's spelling. */
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the config value; {@code true} and {@code false} stay accepted for all and none. */
    static Histograms parse(String key, Object value) {
      if (value == null) {
        return WHOLE_DISKS;
      }
      if (value instanceof Boolean b) {
        return b ? ALL : NONE;
      }
      if (value instanceof String s) {
        for (Histograms h : values()) {
          if (h.value().equals(s)) {
            return h;
          }
        }
      }
      throw new InvalidValueException(
          key,
          "must be one of whole_disks, all, none (or true = all, false = none), got '"
              + value
              + "'");
    }
  }

  /**
   * Which /proc/diskstats families are exported. node_exporter, which runs next to the agent,
   * exports every column already; the agent's rules and dashboards use a few.
   */
  public enum Counters {
    /**
     * Completed reads and writes, their bytes and time, and the time with I/O in flight: what the
     * rules and dashboards use (IOPS, throughput, mean await, busy time).
     */
    ESSENTIAL,
    /** Every column: merges, discards, flushes, weighted I/O time and I/Os in flight too. */
    ALL;

    /** The config file's spelling. */
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Counters parse(String key, Object value) {
      if (value == null) {
        return ESSENTIAL;
      }
      if (value instanceof String s) {
        for (Counters c : values()) {
          if (c.value().equals(s)) {
            return c;
          }
        }
      }
      throw new InvalidValueException(key, "must be one of essential, all, got '" + value + "'");
    }
  }

  public static DiskConfig defaults() {
    return new DiskConfig((Boolean) null, null, null, null, null, null, null);
  }

  /** The {@code disk} section. */
  static DiskConfig from(ConfigNode node) {
    return new DiskConfig(
        node.bool("enabled"),
        node.string("interval"),
        node.string("max_age"),
        node.string("device_include"),
        node.string("device_exclude"),
        node.value("histograms"),
        node.value("counters"));
  }

  /** The section's values as written (null: not set), checked and defaulted. */
  public DiskConfig(
      Boolean enabled,
      String interval,
      String maxAge,
      String deviceInclude,
      String deviceExclude,
      Object histograms,
      Object counters) {
    this(
        enabled == null || enabled,
        ConfigValues.positiveDuration("interval", interval, Duration.ofSeconds(1)),
        ConfigValues.maxAge(maxAge),
        Optional.ofNullable(deviceInclude)
            .filter(s -> !s.isEmpty())
            .map(v -> ConfigValues.regex("device_include", v)),
        ConfigValues.regex(
            "device_exclude", deviceExclude == null ? DEFAULT_EXCLUDE : deviceExclude),
        Histograms.parse("histograms", histograms),
        Counters.parse("counters", counters));
  }

  /** Whether a device (kernel name) is exported. */
  public boolean selects(String device) {
    return deviceInclude.map(p -> p.matcher(device).matches()).orElse(true)
        && !deviceExclude.matcher(device).matches();
  }

  /** Whether a selected device (kernel name) gets the await histograms. */
  public boolean histogramsFor(String device) {
    return switch (histograms) {
      case ALL -> true;
      case NONE -> false;
      case WHOLE_DISKS -> !NOT_WHOLE_DISK.matcher(device).matches();
    };
  }

  /** Its {@code interval} and {@code max_age}. */
  public Schedule schedule() {
    return Schedule.of(interval, maxAge);
  }
}
