package io.github.storageagent.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusHistoryTest {

  static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");

  @Test
  void keepsOnePointPerStep() {
    History h = new History(Duration.ofMinutes(5), Duration.ofHours(1), 10);
    for (int s = 0; s < 600; s += 15) {
      h.record("a", T0.plusSeconds(s), s);
    }
    // 0, 300 kept; every publish in between dropped
    assertThat(h.since("a", T0.plusSeconds(600), Duration.ofHours(1)))
        .containsExactly(
            new History.Point(T0.getEpochSecond(), 0),
            new History.Point(T0.getEpochSecond() + 300, 300));
  }

  @Test
  void holdsAtMostRetentionOverStep() {
    History h = new History(Duration.ofMinutes(5), Duration.ofHours(1), 10);
    for (int i = 0; i < 100; i++) {
      h.record("a", T0.plusSeconds(i * 300L), i);
    }
    var kept = h.since("a", T0.plusSeconds(100 * 300L), Duration.ofDays(30));
    assertThat(kept).hasSize(12);
    assertThat(kept.get(0).value()).isEqualTo(88);
    assertThat(kept.get(11).value()).isEqualTo(99);
  }

  @Test
  void sinceFiltersByWindow() {
    History h = History.bounded();
    for (int i = 0; i < 24; i++) {
      h.record("a", T0.plusSeconds(i * 300L), i);
    }
    assertThat(h.since("a", T0.plusSeconds(24 * 300L), Duration.ofHours(1))).hasSize(12);
    assertThat(h.since("missing", T0, Duration.ofHours(1))).isEmpty();
  }

  @Test
  void boundsTheNumberOfSeriesAndForgetsGoneOnes() {
    History h = new History(Duration.ofMinutes(5), Duration.ofHours(1), 2);
    h.record("a", T0, 1);
    h.record("b", T0, 1);
    h.record("c", T0, 1);
    assertThat(h.seriesCount()).isEqualTo(2);
    assertThat(h.since("c", T0, Duration.ofHours(1))).isEmpty();
    // once a and b have not been seen for the retention, c takes their place
    h.record("c", T0.plus(Duration.ofHours(2)), 1);
    assertThat(h.since("c", T0.plus(Duration.ofHours(2)), Duration.ofHours(1))).hasSize(1);
  }

  @Test
  void ignoresValuesThatAreNotNumbers() {
    History h = History.bounded();
    h.record("a", T0, Double.NaN);
    assertThat(h.seriesCount()).isZero();
  }
}
