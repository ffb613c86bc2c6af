package io.github.storageagent.smart;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.storageagent.collect.Collector;
import io.github.storageagent.collect.Snapshot;
import io.github.storageagent.config.SmartConfig;
import io.github.storageagent.config.SmartDeviceConfig;
import io.github.storageagent.exec.CommandResult;
import io.github.storageagent.exec.ExecException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every SMART device once per interval, one at a time. Devices come from {@code smartctl
 * --scan-open} (rescanned every {@code rescan_interval}) plus configured ones. A per-device cache
 * keeps at most one smartctl call per device per interval however often this runs, and one device's
 * timeout, garbage or crash only affects that device: its last good reading is served until {@code
 * max_age}.
 */
public final class SmartCollector implements Collector {

  private static final Logger log = LoggerFactory.getLogger(SmartCollector.class);

  private final Smartctl smartctl;
  private final SmartConfig config;
  private final Clock clock;
  private final Cache<SmartDevice, DeviceOutcome> outcomes;
  private final Map<String, DeviceState> states = new HashMap<>();
  private volatile List<SmartDevice> devices = List.of();
  private volatile Instant lastScan;

  /** What the collector remembers about one device between runs. */
  private static final class DeviceState {
    DeviceIdentity identity;
    DeviceOutcome latest;
    DeviceOutcome.Read lastGood;

    DeviceState(DeviceIdentity identity) {
      this.identity = identity;
    }
  }

  public SmartCollector(Smartctl smartctl, SmartConfig config) {
    this(smartctl, config, Clock.systemUTC(), Ticker.systemTicker());
  }

  SmartCollector(Smartctl smartctl, SmartConfig config, Clock clock, Ticker ticker) {
    this.smartctl = smartctl;
    this.config = config;
    this.clock = clock;
    Duration window = readWindow(config.interval());
    this.outcomes =
        Caffeine.newBuilder()
            .ticker(ticker)
            .maximumSize(4096)
            .expireAfter(
                new Expiry<SmartDevice, DeviceOutcome>() {
                  @Override
                  public long expireAfterCreate(
                      SmartDevice key, DeviceOutcome value, long currentTime) {
                    // Counted from the call's start, so a slow call does not push the next one out.
                    Duration age = Duration.between(value.startedAt(), clock.instant());
                    return Math.max(0, window.minus(age).toNanos());
                  }

                  @Override
                  public long expireAfterUpdate(
                      SmartDevice key,
                      DeviceOutcome value,
                      long currentTime,
                      long currentDuration) {
                    return expireAfterCreate(key, value, currentTime);
                  }

                  @Override
                  public long expireAfterRead(
                      SmartDevice key,
                      DeviceOutcome value,
                      long currentTime,
                      long currentDuration) {
                    return currentDuration;
                  }
                })
            .build();
  }

  /**
   * A little under the interval, so the scheduler's next tick (which may fire a few milliseconds
   * early relative to the previous call's start) always finds the entry expired, while any extra
   * run in between finds it fresh.
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
  public Duration interval() {
    return config.interval();
  }

  @Override
  public Duration maxAge() {
    return config.effectiveMaxAge();
  }

  /**
   * Every device may use its whole timeout, plus the scan (3 × timeout). Before the first scan the
   * device count is unknown; assume a big node rather than cut the first run short.
   */
  @Override
  public Duration deadline() {
    long count = lastScan == null ? Math.max(devices.size(), 64) : devices.size();
    return config.timeout().multipliedBy(count + 3).plusSeconds(5);
  }

