package io.github.storageagent.disk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CounterTrackerTest {

  @Test
  void increasesByTheDifference() {
    CounterTracker t = new CounterTracker(100);

    assertThat(t.advance(150)).isEqualTo(50);
    assertThat(t.total()).isEqualTo(150);
  }

  @Test
  void aThirtyTwoBitWrapContinuesTheTotal() {
    CounterTracker t = new CounterTracker(4_294_967_000L);

    long delta = t.advance(200);

    assertThat(delta).isEqualTo(296 + 200);
    assertThat(t.total()).isEqualTo(4_294_967_000.0 + 496);
  }

  @Test
  void aLargeDropIsAResetCountingFromZero() {
    CounterTracker t = new CounterTracker(1_000_000);

    assertThat(t.advance(300)).isEqualTo(300);
    assertThat(t.total()).isEqualTo(1_000_300);
  }

  @Test
  void aDropOfASixtyFourBitCounterIsAReset() {
    CounterTracker t = new CounterTracker(10_000_000_000L);

    assertThat(t.advance(5)).isEqualTo(5);
  }

  @Test
  void totalsStayMonotonicAcrossRepeatedWraps() {
    CounterTracker t = new CounterTracker(0);
    double previous = t.total();
    long raw = 0;
    for (int i = 0; i < 10; i++) {
      raw = (raw + 1_500_000_000L) % (1L << 32);
      t.advance(raw);
      assertThat(t.total()).isGreaterThan(previous);
      previous = t.total();
    }
    assertThat(t.total()).isEqualTo(15_000_000_000.0);
  }
}
