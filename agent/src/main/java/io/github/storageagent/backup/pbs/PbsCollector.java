package io.github.storageagent.backup.pbs;

import io.github.storageagent.collect.Collector;
import io.github.storageagent.collect.Snapshot;
import io.github.storageagent.config.PbsTargetConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code pbs} collector: every configured PBS target, each read on its own interval and in its
 * own thread with its own time budget, so a target that is down, slow or rejects the token only
 * turns its own {@code storage_pbs_up} to 0.
 */
public final class PbsCollector implements Collector {

  private static final Logger log = LoggerFactory.getLogger(PbsCollector.class);

  private final List<PbsTargetReader> readers;
  private final Clock clock;
  private final Duration interval;
  private final Set<String> groupInfoTargets;
  private final ExecutorService pool;
  private final Map<String, PbsReading.Target> latest = new HashMap<>();
  private final Map<String, Instant> lastRead = new HashMap<>();
  private final Map<String, String> lastError = new HashMap<>();

  public PbsCollector(List<PbsTargetReader> readers, Clock clock) {
    if (readers.isEmpty()) {
      throw new IllegalArgumentException("no PBS targets");
    }
    this.readers = List.copyOf(readers);
    this.clock = clock;
    this.interval =
        readers.stream().map(r -> r.config().interval()).min(Duration::compareTo).orElseThrow();
    this.groupInfoTargets =
        readers.stream()
            .map(PbsTargetReader::config)
            .filter(PbsTargetConfig::groupInfo)
            .map(PbsTargetConfig::name)
            .collect(Collectors.toUnmodifiableSet());
    this.pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "pbs-target");
              t.setDaemon(true);
              return t;
            });
    for (PbsTargetReader r : readers) {
      if (r.config().insecureSkipVerify()) {
        log.warn(
            "pbs target {}: insecure_skip_verify is set, the server certificate is NOT verified;"
                + " anyone on the path can read the API token. Set fingerprint instead.",
            r.config().name());
      }
    }
  }

  /** Builds readers (HTTP clients) for the configured targets. */
  public static PbsCollector create(List<PbsTargetConfig> targets, Clock clock) {
    List<PbsTargetReader> readers = new ArrayList<>();
    for (PbsTargetConfig t : targets) {
      try {
        readers.add(new PbsTargetReader(t, new PbsClient(t), clock));
      } catch (java.security.GeneralSecurityException | java.io.IOException e) {
        throw new IllegalStateException(
            "pbs target " + t.name() + ": cannot set up TLS: " + e.getMessage(), e);
      }
    }
    return new PbsCollector(readers, clock);
  }

  @Override
  public String name() {
    return "pbs";
  }

  @Override
  public Duration interval() {
    return interval;
  }

  /** A target's budget: most of the interval, leaving room to build the snapshot. */
  private Duration budget(PbsTargetReader r) {
    Duration own = r.config().interval();
    Duration shortest = own.compareTo(interval) < 0 ? own : interval;
    return shortest.multipliedBy(9).dividedBy(10);
  }

  @Override
  public synchronized Snapshot collect() throws InterruptedException {
    Instant now = clock.instant();
    long started = System.nanoTime();
    Map<PbsTargetReader, Future<PbsReading.Target>> running = new LinkedHashMap<>();
    for (PbsTargetReader r : readers) {
      Instant previous = lastRead.get(r.config().name());
      // a little slack so a target whose interval equals the collector's is read every run
      if (previous == null || !previous.plus(r.config().interval()).minusMillis(500).isAfter(now)) {
        running.put(r, pool.submit(r::read));
      }
    }
    for (var e : running.entrySet()) {
      PbsTargetReader r = e.getKey();
      String name = r.config().name();
      PbsReading.Target reading;
      long waitMillis =
          Math.max(1, budget(r).toMillis() - (System.nanoTime() - started) / 1_000_000);
      try {
        reading = e.getValue().get(waitMillis, TimeUnit.MILLISECONDS);
      } catch (TimeoutException te) {
        e.getValue().cancel(true);
        reading =
            PbsReading.Target.down(
                name, "no complete answer within " + budget(r).toSeconds() + "s");
      } catch (ExecutionException ee) {
        Throwable cause = ee.getCause();
        reading =
            PbsReading.Target.down(
                name, "unexpected " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
      }
      latest.put(name, reading);
      lastRead.put(name, now);
      logTransition(reading);
    }
    List<PbsReading.Target> all = new ArrayList<>();
    int problems = 0;
    for (PbsTargetReader r : readers) {
      PbsReading.Target t = latest.get(r.config().name());
      if (t != null) {
        all.add(t);
        if (running.containsKey(r)) {
          problems += t.problems();
        }
      }
    }
    return new Snapshot(PbsMetrics.families(all, groupInfoTargets, clock.instant()), problems);
  }

  private void logTransition(PbsReading.Target reading) {
    String name = reading.target();
    String error = reading.error().orElse(null);
    String before = lastError.get(name);
    if (error != null && !error.equals(before)) {
      log.warn("pbs target {} down: {}", name, error);
    } else if (error == null && before != null) {
      log.info("pbs target {} up again", name);
    }
    if (error == null) {
      lastError.remove(name);
    } else {
      lastError.put(name, error);
    }
  }
}
