package io.github.storageagent.collect;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.slf4j.Logger;

/**
 * A collector's non-fatal problems (a bad line, one datastore that did not answer): counted per run
 * for {@code storage_collector_errors_total}, and logged the way an admin wants to read them, once
 * when a problem starts or changes and once when it clears, not on every run.
 *
 * <p>One instance per collector (or per target); not shared between threads: a collector's runs
 * never overlap.
 */
public final class Problems {

  private final Logger log;
  private final String subject;
  private final Map<String, String> logged = new LinkedHashMap<>();
  private final Set<String> seen = new HashSet<>();
  private int count;

  /**
   * @param log the collector's logger (its name shows as the log line's caller)
   * @param subject what the lines are about, e.g. {@code pbs target pbs01}
   */
  public Problems(Logger log, String subject) {
    this.log = log;
    this.subject = subject;
  }

  /** Starts a run: the count goes back to 0. */
  public void startRun() {
    count = 0;
    seen.clear();
  }

  /** {@code n} problems not worth a log line of their own (skipped entries of a list). */
  public void count(int n) {
    count += n;
  }

  /** One problem with {@code what}: warned about when new or changed, else at debug level. */
  public void report(String what, String message) {
    count++;
    seen.add(what);
    String line = what + ": " + message;
    if (!line.equals(logged.put(what, line))) {
      log.warn("{}: {}", subject, line);
    } else {
      log.debug("{}: {}", subject, line);
    }
  }

  /**
   * Ends a run: problems logged before and not reported in this run are cleared, each told to
   * {@code cleared} once (e.g. to log that it is readable again).
   *
   * @return this run's problem count
   */
  public int finishRun(BiConsumer<String, String> cleared) {
    for (String what : List.copyOf(logged.keySet())) {
      if (!seen.contains(what)) {
        logged.remove(what);
        cleared.accept(subject, what);
      }
    }
    return count;
  }

  /** This run's count so far. */
  public int count() {
    return count;
  }
}
