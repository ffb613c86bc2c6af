package io.github.storageagent.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimitTest {

  @Test
  void allowsABurstThenOnePerInterval() {
    long second = 1_000_000_000L;
    RateLimit limit = new RateLimit(3, second, 0);
    assertThat(limit.tryAcquire(0)).isTrue();
    assertThat(limit.tryAcquire(0)).isTrue();
    assertThat(limit.tryAcquire(0)).isTrue();
    assertThat(limit.tryAcquire(0)).isFalse();
    assertThat(limit.tryAcquire(second / 2)).isFalse();
    assertThat(limit.tryAcquire(second)).isTrue();
    assertThat(limit.tryAcquire(second)).isFalse();
    // A long pause refills no more than the burst.
    assertThat(limit.tryAcquire(100 * second)).isTrue();
    assertThat(limit.tryAcquire(100 * second)).isTrue();
    assertThat(limit.tryAcquire(100 * second)).isTrue();
    assertThat(limit.tryAcquire(100 * second)).isFalse();
  }
}
