package io.github.storageagent.bench;

import io.github.storageagent.demo.LvmReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reference node's LVM as {@code lvs} and {@code vgs} print it (lvm 2.03.26+, classic JSON:
 * every value a string, with the command log, as on Proxmox VE 9): VG {@code pve} with root, swap
 * and thin pool {@code data}, and VG {@code nvme} with thin pool {@code nvmethin01}. The thin
 * volumes are Proxmox guest disks ({@code vm-<id>-disk-<n>}, the template {@code base-9000-disk-0})
 * spread over both pools; a few guests are stopped (inactive volumes).
 */
public final class LvmJson {

  static final long EXTENT = 4L * 1024 * 1024;
  static final long GIB = 1024L * 1024 * 1024;
  private static final long[] SIZES_GIB = {32, 64, 100, 128, 200, 256, 500};

  /**
   * A thin volume.
   *
   * @param vg volume group
   * @param pool thin pool
   * @param lv volume name
   * @param vmid guest id
   * @param lxc whether the guest is a container
   * @param size bytes
   * @param attr lv_attr
   * @param percent data_percent, negative when inactive (lvm prints "")
   */
  public record Volume(
      String vg,
      String pool,
      String lv,
      int vmid,
      boolean lxc,
      long size,
      String attr,
      double percent) {}

  /** A VG with its one thin pool. */
  record Pool(String vg, String pool, long vgSize, long vgFree, long poolSize, long metaSize) {}

  private final List<Volume> volumes;
  private final List<Pool> pools;

  private LvmJson(List<Volume> volumes, List<Pool> pools) {
    this.volumes = volumes;
    this.pools = pools;
  }

  /** The thin volumes and pools of a shape. */
  public static LvmJson of(Shape shape) {
    List<Volume> volumes = new ArrayList<>();
    volumes.add(
        new Volume("pve", "data", "base-9000-disk-0", 9000, false, 32 * GIB, "Vri---tz-k", -1));
    int vmid = 100;
    while (volumes.size() < shape.thinVolumes()) {
      boolean even = vmid % 2 == 0;
      String vg = even ? "pve" : "nvme";
      String pool = even ? "data" : "nvmethin01";
      boolean lxc = vmid % 4 == 1;
      boolean stopped = vmid % 11 == 0;
      int disks = lxc ? 1 : 1 + (vmid % 3 == 0 ? 1 : 0) + (vmid % 7 == 0 ? 1 : 0);
      for (int n = 0; n < disks && volumes.size() < shape.thinVolumes(); n++) {
        long size = SIZES_GIB[(vmid * 3 + n * 5) % SIZES_GIB.length] * GIB;
        double percent = stopped ? -1 : 5 + ((vmid * 37 + n * 13) % 5000) / 100.0;
        volumes.add(
            new Volume(
                vg,
                pool,
                "vm-" + vmid + "-disk-" + n,
                vmid,
                lxc,
                size,
                stopped ? "Vwi---tz--" : "Vwi-aotz--",
                percent));
      }
      vmid++;
    }
    // Each pool: 3.5 TiB, or more so that it is about 60 % full; metadata 1 % of it; 5 % of
    // each VG free.
    List<Pool> pools = new ArrayList<>();
    for (String[] p : new String[][] {{"pve", "data"}, {"nvme", "nvmethin01"}}) {
      long used = 0;
      for (Volume v : volumes) {
        if (v.pool().equals(p[1]) && v.percent() > 0) {
          used += (long) (v.size() * v.percent() / 100);
        }
      }
      long size = Math.max(3584 * GIB, (long) (used / 0.6)) / EXTENT * EXTENT;
      long meta = size / 100 / EXTENT * EXTENT;
      long free = size / 20 / EXTENT * EXTENT;
      long other = p[0].equals("pve") ? 104 * GIB : 0;
      pools.add(new Pool(p[0], p[1], size + 2 * meta + other + free, free, size, meta));
    }
    return new LvmJson(List.copyOf(volumes), List.copyOf(pools));
  }

  public List<Volume> volumes() {
    return volumes;
  }

  /** The guests that own volumes (vmid to lxc?), in vmid order, the template excluded. */
  public Map<Integer, Boolean> guests() {
    Map<Integer, Boolean> guests = new LinkedHashMap<>();
    for (Volume v : volumes) {
      if (!v.lv().startsWith("base-")) {
        guests.putIfAbsent(v.vmid(), v.lxc());
      }
    }
    return guests;
  }

  /** What {@code lvs --reportformat json --units b --nosuffix --options ...} prints. */
  public String lvs() {
    List<String> rows = new ArrayList<>();
    rows.add(plain("pve", "root", 96 * GIB));
    rows.add(plain("pve", "swap", 8 * GIB));
    for (Pool p : pools) {
      long used = 0;
      for (Volume v : volumes) {
        if (v.pool().equals(p.pool()) && v.percent() > 0) {
          used += (long) (v.size() * v.percent() / 100);
        }
      }
      double data = Math.min(99.0, 100.0 * used / p.poolSize());
      rows.add(
          row(
              "vg_name", p.vg(),
              "lv_name", p.pool(),
              "lv_attr", "twi-aotz--",
              "lv_size", Long.toString(p.poolSize()),
              "pool_lv", "",
              "data_percent", percent(data),
              "metadata_percent", percent(data / 4),
              "lv_metadata_size", Long.toString(p.metaSize()),
              "lv_when_full", p.vg().equals("pve") ? "queue" : "error",
              "lv_health_status", ""));
    }
    for (Volume v : volumes) {
      rows.add(
          row(
              "vg_name",
              v.vg(),
              "lv_name",
              v.lv(),
              "lv_attr",
              v.attr(),
              "lv_size",
              Long.toString(v.size()),
              "pool_lv",
              v.pool(),
              "data_percent",
              v.percent() < 0 ? "" : percent(v.percent()),
              "metadata_percent",
              "",
              "lv_metadata_size",
              "",
              "lv_when_full",
              "",
              "lv_health_status",
              ""));
    }
    return LvmReport.render("lv", rows);
  }

  /** What {@code vgs --reportformat json ...} prints. */
  public String vgs() {
    List<String> rows = new ArrayList<>();
    for (Pool p : pools.stream().sorted((a, b) -> a.vg().compareTo(b.vg())).toList()) {
      long size = p.vgSize() / EXTENT * EXTENT;
      long free = p.vgFree() / EXTENT * EXTENT;
      rows.add(
          row(
              "vg_name", p.vg(),
              "vg_size", Long.toString(size),
              "vg_free", Long.toString(free),
              "vg_extent_size", Long.toString(EXTENT),
              "vg_extent_count", Long.toString(size / EXTENT),
              "vg_free_count", Long.toString(free / EXTENT)));
    }
    return LvmReport.render("vg", rows);
  }

  private static String plain(String vg, String lv, long size) {
    return row(
        "vg_name", vg,
        "lv_name", lv,
        "lv_attr", "-wi-ao----",
        "lv_size", Long.toString(size),
        "pool_lv", "",
        "data_percent", "",
        "metadata_percent", "",
        "lv_metadata_size", "",
        "lv_when_full", "",
        "lv_health_status", "");
  }

  private static String percent(double p) {
    return String.format(Locale.ROOT, "%.2f", p);
  }

  private static String row(String... kv) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < kv.length; i += 2) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append('"').append(kv[i]).append("\":\"").append(kv[i + 1]).append('"');
    }
    return sb.append('}').toString();
  }
}
