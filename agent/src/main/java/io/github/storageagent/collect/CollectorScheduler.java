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
  private final Map<String, Future<?>> inFlight = new ConcurrentHashMap<>();

  public CollectorScheduler(SnapshotStore store) {
    this.store = store;
    this.ticks = Executors.newSingleThreadScheduledExecutor(daemonThreads("collector-timer"));
    this.runs = Executors.newCachedThreadPool(daemonThreads("collector-run"));
  }

  /** Starts every collector now, then on its interval. */
  public void start() {
    for (var entry : store.entries().values()) {
      Collector c = entry.collector();
      long periodMillis = Math.max(1, c.interval().toMillis());
      ticks.scheduleAtFixedRate(() -> tick(c), 0, periodMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** Runs one collector once, synchronously, honouring its deadline. For tests and tools. */
  public void runOnce(Collector c) throws InterruptedException {
    tick(c);
    Future<?> f = inFlight.get(c.name());
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
    Future<?> previous = inFlight.get(c.name());
    if (previous != null && !previous.isDone()) {
      log.debug("collector {} still running, tick skipped", c.name());
      return;
    }
    AtomicBoolean settled = new AtomicBoolean();
    Instant started = store.clock().instant();
    Future<?> run = runs.submit(() -> execute(c, started, settled));
    inFlight.put(c.name(), run);
    ticks.schedule(
        () -> {
          if (!run.isDone() && settled.compareAndSet(false, true)) {
            String error = "deadline of " + format(c.deadline()) + " exceeded";
            log.warn("collector {} failed: {}", c.name(), error);
            store.update(c.name(), s -> s.failed(error, c.deadline()));
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
            c.name(), s -> s.succeeded(snapshot, finished, Duration.between(started, finished)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception | LinkageError | StackOverflowError e) {
      Instant finished = store.clock().instant();
      String error = oneLine(e);
      if (settled.compareAndSet(false, true)) {
        log.warn("collector {} failed: {}", c.name(), error);
        log.debug("collector {} failure detail", c.name(), e);
        store.update(c.name(), s -> s.failed(error, Duration.between(started, finished)));
      }
    }
  }

  static String oneLine(Throwable e) {
    String message = e.getMessage();
    String text =
        message == null || message.isBlank()
            ? e.getClass().getSimpleName()
            : message.replaceAll("\\s+", " ").strip();
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
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
    ticks.shutdownNow();
    runs.shutdownNow();
  }

  List<String> running() {
    return inFlight.entrySet().stream()
        .filter(e -> !e.getValue().isDone())
        .map(Map.Entry::getKey)
        .toList();
  }
}
