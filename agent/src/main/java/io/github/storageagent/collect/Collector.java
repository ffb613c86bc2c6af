package io.github.storageagent.collect;

import io.github.storageagent.config.Schedule;
import java.time.Duration;

/**
 * One source of metrics. The scheduler calls {@link #collect()} on its own thread every {@link
 * #interval()}; a scrape never calls it.
 */
public interface Collector {

  /** Short stable name, used as the {@code collector} label value. */
  String name();

  /**
   * For a collector that runs once per configured target, the target's name (the {@code target}
   * label of the agent's own families); empty for a collector of the whole node.
   */
  default String target() {
    return "";
  }

  default CollectorKey key() {
    return new CollectorKey(name(), target());
  }

  /** Its config section's {@code interval} and {@code max_age}. */
  Schedule schedule();

  /** How often {@link #collect()} runs. */
  default Duration interval() {
    return schedule().interval();
  }

  /**
   * How long a successful snapshot may be served. A stale value is worse than none, so after this
   * the collector's families disappear until the next success.
   */
  default Duration maxAge() {
    return schedule().maxAge();
  }

  /** How long one run may take before it is cancelled and counted as failed. */
  default Duration deadline() {
    return interval();
  }

  /**
   * Reads the source and maps it to metric families. Throwing marks the whole run as failed (the
   * previous snapshot is kept until it expires); partial problems go into {@link
   * Snapshot#problems()}.
   */
  Snapshot collect() throws Exception;
}
