package io.github.storageagent.bench;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The counters of {@code /proc/diskstats} for a list of devices, advanced one second at a time
 * (deterministically: fixed seed) and rendered in the 20-column layout of Linux 5.5+.
 */
public final class DiskStats {

  private final List<BlockDevice> devices;
  private final long[][] counters;
  private final SplittableRandom random = new SplittableRandom(20260101L);

  public DiskStats(List<BlockDevice> devices) {
    this.devices = List.copyOf(devices);
    this.counters = new long[devices.size()][17];
    // A day of uptime before the first reading, as on a real node.
    for (int i = 0; i < devices.size(); i++) {
      step(i, 86_400);
    }
  }

  /** One second of IO on every device. */
  public void tick() {
    for (int i = 0; i < devices.size(); i++) {
      step(i, 1);
    }
  }

  private void step(int i, int seconds) {
    BlockDevice d = devices.get(i);
    long[] c = counters[i];
    long reads = jitter(d.readIops() * seconds);
    long writes = jitter(d.writeIops() * seconds);
    double readMs = reads * d.readMs() * (0.7 + 0.6 * random.nextDouble());
    double writeMs = writes * d.writeMs() * (0.7 + 0.6 * random.nextDouble());
    c[0] += reads;
    c[1] += reads / 8;
    c[2] += reads * 16;
    c[3] += Math.round(readMs);
    c[4] += writes;
    c[5] += writes / 4;
    c[6] += writes * 32;
    c[7] += Math.round(writeMs);
    c[8] = reads + writes > 0 ? random.nextInt(4) : 0;
    c[9] += Math.min(1000L * seconds, Math.round((readMs + writeMs) * 0.6));
    c[10] += Math.round(readMs + writeMs);
    long discards = jitter(seconds / 30.0);
    c[11] += discards;
    c[13] += discards * 2048;
    c[14] += discards;
    long flushes =
        d.kind() == BlockDevice.Kind.PARTITION ? 0 : jitter(d.writeIops() * seconds / 20);
    c[15] += flushes;
    c[16] += flushes / 2;
  }

  private long jitter(double mean) {
    return mean <= 0 ? 0 : Math.max(0, Math.round(mean * (0.7 + 0.6 * random.nextDouble())));
  }

  /** The file's text. */
  public String render() {
    StringBuilder sb = new StringBuilder(devices.size() * 128);
    for (int i = 0; i < devices.size(); i++) {
      BlockDevice d = devices.get(i);
      sb.append(String.format("%4d %7d %s", d.major(), d.minor(), d.name()));
      long[] c = counters[i];
      for (int f = 0; f < c.length; f++) {
        // The kernel prints the time columns as 32-bit unsigned values.
        boolean time = f == 3 || f == 7 || f == 9 || f == 10 || f == 14 || f == 16;
        sb.append(' ').append(time ? c[f] & 0xFFFF_FFFFL : c[f]);
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
