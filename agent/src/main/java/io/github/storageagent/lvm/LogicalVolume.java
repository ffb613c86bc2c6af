package io.github.storageagent.lvm;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One row of lvs. Percentages are as lvs prints them (0-100); they are empty where lvs prints "" or
 * null: inactive volumes, or fields that do not apply.
 *
 * @param vg volume group
 * @param name LV name (hidden LVs keep lvm's brackets, e.g. {@code [data_tmeta]})
 * @param attr decoded {@code lv_attr}
 * @param sizeBytes {@code lv_size}
 * @param pool {@code pool_lv}: the thin pool of a thin volume, "" otherwise
 * @param dataPercent {@code data_percent}
 * @param metadataPercent {@code metadata_percent} (thin pools)
 * @param metadataSizeBytes {@code lv_metadata_size} (thin pools)
 * @param whenFull {@code lv_when_full}: "queue", "error" or "" (not a pool, or not reported)
 * @param healthStatus {@code lv_health_status}: "" when healthy or not reported
 */
public record LogicalVolume(
    String vg,
    String name,
    LvAttr attr,
    long sizeBytes,
    String pool,
    OptionalDouble dataPercent,
    OptionalDouble metadataPercent,
    OptionalLong metadataSizeBytes,
    String whenFull,
    String healthStatus) {

  public boolean isThinPool() {
    return attr.type() == LvAttr.Type.THIN_POOL;
  }

  public boolean isThinVolume() {
    return attr.type() == LvAttr.Type.THIN_VOLUME;
  }

  /** Data used as a ratio 0..1, empty when lvs gave no percentage (inactive volume). */
  public OptionalDouble dataUsedRatio() {
    return ratio(dataPercent);
  }

  /** Metadata used as a ratio 0..1, empty when lvs gave no percentage. */
  public OptionalDouble metadataUsedRatio() {
    return ratio(metadataPercent);
  }

  /** Rounded to 1e-6 so that lvm's "70.02" exports as 0.7002, not 0.7001999999999999. */
  private static OptionalDouble ratio(OptionalDouble percent) {
    return percent.isPresent()
        ? OptionalDouble.of(Math.round(percent.getAsDouble() * 10_000) / 1_000_000.0)
        : percent;
  }
}
