package io.github.storageagent.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A small in-memory history of the few series whose verdicts compare with the past (pool fill for
 * the forecast, counts that must not rise): at most one point per {@code step} for {@code
 * retention}, for at most {@code maxSeries} series. Fed when a collector publishes, never on a page
 * view, so the page being open changes nothing. With the defaults (5 min, 7 days) a series holds at
 * most 2,016 points of 8 bytes (int seconds + float value), 16 KiB, allocated as it grows.
 */
public final class History {

  /** One kept value. */
  public record Point(long epochSecond, double value) {}

  public static final Duration DEFAULT_STEP = Duration.ofMinutes(5);
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
  public static final int DEFAULT_MAX_SERIES = 512;

  private final long stepSeconds;
  private final long retentionSeconds;
  private final int capacity;
  private final int maxSeries;
  private final Map<String, Ring> series = new HashMap<>();

  public History(Duration step, Duration retention, int maxSeries) {
    if (step.isNegative() || step.isZero() || retention.compareTo(step) < 0 || maxSeries < 1) {
      throw new IllegalArgumentException("bad history bounds");
    }
    this.stepSeconds = step.toSeconds();
    this.retentionSeconds = retention.toSeconds();
    this.capacity = (int) (retentionSeconds / stepSeconds);
    this.maxSeries = maxSeries;
  }

  public static History bounded() {
    return new History(DEFAULT_STEP, DEFAULT_RETENTION, DEFAULT_MAX_SERIES);
  }

  /**
   * Keeps {@code value} for {@code key} unless the series already has a point less than one step
   * old. A new series beyond {@code maxSeries} is dropped (the verdicts then see no past for it).
   */
  public synchronized void record(String key, Instant at, double value) {
    if (!Double.isFinite(value)) {
      return;
    }
    Ring ring = series.get(key);
    if (ring == null) {
      if (series.size() >= maxSeries) {
        forgetOlderThan(at.getEpochSecond() - retentionSeconds);
        if (series.size() >= maxSeries) {
          return;
        }
      }
      ring = new Ring();
      series.put(key, ring);
    }
    ring.add(at.getEpochSecond(), value, stepSeconds, capacity);
  }

  /** The points of {@code key} not older than {@code window} before {@code now}, oldest first. */
  public synchronized List<Point> since(String key, Instant now, Duration window) {
    Ring ring = series.get(key);
    if (ring == null) {
      return List.of();
    }
    return ring.since(now.getEpochSecond() - window.toSeconds());
  }

  public synchronized int seriesCount() {
    return series.size();
  }

  private void forgetOlderThan(long epochSecond) {
    Iterator<Ring> it = series.values().iterator();
    while (it.hasNext()) {
      if (it.next().newest() < epochSecond) {
        it.remove();
      }
    }
  }

  /** A ring of (seconds, value) pairs that grows to {@code capacity} and then overwrites. */
  private static final class Ring {
    private int[] seconds = new int[8];
    private float[] values = new float[8];
    private int start;
    private int size;

    void add(long epochSecond, double value, long step, int capacity) {
      if (size > 0 && epochSecond - newest() < step) {
        return;
      }
      if (size == seconds.length && size < capacity) {
        int n = Math.min(capacity, size * 2);
        int[] s = new int[n];
        float[] v = new float[n];
        for (int i = 0; i < size; i++) {
          s[i] = seconds[(start + i) % seconds.length];
          v[i] = values[(start + i) % values.length];
        }
        seconds = s;
        values = v;
        start = 0;
      }
      if (size < seconds.length) {
        int at = (start + size) % seconds.length;
        seconds[at] = (int) epochSecond;
        values[at] = (float) value;
        size++;
      } else {
        seconds[start] = (int) epochSecond;
        values[start] = (float) value;
        start = (start + 1) % seconds.length;
      }
    }

    long newest() {
      return size == 0
          ? Long.MIN_VALUE
          : Integer.toUnsignedLong(seconds[(start + size - 1) % seconds.length]);
    }

    List<Point> since(long from) {
      List<Point> out = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        int at = (start + i) % seconds.length;
        long t = Integer.toUnsignedLong(seconds[at]);
        if (t >= from) {
          out.add(new Point(t, values[at]));
        }
      }
      return out;
    }
  }
}
