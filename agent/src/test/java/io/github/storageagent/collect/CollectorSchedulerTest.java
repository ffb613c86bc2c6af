package io.github.storageagent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.testing.ManualClock;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CollectorSchedulerTest {

  private static final Instant START = Instant.parse("2026-11-25T00:00:00Z");

  /** A collector whose behaviour each test scripts. */
  static final class ScriptedCollector implements Collector {
    interface Body {
      Snapshot run() throws Exception;
    }

    final AtomicInteger calls = new AtomicInteger();
    volatile Body body;
    final Duration deadline;

    ScriptedCollector(Body body, Duration deadline) {
      this.body = body;
      this.deadline = deadline;
    }

    @Override
    public String name() {
      return "scripted";
    }

    @Override
    public io.github.storageagent.config.Schedule schedule() {
      return io.github.storageagent.config.Schedule.of(
          Duration.ofSeconds(10), java.util.Optional.empty());
    }

    @Override
    public Duration deadline() {
      return deadline;
    }

    @Override
    public Snapshot collect() throws Exception {
      calls.incrementAndGet();
      return body.run();
    }
  }

  static Snapshot oneGauge(double value, int problems) {
    MetricSnapshot g =
        GaugeSnapshot.builder()
            .name("storage_test_value")
            .help("test")
            .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build())
            .build();
    return new Snapshot(List.of(g), problems);
  }

  @Test
  void aSuccessfulRunIsStoredAndServed() throws Exception {
    ManualClock clock = new ManualClock(START);
    ScriptedCollector c = new ScriptedCollector(() -> oneGauge(42, 0), Duration.ofSeconds(5));
    SnapshotStore store = new SnapshotStore(List.of(c), clock);
    try (CollectorScheduler s = new CollectorScheduler(store)) {
      assertThat(store.ready()).isFalse();
      s.runOnce(c);
    }

    CollectorState state = store.entries().get(CollectorKey.of("scripted")).state();
    assertThat(state.lastRunSucceeded()).isTrue();
    assertThat(state.lastSuccess()).contains(clock.instant());
    assertThat(store.servable()).containsKey(CollectorKey.of("scripted"));
    assertThat(store.ready()).isTrue();
  }

  @Test
  void aFailedRunCountsAnErrorAndKeepsTheLastGoodSnapshotUntilItExpires() throws Exception {
    ManualClock clock = new ManualClock(START);
    ScriptedCollector c = new ScriptedCollector(() -> oneGauge(1, 0), Duration.ofSeconds(5));
    SnapshotStore store = new SnapshotStore(List.of(c), clock);
    try (CollectorScheduler s = new CollectorScheduler(store)) {
      s.runOnce(c);
      c.body =
          () -> {
            throw new IllegalStateException("lvs exited 5:\n  Volume group \"pve\" not found");
          };
      clock.advance(Duration.ofSeconds(10));
      s.runOnce(c);
    }

    CollectorState state = store.entries().get(CollectorKey.of("scripted")).state();
    assertThat(state.lastRunSucceeded()).isFalse();
    assertThat(state.errorsTotal()).isEqualTo(1);
    assertThat(state.lastError()).contains("lvs exited 5: Volume group \"pve\" not found");
    assertThat(store.servable()).containsKey(CollectorKey.of("scripted"));

    clock.advance(Duration.ofSeconds(21)); // past 3 × 10 s since the last success
    assertThat(store.servable()).doesNotContainKey(CollectorKey.of("scripted"));
  }

  @Test
  void problemsOfASuccessfulRunCountAsErrors() throws Exception {
    ScriptedCollector c = new ScriptedCollector(() -> oneGauge(1, 3), Duration.ofSeconds(5));
    SnapshotStore store = new SnapshotStore(List.of(c), new ManualClock(START));
    try (CollectorScheduler s = new CollectorScheduler(store)) {
      s.runOnce(c);
      s.runOnce(c);
    }

    assertThat(store.entries().get(CollectorKey.of("scripted")).state().errorsTotal()).isEqualTo(6);
    assertThat(store.entries().get(CollectorKey.of("scripted")).state().lastRunSucceeded())
        .isTrue();
  }

  @Test
  @Timeout(30)
  void aRunPastItsDeadlineIsCancelledAndCountedAsFailed() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    ScriptedCollector c =
        new ScriptedCollector(
            () -> {
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
              }
              return oneGauge(1, 0);
            },
            Duration.ofMillis(200));
    SnapshotStore store = new SnapshotStore(List.of(c), Clock.systemUTC());
    try (CollectorScheduler s = new CollectorScheduler(store)) {
      s.runOnce(c);
      interrupted.await();
    }

    CollectorState state = store.entries().get(CollectorKey.of("scripted")).state();
    assertThat(state.lastRunSucceeded()).isFalse();
    assertThat(state.lastError()).contains("deadline of 200ms exceeded");
    assertThat(state.errorsTotal()).isEqualTo(1);
  }

  @Test
  @Timeout(30)
  void aTickWhileARunIsInFlightStartsNoSecondRun() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    ScriptedCollector c =
        new ScriptedCollector(
            () -> {
              started.countDown();
              release.await();
              return oneGauge(1, 0);
            },
            Duration.ofSeconds(20));
    SnapshotStore store = new SnapshotStore(List.of(c), Clock.systemUTC());
    try (CollectorScheduler s = new CollectorScheduler(store)) {
      s.tick(c);
      started.await();
      // The first run is provably in flight: these ticks must be skipped, not queued.
      s.tick(c);
      s.tick(c);
      release.countDown();
      while (store.entries().get(CollectorKey.of("scripted")).state().runs() == 0) {
        Thread.sleep(10);
      }
    }

    assertThat(c.calls.get()).isEqualTo(1);
    assertThat(store.entries().get(CollectorKey.of("scripted")).state().runs()).isEqualTo(1);
  }
}
