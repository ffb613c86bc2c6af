package io.github.storageagent.collect;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every collector on its own interval. A run that outlives its deadline is cancelled and
 * counted as failed; while a run is still in flight, the next tick of the same collector is
 * skipped, so a hung source never piles up threads or calls.
 */
public final class CollectorScheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CollectorScheduler.class);

  private final SnapshotStore store;
  private final ScheduledExecutorService ticks;
  private final ExecutorService runs;
  private final Map<CollectorKey, Future<?>> inFlight = new ConcurrentHashMap<>();

  private final boolean ownsTimer;
  private final List<Future<?>> schedules = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A scheduler with a timer of its own (tests and tools). */
  public CollectorScheduler(SnapshotStore store) {
    this(store, NodeContext.newTimer(), true);
  }

  /** A scheduler ticking on the agent's shared {@code timer}, which it leaves running on close. */
  public CollectorScheduler(SnapshotStore store, ScheduledExecutorService timer) {
    this(store, timer, false);
  }

  private CollectorScheduler(SnapshotStore store, ScheduledExecutorService timer, boolean owns) {
    this.store = store;
    this.ticks = timer;
    this.ownsTimer = owns;
    this.runs = Executors.newCachedThreadPool(daemonThreads("collector-run"));
  }

  /** Starts every collector now, then on its interval. */
  public void start() {
    for (var entry : store.entries().values()) {
      Collector c = entry.collector();
      long periodMillis = Math.max(1, c.interval().toMillis());
      schedules.add(
          ticks.scheduleAtFixedRate(() -> tick(c), 0, periodMillis, TimeUnit.MILLISECONDS));
    }
  }

  /** Runs one collector once, synchronously, honouring its deadline. For tests and tools. */
  public void runOnce(Collector c) throws InterruptedException {
    tick(c);
    Future<?> f = inFlight.get(c.key());
    if (f != null) {
      try {
        f.get(c.deadline().toMillis() + 1000, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.CancellationException
          | java.util.concurrent.ExecutionException
          | java.util.concurrent.TimeoutException e) {
        // the outcome is recorded in the store either way
      }
    }
  }

  /** Starts a run of {@code c} unless one is still in flight; does not wait for it. */
  void tick(Collector c) {
    Future<?> previous = inFlight.get(c.key());
    if (previous != null && !previous.isDone()) {
      log.debug("collector {} still running, tick skipped", c.key());
      return;
    }
    AtomicBoolean settled = new AtomicBoolean();
    Instant started = store.clock().instant();
    Future<?> run = runs.submit(() -> execute(c, started, settled));
    inFlight.put(c.key(), run);
    ticks.schedule(
        () -> {
          if (!run.isDone() && settled.compareAndSet(false, true)) {
            String error = "deadline of " + format(c.deadline()) + " exceeded";
            log.warn("collector {} failed: {}", c.key(), error);
            store.update(c.key(), s -> s.failed(error, c.deadline()));
            run.cancel(true);
          }
        },
        c.deadline().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void execute(Collector c, Instant started, AtomicBoolean settled) {
    try {
      Snapshot snapshot = c.collect();
      Instant finished = store.clock().instant();
      if (settled.compareAndSet(false, true)) {
        store.update(
            c.key(), s -> s.succeeded(snapshot, finished, Duration.between(started, finished)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception | LinkageError | StackOverflowError e) {
      Instant finished = store.clock().instant();
      String error = oneLine(e);
      if (settled.compareAndSet(false, true)) {
        log.warn("collector {} failed: {}", c.key(), error);
        log.debug("collector {} failure detail", c.key(), e);
        store.update(c.key(), s -> s.failed(error, Duration.between(started, finished)));
      }
    }
  }

  static String oneLine(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank()
        ? e.getClass().getSimpleName()
        : Messages.oneLine(message, 300);
  }

  private static String format(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    schedules.forEach(f -> f.cancel(false));
    if (ownsTimer) {
      ticks.shutdownNow();
    }
    runs.shutdownNow();
  }

  List<String> running() {
    return inFlight.entrySet().stream()
        .filter(e -> !e.getValue().isDone())
        .map(e -> e.getKey().toString())
        .toList();
  }
}
