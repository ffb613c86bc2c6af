package io.github.storageagent.collect;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the agent knows about one collector after its latest run. Immutable: the store swaps whole
 * states so a scrape always sees a consistent one.
 *
 * @param snapshot the last successful snapshot, if any
 * @param lastSuccess when that snapshot was taken
 * @param lastRunSucceeded whether the latest run succeeded
 * @param lastDuration how long the latest run took
 * @param errorsTotal failed runs plus non-fatal problems since start
 * @param lastError a one-line description of the latest failure, for the landing page and logs only
 * @param runs how many runs have completed (successfully or not)
 */
public record CollectorState(
    Optional<Snapshot> snapshot,
    Optional<Instant> lastSuccess,
    boolean lastRunSucceeded,
    Duration lastDuration,
    long errorsTotal,
    Optional<String> lastError,
    long runs) {

  static CollectorState initial() {
    return new CollectorState(
        Optional.empty(), Optional.empty(), false, Duration.ZERO, 0, Optional.empty(), 0);
  }

  CollectorState succeeded(Snapshot next, Instant at, Duration took) {
    return new CollectorState(
        Optional.of(next),
        Optional.of(at),
        true,
        took,
        errorsTotal + next.problems(),
        next.problems() > 0 ? lastError : Optional.empty(),
        runs + 1);
  }

  CollectorState failed(String error, Duration took) {
    return new CollectorState(
        snapshot, lastSuccess, false, took, errorsTotal + 1, Optional.of(error), runs + 1);
  }

  CollectorState withProblemNote(String note) {
    return new CollectorState(
        snapshot,
        lastSuccess,
        lastRunSucceeded,
        lastDuration,
        errorsTotal,
        Optional.of(note),
        runs);
  }

  /** The snapshot if it is young enough to serve at {@code now}. */
  public Optional<Snapshot> servable(Instant now, Duration maxAge) {
    return servableUntil(maxAge).filter(until -> !until.isBefore(now)).flatMap(until -> snapshot);
  }

  /** The last instant at which the snapshot may be served, if there is one. */
  Optional<Instant> servableUntil(Duration maxAge) {
    return snapshot.isEmpty() ? Optional.empty() : lastSuccess.map(t -> t.plus(maxAge));
  }
}
