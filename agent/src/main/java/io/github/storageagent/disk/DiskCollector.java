package io.github.storageagent.disk;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.github.storageagent.collect.Collector;
import io.github.storageagent.collect.Snapshot;
import io.github.storageagent.config.DiskConfig;
import io.github.storageagent.config.Schedule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples /proc/diskstats every interval (1 s by default): keeps wrap-safe counter totals and fills
 * the await histograms with each step's mean latency, which a 15-60 s scrape would average away.
 */
public final class DiskCollector implements Collector {

  private static final Logger log = LoggerFactory.getLogger(DiskCollector.class);
  private static final int MAX_REMEMBERED_BAD_LINES = 256;

  private final Path diskstats;
  private final DiskConfig config;
  private final DiskMetrics metrics;
  private final LoadingCache<String, DeviceIdentity> identities;
  private final Map<String, DeviceCounters> devices = new HashMap<>();
  private final Set<String> loggedBadLines = new HashSet<>();

  public DiskCollector(Path procfs, Path sysfs, DiskConfig config) {
    this.diskstats = procfs.resolve("diskstats");
    this.config = config;
    this.metrics = new DiskMetrics(config::histogramsFor, config.counters());
    SysfsBlockDevices sysfsDevices = new SysfsBlockDevices(sysfs);
    // Identity rarely changes (lvrename, hot swap); re-reading sysfs every second would be waste.
    this.identities =
        Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1))
            .maximumSize(4096)
            .build(sysfsDevices::identify);
  }

  @Override
  public String name() {
    return "disk";
  }

  @Override
  public Schedule schedule() {
    return config.schedule();
  }

  @Override
  public synchronized Snapshot collect() throws IOException {
    String content = Files.readString(diskstats, StandardCharsets.ISO_8859_1);
    DiskStatsParser.Result parsed = DiskStatsParser.parse(content);
    logNewBadLines(parsed.badLines());

    Map<String, DiskStatsLine> current = new LinkedHashMap<>();
    for (DiskStatsLine line : parsed.lines()) {
      if (config.selects(line.device())) {
        current.put(line.device(), line);
      }
    }
    for (String gone : new ArrayList<>(devices.keySet())) {
      if (!current.containsKey(gone)) {
        devices.remove(gone);
        metrics.forget(gone);
        identities.invalidate(gone);
      }
    }
    List<DiskMetrics.Device> samples = new ArrayList<>(current.size());
    for (DiskStatsLine line : current.values()) {
      DeviceCounters counters = devices.get(line.device());
      if (counters == null) {
        counters = new DeviceCounters(line);
        devices.put(line.device(), counters);
      } else {
        counters.advance(line);
        metrics.observeAwait(line.device(), counters);
      }
      samples.add(new DiskMetrics.Device(line.device(), counters, identities.get(line.device())));
    }
    return new Snapshot(metrics.families(samples), parsed.badLines().size());
  }

  private void logNewBadLines(List<String> badLines) {
    for (String bad : badLines) {
      if (loggedBadLines.size() < MAX_REMEMBERED_BAD_LINES && loggedBadLines.add(bad)) {
        String shown = bad.length() > 120 ? bad.substring(0, 120) + "…" : bad;
        log.warn("skipping unreadable line in {}: \"{}\" (logged once)", diskstats, shown);
      }
    }
  }
}
