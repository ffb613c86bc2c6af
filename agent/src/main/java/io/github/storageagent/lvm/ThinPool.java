package io.github.storageagent.lvm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A thin pool with the thin volumes that live in it.
 *
 * @param pool the pool's own lvs row
 * @param health its decided health state
 * @param volumes its thin volumes, snapshots included (each can be written up to its full size)
 */
public record ThinPool(
    LogicalVolume pool, ThinPoolHealth.State health, List<LogicalVolume> volumes) {

  public ThinPool {
    volumes = List.copyOf(volumes);
  }

  public String vg() {
    return pool.vg();
  }

  public String name() {
    return pool.name();
  }

  /** Sum of the thin volumes' sizes: what guests may write, against {@link #pool()} size. */
  public long provisionedBytes() {
    long sum = 0;
    for (LogicalVolume v : volumes) {
      sum += v.sizeBytes();
    }
    return sum;
  }

  /**
   * Groups thin volumes under their pools. Volumes whose pool is not in the list (lvs filtered, or
   * a pool being removed) are left out of every pool.
   */
  public static List<ThinPool> group(List<LogicalVolume> lvs) {
    Map<String, LogicalVolume> pools = new LinkedHashMap<>();
    Map<String, List<LogicalVolume>> members = new LinkedHashMap<>();
    for (LogicalVolume lv : lvs) {
      if (lv.isThinPool()) {
        String key = key(lv.vg(), lv.name());
        pools.putIfAbsent(key, lv);
        members.putIfAbsent(key, new ArrayList<>());
      }
    }
    for (LogicalVolume lv : lvs) {
      if (lv.isThinVolume()) {
        List<LogicalVolume> list = members.get(key(lv.vg(), lv.pool()));
        if (list != null) {
          list.add(lv);
        }
      }
    }
    List<ThinPool> result = new ArrayList<>(pools.size());
    pools.forEach(
        (key, pool) -> result.add(new ThinPool(pool, ThinPoolHealth.of(pool), members.get(key))));
    return result;
  }

  private static String key(String vg, String lv) {
    return vg + "/" + lv;
  }
}
