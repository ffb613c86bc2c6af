package io.github.storageagent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The store tells its listeners of each published snapshot, once, and only of those. */
class SnapshotStorePublishTest {

  static final Instant T = Instant.parse("2026-11-30T00:00:00Z");

  static SnapshotStore store() {
    var c =
        new CollectorSchedulerTest.ScriptedCollector(
            () -> Snapshot.of(List.of()), Duration.ofSeconds(5));
    return new SnapshotStore(List.of(c), Clock.fixed(T, ZoneOffset.UTC));
  }

  @Test
  void eachSuccessfulRunIsToldOnceAndFailuresAreNot() {
    SnapshotStore store = store();
    List<Snapshot> told = new ArrayList<>();
    store.addPublishListener((key, s) -> told.add(s));
    CollectorKey key = CollectorKey.of("scripted");
    Snapshot first = Snapshot.of(List.of());
    store.update(key, s -> s.succeeded(first, T, Duration.ZERO));
    store.update(key, s -> s.failed("boom", Duration.ZERO));
    store.update(key, s -> s.withProblemNote("note"));
    Snapshot second = Snapshot.of(List.of());
    store.update(key, s -> s.succeeded(second, T, Duration.ZERO));
    assertThat(told).hasSize(2);
    assertThat(told.get(0)).isSameAs(first);
    assertThat(told.get(1)).isSameAs(second);
  }

  @Test
  void aListenerThatThrowsDoesNotFailThePublish() {
    SnapshotStore store = store();
    store.addPublishListener(
        (key, s) -> {
          throw new IllegalStateException("listener bug");
        });
    CollectorKey key = CollectorKey.of("scripted");
    store.update(key, s -> s.succeeded(Snapshot.of(List.of()), T, Duration.ZERO));
    assertThat(store.entries().get(key).state().lastRunSucceeded()).isTrue();
    assertThat(store.servable()).containsKey(key);
  }
}
