package io.github.storageagent.smart;

import io.github.storageagent.collect.Collector;
import io.github.storageagent.collect.Snapshot;
import io.github.storageagent.config.Schedule;
import io.github.storageagent.config.SmartConfig;
import io.github.storageagent.config.SmartDeviceConfig;
import io.github.storageagent.exec.CommandResult;
import io.github.storageagent.exec.ExecException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every SMART device once per interval, one at a time. Devices come from {@code smartctl
 * --scan-open} (rescanned every {@code rescan_interval}) plus configured ones. A device is called
 * again only once a read window (just under the interval) has passed since its previous call
 * started, however often this runs, and one device's timeout, garbage or crash only affects that
 * device: its last good reading is served until {@code max_age}.
 */
public final class SmartCollector implements Collector {

  private static final Logger log = LoggerFactory.getLogger(SmartCollector.class);

  private final Smartctl smartctl;
  private final SmartConfig config;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final Duration readWindow;
  private final SmartSysfs sysfs;

  /** One record per device, by label in roster order; replaced whole, never changed in place. */
  private volatile Map<String, DeviceRecord> records = Map.of();

  private volatile Instant lastScan;

  public SmartCollector(Smartctl smartctl, SmartConfig config, Path sysfs) {
    this(smartctl, config, Clock.systemUTC(), System::nanoTime, new SmartSysfs(sysfs));
  }

  SmartCollector(Smartctl smartctl, SmartConfig config, Clock clock, LongSupplier nanoTime) {
    this(smartctl, config, clock, nanoTime, SmartSysfs.NONE);
  }

  SmartCollector(
      Smartctl smartctl, SmartConfig config, Clock clock, LongSupplier nanoTime, SmartSysfs sysfs) {
    this.sysfs = sysfs;
    this.smartctl = smartctl;
    this.config = config;
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.readWindow = readWindow(config.interval());
  }

  /**
   * A little under the interval, so the scheduler's next tick (which may fire a few milliseconds
   * early relative to the previous call's start) always finds the device due, while any extra run
   * in between does not.
   */
  static Duration readWindow(Duration interval) {
    Duration slack = interval.dividedBy(10);
    if (slack.compareTo(Duration.ofSeconds(5)) > 0) {
      slack = Duration.ofSeconds(5);
    }
    return interval.minus(slack);
  }

  @Override
  public String name() {
    return "smart";
  }

  @Override
  public Schedule schedule() {
    return config.schedule();
  }

  /**
   * Every device may use its whole timeout, plus the scan (3 × timeout). Before the first scan the
   * device count is unknown; assume a big node rather than cut the first run short.
   */
  @Override
  public Duration deadline() {
    int known = records.size();
    long count = lastScan == null ? Math.max(known, 64) : known;
    return config.timeout().multipliedBy(count + 3).plusSeconds(5);
  }

  @Override
  public synchronized Snapshot collect() throws ExecException, InterruptedException {
    int problems = 0;
    if (lastScan == null || !lastScan.plus(config.rescanInterval()).isAfter(clock.instant())) {
      problems += rescan();
    }
    for (DeviceRecord record : records.values()) {
      long startNanos = nanoTime.getAsLong();
      if (!record.due(startNanos, readWindow)) {
        continue;
      }
      DeviceOutcome outcome = read(record.device());
      // Published call by call, so a run cancelled at its deadline keeps what it has read.
      records = DeviceRecords.called(records, record.device(), startNanos, outcome);
      logChange(record, outcome);
      if (countsAsProblem(outcome)) {
        problems++;
      }
    }
    Instant now = clock.instant();
    List<DeviceView> views =
        records.values().stream().map(r -> r.view(now, config.schedule().maxAge())).toList();
    return new Snapshot(SmartMetrics.families(views), problems);
  }

  /** Runs the scan and merges configured devices; returns the number of problems (0 or 1). */
  private int rescan() throws ExecException, InterruptedException {
    List<SmartDevice> scanned;
    try {
      CommandResult result = smartctl.scan();
      if (!result.completed()) {
        throw new SmartParseException(
            result.timedOut() ? "timed out, smartctl killed" : "too much output, smartctl killed");
      }
      scanned = SmartctlJsonParser.parseScan(result.stdoutText());
    } catch (SmartParseException e) {
      log.warn(
          "smartctl --scan-open failed: {}; keeping {} known devices",
          e.getMessage(),
          records.size());
      if (lastScan == null) {
        // Without a first scan, configured devices are still worth reading.
        list(withBlockDevices(merge(config, List.of())));
      }
      return 1;
    }
    lastScan = clock.instant();
    List<SmartDevice> roster = withBlockDevices(merge(config, scanned));
    if (roster.isEmpty() && !records.isEmpty()) {
      log.info("smartctl finds no devices any more");
    } else if (roster.isEmpty()) {
      log.info("smartctl found no devices (is the agent allowed to open them?)");
    }
    list(roster);
    return 0;
  }

