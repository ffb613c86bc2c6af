package io.github.storageagent.collect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;

/**
 * Holds the newest {@link CollectorState} per collector. Writers (the scheduler) replace states
 * atomically; readers (scrapes, the landing page) never block and never see a half-written state.
 */
public final class SnapshotStore {

  private final Map<CollectorKey, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong version = new AtomicLong();
  private final List<Collector> collectors;
  private final Clock clock;
  private final List<PublishListener> listeners = new CopyOnWriteArrayList<>();

  /** A registered collector with its current state. */
  public record Entry(Collector collector, CollectorState state) {}

  public SnapshotStore(List<Collector> collectors, Clock clock) {
    this.collectors = List.copyOf(collectors);
    this.clock = clock;
    for (Collector c : collectors) {
      if (entries.putIfAbsent(c.key(), new Entry(c, CollectorState.initial())) != null) {
        throw new IllegalArgumentException("duplicate collector " + c.key());
      }
    }
  }

  void update(CollectorKey key, UnaryOperator<CollectorState> change) {
    Entry before = entries.get(key);
    Entry after =
        entries.computeIfPresent(key, (k, e) -> new Entry(e.collector(), change.apply(e.state())));
    version.incrementAndGet();
    if (after != null
        && (before == null || after.state().snapshot() != before.state().snapshot())) {
      // Told after the store holds it, so a listener that reads the store sees the same.
      after.state().snapshot().ifPresent(s -> tell(key, s));
    }
  }

  /**
   * Told of every snapshot a collector publishes, on the collector's thread, once per run (not per
   * scrape or page view). Listeners must be quick and must not throw.
   */
  public interface PublishListener {
    void published(CollectorKey key, Snapshot snapshot);
  }

  private void tell(CollectorKey key, Snapshot snapshot) {
    for (PublishListener l : listeners) {
      try {
        l.published(key, snapshot);
      } catch (RuntimeException e) {
        // A listener's bug must not turn into the collector's failure: the run did succeed.
        LoggerFactory.getLogger(SnapshotStore.class)
            .warn("snapshot listener failed for {}: {}", key, e.toString());
      }
    }
  }

  public void addPublishListener(PublishListener listener) {
    listeners.add(listener);
  }

  /**
   * Grows with every state change. Whatever was derived from the store at one version stays true
   * until the version changes or {@link #servableUntil} passes.
   */
  public long version() {
    return version.get();
  }

  /**
   * When the first snapshot that is servable at {@code now} expires ({@link Instant#MAX} if none
   * will): until then, and while {@link #version} stays, {@link #servable} keeps its answer.
   */
  public Instant servableUntil(Instant now) {
    Instant until = Instant.MAX;
    for (Entry e : entries.values()) {
      Optional<Instant> expiry = e.state().servableUntil(e.collector().maxAge());
      if (expiry.isPresent() && !expiry.get().isBefore(now) && expiry.get().isBefore(until)) {
        until = expiry.get();
      }
    }
    return until;
  }

  /** Every collector with its state, in registration order. */
  public Map<CollectorKey, Entry> entries() {
    Map<CollectorKey, Entry> ordered = new LinkedHashMap<>();
    for (Collector c : collectors) {
      ordered.put(c.key(), entries.get(c.key()));
    }
    return ordered;
  }

  /** True once every collector has finished at least one run, successful or not. */
  public boolean ready() {
    return entries.values().stream().allMatch(e -> e.state().runs() > 0);
  }

  public Clock clock() {
    return clock;
  }

  /** Snapshots still young enough to serve, by collector. */
  public Map<CollectorKey, Snapshot> servable() {
    Map<CollectorKey, Snapshot> result = new LinkedHashMap<>();
    var now = clock.instant();
    entries()
        .forEach(
            (key, e) -> {
              Duration maxAge = e.collector().maxAge();
              e.state().servable(now, maxAge).ifPresent(s -> result.put(key, s));
            });
    return result;
  }
}
