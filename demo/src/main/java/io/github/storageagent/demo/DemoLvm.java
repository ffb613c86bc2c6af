package io.github.storageagent.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo node's LVM: VG {@code pve} (root, swap, thin pool {@code data}) and VG {@code fast}
 * (thin pool {@code fastpool}), with about 60 thin volumes of 30 guests. The demo writes stand-in
 * {@code lvs} and {@code vgs} programs into {@code <root>/bin} that print the JSON it keeps current
 * in {@code <root>/data}, so the agent's normal lvm code path reads it.
 *
 * <p>{@code pve/data} fills with wall-clock time so that a Prometheus scraping the demo sees trends
 * to forecast: data from 60 % by 0.5 %/min, metadata from 70 % by 1 %/min. When metadata reaches
 * 100 % (after 30 min) the pool turns metadata-read-only for 15 min, then starts over as if an
 * admin had extended it. {@code fast/fastpool} stays nearly flat (and errors when full).
 */
final class DemoLvm {

  static final long EXTENT = 4L * 1024 * 1024;
  static final long GIB = 1024L * 1024 * 1024;
  static final Duration GROWTH = Duration.ofMinutes(30);
  static final Duration CYCLE = Duration.ofMinutes(45);

  /** A thin volume of the scenario, with its usage at the start of a cycle. */
  record Volume(String vg, String pool, String lv, long size, String attr, double startPercent) {
    boolean active() {
      return attr.charAt(4) == 'a';
    }
  }

  /** A pool's fill state at one instant. */
  record PoolState(double dataPercent, double metadataPercent, boolean metadataReadOnly) {}

  private static final long PVE_SIZE = 915_311 * EXTENT;
  private static final long PVE_FREE = 16 * GIB;
  private static final long PVE_META = 16 * GIB;
  private static final long PVE_DATA = PVE_SIZE - 96 * GIB - 8 * GIB - 2 * PVE_META - PVE_FREE;
  private static final long FAST_SIZE = 915_715 * EXTENT;
  private static final long FAST_FREE = 200 * GIB;
  private static final long FAST_META = 8 * GIB;
  private static final long FAST_DATA = FAST_SIZE - 2 * FAST_META - FAST_FREE;

  private final Path bin;
  private final Path data;
  private final Clock clock;
  private final Instant start;
  private final List<Volume> volumes;

  private DemoLvm(Path root, Clock clock) {
    this.bin = root.resolve("bin");
    this.data = root.resolve("data");
    this.clock = clock;
    this.start = clock.instant();
    this.volumes = loadVolumes();
  }

  /** Writes the stand-in programs and the first reports. */
  static DemoLvm create(Path root, Clock clock) throws IOException {
    DemoLvm lvm = new DemoLvm(root, clock);
    Files.createDirectories(lvm.bin);
    Files.createDirectories(lvm.data);
    lvm.refresh();
    lvm.script("lvs", lvm.data.resolve("lvs.json"));
    lvm.script("vgs", lvm.data.resolve("vgs.json"));
    return lvm;
  }

  Path bin() {
    return bin;
  }

  /** Rewrites the reports for the current time. */
  void refresh() throws IOException {
    Instant now = clock.instant();
    writeAtomically(data.resolve("lvs.json"), lvsJson(now));
    writeAtomically(data.resolve("vgs.json"), vgsJson());
  }

  /** {@code pve/data}'s state {@code elapsed} after the demo started. */
  static PoolState pveData(Duration elapsed) {
    long cycleMillis = Math.floorMod(elapsed.toMillis(), CYCLE.toMillis());
    if (cycleMillis >= GROWTH.toMillis()) {
      return new PoolState(60 + 0.5 * GROWTH.toMinutes(), 100, true);
    }
    double minutes = cycleMillis / 60_000.0;
    return new PoolState(60 + 0.5 * minutes, 70 + minutes, false);
  }

  /** {@code fast/fastpool}: busy but not filling in any way worth an alert. */
  static PoolState fastPool(Duration elapsed) {
    double minutes = Math.floorMod(elapsed.toMillis(), CYCLE.toMillis()) / 60_000.0;
    return new PoolState(38 + 0.01 * minutes, 14 + 0.005 * minutes, false);
  }

