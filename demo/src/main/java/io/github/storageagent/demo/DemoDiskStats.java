package io.github.storageagent.demo;

import java.util.List;
import java.util.Random;

/**
 * Advances the demo devices' diskstats counters one second at a time, deterministically (fixed
 * seed), and renders them in the 20-column layout of Linux 5.5+.
 */
final class DemoDiskStats {

  private final List<DemoDisk> disks;
  private final long[][] counters;
  private final Random random = new Random(20261125L);
  private long second;

  DemoDiskStats(List<DemoDisk> disks) {
    this.disks = List.copyOf(disks);
    this.counters = new long[disks.size()][17];
    // Start from an uptime's worth of history rather than zero, as a real node would show.
    for (int i = 0; i < disks.size(); i++) {
      for (int s = 0; s < 50; s++) {
        step(i, 3600);
      }
    }
  }

  void tick() {
    second++;
    for (int i = 0; i < disks.size(); i++) {
      step(i, 1);
    }
  }

  private void step(int i, int seconds) {
    DemoDisk d = disks.get(i);
    long[] c = counters[i];
    boolean spike = d.spikeEverySeconds() > 0 && second % d.spikeEverySeconds() < 2 && seconds == 1;
    double slow = spike ? 25 : 1;
    long reads = jitter(d.readIops() * seconds);
    long writes = jitter(d.writeIops() * seconds);
    double readMs = reads * d.readLatencyMs() * slow * (0.8 + 0.4 * random.nextDouble());
    double writeMs = writes * d.writeLatencyMs() * slow * (0.8 + 0.4 * random.nextDouble());
    c[0] += reads;
    c[1] += reads / 10;
    c[2] += reads * 16; // 8 KiB average read
    c[3] += Math.round(readMs);
    c[4] += writes;
    c[5] += writes / 5;
    c[6] += writes * 32; // 16 KiB average write
    c[7] += Math.round(writeMs);
    c[8] = reads + writes > 0 ? random.nextInt(spike ? 24 : 3) : 0;
    long busyMs = Math.min(1000L * seconds, Math.round((readMs + writeMs) * 0.6));
    c[9] += busyMs;
    c[10] += Math.round(readMs + writeMs);
    long discards = seconds > 1 || second % 60 == 0 ? jitter(5 * seconds) : 0;
    c[11] += discards;
    c[13] += discards * 2048;
    c[14] += discards;
    long flushes = jitter(d.writeIops() * seconds / 20);
    c[15] += flushes;
    c[16] += flushes / 2;
  }

  private long jitter(double mean) {
    return mean <= 0 ? 0 : Math.max(0, Math.round(mean * (0.7 + 0.6 * random.nextDouble())));
  }

  String render() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < disks.size(); i++) {
      DemoDisk d = disks.get(i);
      sb.append(String.format("%4d %7d %s", d.major(), d.minor(), d.name()));
      for (long v : counters[i]) {
        // The kernel prints the time and in-flight columns as 32-bit values.
        sb.append(' ').append(v);
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
