package io.github.storageagent.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The LVM-thin collector.
 *
 * @param enabled whether it runs
 * @param interval how often lvs and vgs run (one call each)
 * @param timeout how long one lvs or vgs call may take before it is killed
 * @param maxAge how long the last good reading is served without a newer one (default 3 × interval)
 * @param thinVolumes whether per-thin-volume series are exported (pool totals always are)
 * @param lvsPath the lvs program: a bare name is looked up in PATH, then /usr/sbin and /sbin
 * @param vgsPath the vgs program, likewise
 */
public record LvmConfig(
    boolean enabled,
    Duration interval,
    Duration timeout,
    Optional<Duration> maxAge,
    boolean thinVolumes,
    String lvsPath,
    String vgsPath) {

  public static LvmConfig defaults() {
    return new LvmConfig((Boolean) null, null, null, null, null, null, null);
  }

  /** The {@code lvm} section. */
  static LvmConfig from(ConfigNode node) {
    return new LvmConfig(
        node.bool("enabled"),
        node.string("interval"),
        node.string("timeout"),
        node.string("max_age"),
        node.bool("thin_volumes"),
        node.string("lvs_path"),
        node.string("vgs_path"));
  }

  /** The section's values as written (null: not set), checked and defaulted. */
  public LvmConfig(
      Boolean enabled,
      String interval,
      String timeout,
      String maxAge,
      Boolean thinVolumes,
      String lvsPath,
      String vgsPath) {
    this(
        enabled == null || enabled,
        ConfigValues.positiveDuration("interval", interval, Duration.ofSeconds(60)),
        ConfigValues.positiveDuration("timeout", timeout, Duration.ofSeconds(20)),
        ConfigValues.maxAge(maxAge),
        thinVolumes == null || thinVolumes,
        ConfigValues.program("lvs_path", lvsPath, "lvs"),
        ConfigValues.program("vgs_path", vgsPath, "vgs"));
  }

  /** Its {@code interval} and {@code max_age}. */
  public Schedule schedule() {
    return Schedule.of(interval, maxAge);
  }
}