  /** Configured devices first (they win on a label clash), then selected scanned ones. */
  static List<SmartDevice> merge(SmartConfig config, List<SmartDevice> scanned) {
    Map<String, SmartDevice> byLabel = new LinkedHashMap<>();
    for (SmartDeviceConfig c : config.devices()) {
      SmartDevice d = SmartDevice.of(c.name(), c.type(), "");
      byLabel.putIfAbsent(d.label(), d);
    }
    for (SmartDevice d : scanned) {
      if (config.selects(d.label(), d.name())) {
        byLabel.putIfAbsent(d.label(), d);
      }
    }
    return List.copyOf(byLabel.values());
  }

  /** The roster with each NVMe controller's block device as sysfs lists its namespaces. */
  private List<SmartDevice> withBlockDevices(List<SmartDevice> roster) {
    return roster.stream().map(d -> d.withBlockDevice(sysfs.blockDevice(d))).toList();
  }

  private void list(List<SmartDevice> roster) {
    Map<String, DeviceRecord> previous = records;
    Map<String, DeviceRecord> next = DeviceRecords.listed(previous, roster, sysfs::identify);
    for (DeviceRecord old : previous.values()) {
      if (!DeviceRecords.listedAsBefore(next, old.device())) {
        log.info("SMART device {} ({}) is gone", old.device().label(), old.device().name());
      }
    }
    for (DeviceRecord r : next.values()) {
      SmartDevice d = r.device();
      if (!DeviceRecords.listedAsBefore(previous, d)) {
        log.info(
            "SMART device {}: {}{}",
            d.label(),
            d.name(),
            d.type().isEmpty() ? "" : " -d " + d.type());
      }
    }
    records = next;
  }

  private DeviceOutcome read(SmartDevice device) throws InterruptedException {
    Instant started = clock.instant();
    try {
      return OutcomePolicy.classify(started, smartctl.read(device));
    } catch (ExecException e) {
      return new DeviceOutcome.Failed(started, e.getMessage());
    }
  }

  /** A device that did not answer counts into the collector's errors; asleep is not an error. */
  private static boolean countsAsProblem(DeviceOutcome outcome) {
    return outcome instanceof DeviceOutcome.NoData || outcome instanceof DeviceOutcome.Failed;
  }

  /** Logs what changed for the device; a repeat of the same state or reason is not news. */
  private static void logChange(DeviceRecord before, DeviceOutcome outcome) {
    DeviceOutcome previous = before.latest().orElse(null);
    String name = before.device().label() + " (" + before.device().name() + ")";
    if (outcome instanceof DeviceOutcome.Read) {
      if (previous != null && !(previous instanceof DeviceOutcome.Read)) {
        log.info("SMART device {} read again", name);
      }
    } else if (outcome instanceof DeviceOutcome.Asleep a) {
      if (!(previous instanceof DeviceOutcome.Asleep)) {
        log.info("SMART device {} is in {} mode, not woken", name, a.powerMode());
      }
    } else if (outcome instanceof DeviceOutcome.NoData n) {
      warnOnChange(name, previous, n.reason());
    } else {
      warnOnChange(name, previous, ((DeviceOutcome.Failed) outcome).reason());
    }
  }

  private static void warnOnChange(String name, DeviceOutcome previous, String reason) {
    String before =
        previous instanceof DeviceOutcome.Failed f
            ? f.reason()
            : previous instanceof DeviceOutcome.NoData n ? n.reason() : null;
    if (reason.equals(before)) {
      log.debug("SMART device {} still failing: {}", name, reason);
    } else {
      log.warn("SMART device {} failed: {}", name, reason);
    }
  }

  /** The devices of the latest scan and config, for the doctor and tests. */
  List<SmartDevice> devices() {
    return records.values().stream().map(DeviceRecord::device).toList();
  }
}