  @Override
  public synchronized Snapshot collect() throws ExecException, InterruptedException {
    int problems = 0;
    if (lastScan == null || !lastScan.plus(config.rescanInterval()).isAfter(clock.instant())) {
      problems += rescan();
    }
    List<SmartDevice> current = devices;
    List<DeviceView> views = new ArrayList<>(current.size());
    for (SmartDevice device : current) {
      DeviceOutcome outcome = outcomes.getIfPresent(device);
      if (outcome == null) {
        outcome = read(device);
        outcomes.put(device, outcome);
        if (record(device, outcome)) {
          problems++;
        }
      }
      views.add(view(device));
    }
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
          devices.size());
      if (lastScan == null) {
        // Without a first scan, configured devices are still worth reading.
        setDevices(merge(config, List.of()));
      }
      return 1;
    }
    lastScan = clock.instant();
    List<SmartDevice> next = merge(config, scanned);
    if (next.isEmpty() && !devices.isEmpty()) {
      log.info("smartctl finds no devices any more");
    } else if (next.isEmpty() && states.isEmpty()) {
      log.info("smartctl found no devices (is the agent allowed to open them?)");
    }
    setDevices(next);
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

  private void setDevices(List<SmartDevice> next) {
    for (SmartDevice old : devices) {
      if (!next.contains(old)) {
        outcomes.invalidate(old);
        states.remove(old.label());
        log.info("SMART device {} ({}) is gone", old.label(), old.name());
      }
    }
    for (SmartDevice d : next) {
      DeviceState s = states.get(d.label());
      if (s == null || !devices.contains(d)) {
        states.put(d.label(), new DeviceState(DeviceIdentity.scanned(d)));
        log.info(
            "SMART device {}: {}{}",
            d.label(),
            d.name(),
            d.type().isEmpty() ? "" : " -d " + d.type());
      }
    }
    devices = next;
  }

  private DeviceOutcome read(SmartDevice device) throws InterruptedException {
    Instant started = clock.instant();
    try {
      return OutcomePolicy.classify(started, smartctl.read(device));
    } catch (ExecException e) {
      return new DeviceOutcome.Failed(started, e.getMessage());
    }
  }

  /** Folds a fresh outcome into the device's state; true if it counts as a problem. */
  private boolean record(SmartDevice device, DeviceOutcome outcome) {
    DeviceState s =
        states.computeIfAbsent(
            device.label(), k -> new DeviceState(DeviceIdentity.scanned(device)));
    DeviceOutcome previous = s.latest;
    s.latest = outcome;
    String name = device.label() + " (" + device.name() + ")";
    if (outcome instanceof DeviceOutcome.Read r) {
      s.lastGood = r;
      DeviceIdentity id = r.reading().identity();
      if (id.identified()) {
        s.identity =
            new DeviceIdentity(
                id.type().isEmpty() ? device.type() : id.type(),
                id.protocol().isEmpty() ? device.protocol() : id.protocol(),
                id.model(),
                id.family(),
                id.serial(),
                id.firmware());
      }
      if (previous != null && !(previous instanceof DeviceOutcome.Read)) {
        log.info("SMART device {} read again", name);
      }
      return false;
    }
    if (outcome instanceof DeviceOutcome.Asleep a) {
      // Asleep means no data this round; an old reading must not pose as current.
      s.lastGood = null;
      if (!(previous instanceof DeviceOutcome.Asleep)) {
        log.info("SMART device {} is in {} mode, not woken", name, a.powerMode());
      }
      return false;
    }
    if (outcome instanceof DeviceOutcome.NoData n) {
      s.lastGood = null;
      warnOnChange(name, previous, n.reason());
      return true;
    }
    warnOnChange(name, previous, ((DeviceOutcome.Failed) outcome).reason());
    return true;
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

  private DeviceView view(SmartDevice device) {
    DeviceState s = states.get(device.label());
    if (s == null || s.latest == null) {
      return bare(device, DeviceIdentity.scanned(device), OptionalInt.empty());
    }
    DeviceOutcome latest = s.latest;
    if (latest instanceof DeviceOutcome.Read r) {
      return readView(device, s, r);
    }
    if (latest instanceof DeviceOutcome.Asleep a) {
      return new DeviceView(
          device,
          s.identity,
          OptionalInt.of(0),
          OptionalInt.of(a.exit().value()),
          Optional.empty());
    }
    if (latest instanceof DeviceOutcome.NoData n) {
      return bare(device, s.identity, OptionalInt.of(n.exit().value()));
    }
    // Failed this round (timeout, garbage, crash): the last good reading stands until max_age.
    DeviceOutcome.Read last = s.lastGood;
    return last != null ? readView(device, s, last) : bare(device, s.identity, OptionalInt.empty());
  }

  private static DeviceView bare(SmartDevice device, DeviceIdentity identity, OptionalInt exit) {
    return new DeviceView(device, identity, OptionalInt.empty(), exit, Optional.empty());
  }

  private DeviceView readView(SmartDevice device, DeviceState s, DeviceOutcome.Read r) {
    if (!fresh(r)) {
      return bare(device, s.identity, OptionalInt.empty());
    }
    return new DeviceView(
        device,
        s.identity,
        OptionalInt.of(1),
        OptionalInt.of(r.exit().value()),
        Optional.of(r.reading()));
  }

  private boolean fresh(DeviceOutcome.Read r) {
    return r.startedAt().plus(config.effectiveMaxAge()).isAfter(clock.instant());
  }

  /** The devices of the latest scan and config, for the doctor and tests. */
  List<SmartDevice> devices() {
    return devices;
  }
}
