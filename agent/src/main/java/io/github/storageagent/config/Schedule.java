package io.github.storageagent.config;

import java.time.Duration;
import java.util.Optional;

/**
 * When a collector runs and how long its result is served, the same two keys in every section:
 * {@code interval}, and {@code max_age} (default three intervals: one failed or late run is ridden
 * out, a dead source disappears instead of showing old values).
 *
 * @param interval how often the collector runs
 * @param maxAge how long its last good result is served without a newer one
 */
public record Schedule(Duration interval, Duration maxAge) {

  public static final int DEFAULT_MAX_AGE_INTERVALS = 3;

  /** A section's schedule from its {@code interval} and optional {@code max_age}. */
  public static Schedule of(Duration interval, Optional<Duration> maxAge) {
    return new Schedule(interval, maxAge.orElse(interval.multipliedBy(DEFAULT_MAX_AGE_INTERVALS)));
  }
}