  String lvsJson(Instant now) {
    Duration elapsed = Duration.between(start, now);
    PoolState pve = pveData(elapsed);
    PoolState fast = fastPool(elapsed);
    List<String> rows = new ArrayList<>();
    rows.add(plain("pve", "root", 96 * GIB));
    rows.add(plain("pve", "swap", 8 * GIB));
    rows.add(pool("pve", "data", PVE_DATA, PVE_META, pve, "queue"));
    rows.add(pool("fast", "fastpool", FAST_DATA, FAST_META, fast, "error"));
    for (Volume v : volumes) {
      double growth = v.pool().equals("data") ? pve.dataPercent() / 60 : fast.dataPercent() / 38;
      String percent = v.active() ? percent(Math.min(100, v.startPercent() * growth)) : "";
      rows.add(
          row(
              Map.entry("vg_name", v.vg()),
              Map.entry("lv_name", v.lv()),
              Map.entry("lv_attr", v.attr()),
              Map.entry("lv_size", Long.toString(v.size())),
              Map.entry("pool_lv", v.pool()),
              Map.entry("data_percent", percent),
              Map.entry("metadata_percent", ""),
              Map.entry("lv_metadata_size", ""),
              Map.entry("lv_when_full", ""),
              Map.entry("lv_health_status", "")));
    }
    return LvmReport.render("lv", rows);
  }

  String vgsJson() {
    return LvmReport.render(
        "vg", List.of(vg("fast", FAST_SIZE, FAST_FREE), vg("pve", PVE_SIZE, PVE_FREE)));
  }

  private static String plain(String vg, String lv, long size) {
    return row(
        Map.entry("vg_name", vg),
        Map.entry("lv_name", lv),
        Map.entry("lv_attr", "-wi-ao----"),
        Map.entry("lv_size", Long.toString(size)),
        Map.entry("pool_lv", ""),
        Map.entry("data_percent", ""),
        Map.entry("metadata_percent", ""),
        Map.entry("lv_metadata_size", ""),
        Map.entry("lv_when_full", ""),
        Map.entry("lv_health_status", ""));
  }

  private static String pool(
      String vg, String lv, long size, long metaSize, PoolState s, String whenFull) {
    return row(
        Map.entry("vg_name", vg),
        Map.entry("lv_name", lv),
        Map.entry("lv_attr", s.metadataReadOnly() ? "twi-aotzM-" : "twi-aotz--"),
        Map.entry("lv_size", Long.toString(size)),
        Map.entry("pool_lv", ""),
        Map.entry("data_percent", percent(s.dataPercent())),
        Map.entry("metadata_percent", percent(s.metadataPercent())),
        Map.entry("lv_metadata_size", Long.toString(metaSize)),
        Map.entry("lv_when_full", whenFull),
        Map.entry("lv_health_status", s.metadataReadOnly() ? "metadata_read_only" : ""));
  }

  private static String vg(String name, long size, long free) {
    return row(
        Map.entry("vg_name", name),
        Map.entry("vg_size", Long.toString(size)),
        Map.entry("vg_free", Long.toString(free)),
        Map.entry("vg_extent_size", Long.toString(EXTENT)),
        Map.entry("vg_extent_count", Long.toString(size / EXTENT)),
        Map.entry("vg_free_count", Long.toString(free / EXTENT)));
  }

  /** lvm prints percentages with two decimals. */
  private static String percent(double p) {
    return String.format(Locale.ROOT, "%.2f", p);
  }

  @SafeVarargs
  private static String row(Map.Entry<String, String>... fields) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append('"').append(fields[i].getKey()).append("\":\"").append(fields[i].getValue());
      sb.append('"');
    }
    return sb.append('}').toString();
  }

  private void script(String name, Path report) throws IOException {
    Path file = bin.resolve(name);
    // A stand-in for the real program: the demo's data, whatever the arguments.
    String text =
        "#!/bin/sh\n# storage-agent demo node: stand-in for "
            + name
            + "\nexec cat '"
            + report
            + "'\n";
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static void writeAtomically(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static List<Volume> loadVolumes() {
    try (InputStream in = DemoLvm.class.getResourceAsStream("/demo/lvm/thin-volumes.txt")) {
      if (in == null) {
        throw new IllegalStateException("demo resource /demo/lvm/thin-volumes.txt is missing");
      }
      List<Volume> list = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.strip().split("\\s+");
        list.add(
            new Volume(
                f[0],
                f[1],
                f[2],
                Long.parseLong(f[3]),
                f[4],
                f[5].equals("-") ? 0 : Double.parseDouble(f[5])));
      }
      return List.copyOf(list);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
