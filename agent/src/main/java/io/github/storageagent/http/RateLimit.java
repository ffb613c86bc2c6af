package io.github.storageagent.http;

/**
 * exporter-toolkit's {@code rate_limit}: a token bucket of {@code burst} requests, one earned back
 * every interval; requests beyond it get 429.
 */
final class RateLimit {

  private final int burst;
  private final long nanosPerToken;
  private double tokens;
  private long last;

  RateLimit(int burst, long nanosPerToken, long now) {
    this.burst = burst;
    this.nanosPerToken = nanosPerToken;
    this.tokens = burst;
    this.last = now;
  }

  synchronized boolean tryAcquire(long now) {
    tokens = Math.min(burst, tokens + (double) (now - last) / nanosPerToken);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
