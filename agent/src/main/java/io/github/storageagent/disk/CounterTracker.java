package io.github.storageagent.disk;

/**
 * Turns a raw kernel counter that may wrap into a monotonic total and per-sample deltas. The kernel
 * prints the time fields as 32-bit values (they wrap after ~49.7 days of summed milliseconds) and
 * the others as unsigned long, so a drop is read as a 32-bit wrap when that makes a plausible step,
 * and as a reset otherwise.
 */
final class CounterTracker {

  private static final long WRAP_32 = 1L << 32;

  private long lastRaw;
  private double total;

  CounterTracker(long firstRaw) {
    this.lastRaw = firstRaw;
    this.total = unsigned(firstRaw);
  }

  /** Advances to {@code raw} and returns the increase since the previous sample. */
  long advance(long raw) {
    long delta = deltaBetween(lastRaw, raw);
    lastRaw = raw;
    total += delta;
    return delta;
  }

  double total() {
    return total;
  }

  static long deltaBetween(long previous, long current) {
    if (Long.compareUnsigned(current, previous) >= 0) {
      return current - previous;
    }
    if (Long.compareUnsigned(previous, WRAP_32) < 0) {
      long wrapped = current + WRAP_32 - previous;
      // A wrap makes a small step; a large one means the device was reset, counting from zero.
      if (wrapped < WRAP_32 / 2) {
        return wrapped;
      }
    }
    return current;
  }

  private static double unsigned(long v) {
    return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
  }
}
