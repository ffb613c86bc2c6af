package io.github.storageagent.backup.pbs;

import io.github.storageagent.collect.Collector;
import io.github.storageagent.collect.Snapshot;
import io.github.storageagent.config.PbsTargetConfig;
import io.github.storageagent.config.Schedule;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code pbs} collector of one PBS target, on the agent's scheduler with the target's own
 * interval: a target that is down, slow or rejects the token turns only its own {@code
 * storage_pbs_up} to 0, and only its own {@code storage_collector_*{target="..."}} records it.
 */
public final class PbsTargetCollector implements Collector {

  private static final Logger log = LoggerFactory.getLogger(PbsTargetCollector.class);

  private final PbsTargetReader reader;
  private final Clock clock;
  private String lastError;

  public PbsTargetCollector(PbsTargetReader reader, Clock clock) {
    this.reader = reader;
    this.clock = clock;
    if (reader.config().insecureSkipVerify()) {
      log.warn(
          "pbs target {}: insecure_skip_verify is set, the server certificate is NOT verified;"
              + " anyone on the path can read the API token. Set fingerprint instead.",
          reader.config().name());
    }
  }

  @Override
  public String name() {
    return "pbs";
  }

  @Override
  public String target() {
    return reader.config().name();
  }

  @Override
  public Schedule schedule() {
    return reader.config().schedule();
  }

  /** Most of the interval for the requests, leaving room to build the snapshot. */
  Duration budget() {
    return interval().multipliedBy(9).dividedBy(10);
  }

  @Override
  public Snapshot collect() throws InterruptedException {
    PbsReading.Target reading = reader.read(budget());
    logTransition(reading);
    PbsTargetConfig config = reader.config();
    Set<String> groupInfo = config.groupInfo() ? Set.of(config.name()) : Set.of();
    Set<String> groupSize = config.groupSnapshotSize() ? Set.of(config.name()) : Set.of();
    return new Snapshot(
        PbsMetrics.families(List.of(reading), groupInfo, groupSize, clock.instant()),
        reading.problems());
  }

  private void logTransition(PbsReading.Target reading) {
    String error = reading.error().orElse(null);
    if (error != null && !error.equals(lastError)) {
      log.warn("pbs target {} down: {}", reading.target(), error);
    } else if (error == null && lastError != null) {
      log.info("pbs target {} up again", reading.target());
    }
    lastError = error;
  }
}
