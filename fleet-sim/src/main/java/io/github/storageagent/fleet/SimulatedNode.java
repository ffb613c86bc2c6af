package io.github.storageagent.fleet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One simulated agent: the template's lines with values of its own, a function of the time since
 * the simulator started.
 *
 * <ul>
 *   <li>Counters and histograms grow by a per-node fraction of their captured value per second
 *       (zero stays zero, a histogram keeps its shape); error and defect counters do not grow.
 *   <li>Each thin pool's data usage grows at its own rate, never fast enough to be forecast full
 *       within 24 hours, unless the node carries {@link Fault#POOL_FILLING}.
 *   <li>The collectors' last-success timestamps advance with the clock.
 * </ul>
 */
public final class SimulatedNode {

  /** Counters that a healthy node keeps flat (alerts fire on their increase). */
  static final Pattern FLAT_COUNTERS =
      Pattern.compile(".*(error|fail|defect|crc|realloc|pending|uncorrect|timeout).*");

  static final double FILLING_START = 0.6;
  static final double FILLING_SLOPE_PER_S = 3e-5;

  private final int index;
  private final String target;
  private final List<Template.Line> lines;
  private final double[] base;
  private final double[] slope;
  private final int[] mode;
  private final List<Injected> injected = new ArrayList<>();

  private static final int FIXED = 0;
  private static final int GROW_RELATIVE = 1;
  private static final int LINEAR = 2;

  /** A fault as applied: its node, target, kind and the labels of the series it changed. */
  public record Injected(
      int node, String target, Fault fault, String metric, Map<String, String> labels) {}

  SimulatedNode(int index, String target, Template template, Set<Fault> faults, long seed) {
    this.index = index;
    this.target = target;
    this.lines = template.lines();
    int n = lines.size();
    base = new double[n];
    slope = new double[n];
    mode = new int[n];
    Random random = new Random(seed * 1_000_003L + index);
    double growth = 1e-5 + random.nextDouble() * 4e-5;
    Map<String, Double> poolSlopes = new HashMap<>();
    boolean diskDone = false;
    boolean poolDone = false;
    boolean guestDone = false;
    boolean hasGuests =
        lines.stream()
            .anyMatch(
                l ->
                    l instanceof Template.Sample s
                        && s.name().equals("storage_pve_guest_last_backup_success"));
    boolean pbsDone = hasGuests;
    for (int i = 0; i < n; i++) {
      if (!(lines.get(i) instanceof Template.Sample s)) {
        continue;
      }
      base[i] = s.value();
      if (!Double.isFinite(s.value())) {
        continue;
      }
      String name = s.name();
      if ((s.type().equals("counter") || s.type().equals("histogram") || s.type().equals("summary"))
          && !FLAT_COUNTERS.matcher(s.family()).matches()
          && !name.endsWith("_created")) {
        mode[i] = GROW_RELATIVE;
        slope[i] = growth;
      } else if (name.equals("storage_collector_last_success_timestamp_seconds")) {
        mode[i] = LINEAR;
        slope[i] = 1;
      } else if (name.equals("storage_lvm_thinpool_data_used_ratio")) {
        mode[i] = LINEAR;
        if (faults.contains(Fault.POOL_FILLING) && !poolDone) {
          poolDone = true;
          base[i] = Math.max(FILLING_START, s.value());
          slope[i] = FILLING_SLOPE_PER_S;
          injected.add(new Injected(index, target, Fault.POOL_FILLING, name, s.labels()));
        } else {
          // At most half of the way to 85 % in a day: never forecast full, never almost full.
          String key = s.labels().toString();
          slope[i] =
              poolSlopes.computeIfAbsent(
                  key, k -> random.nextDouble() * Math.max(0, 0.85 - s.value()) / 2 / 86_400);
        }
      } else if (name.equals("storage_smart_healthy")
          && faults.contains(Fault.DISK_FAILED)
          && !diskDone) {
        diskDone = true;
        base[i] = 0;
        injected.add(new Injected(index, target, Fault.DISK_FAILED, name, s.labels()));
      } else if (name.equals("storage_pve_guest_last_backup_success")
          && faults.contains(Fault.BACKUP_FAILED)
          && !guestDone) {
        guestDone = true;
        base[i] = 0;
        injected.add(new Injected(index, target, Fault.BACKUP_FAILED, name, s.labels()));
      } else if (name.equals("storage_pbs_backup_last_task_success")
          && faults.contains(Fault.BACKUP_FAILED)
          && !pbsDone) {
        pbsDone = true;
        base[i] = 0;
        injected.add(new Injected(index, target, Fault.BACKUP_FAILED, name, s.labels()));
      }
    }
    for (Fault f : faults) {
      if (injected.stream().noneMatch(j -> j.fault() == f)) {
        throw new IllegalArgumentException(
            "node " + index + ": the template has no series for fault " + f.id());
      }
    }
  }

  public int index() {
    return index;
  }

  public String target() {
    return target;
  }

  List<Template.Line> lines() {
    return lines;
  }

  public List<Injected> injected() {
    return List.copyOf(injected);
  }

  /** The exposition at {@code seconds} after the simulator's start. */
  byte[] render(double seconds) {
    StringBuilder out = new StringBuilder(64 * lines.size());
    for (int i = 0; i < lines.size(); i++) {
      Template.Line line = lines.get(i);
      if (line instanceof Template.Comment c) {
        out.append(c.text()).append('\n');
        continue;
      }
      Template.Sample s = (Template.Sample) line;
      out.append(s.prefix());
      out.append(mode[i] == FIXED && base[i] == s.value() ? s.raw() : format(value(i, seconds)));
      out.append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The value of line {@code i} (a sample) at {@code seconds} after the simulator's start; negative
   * for the past the simulator did not serve but {@link History} writes.
   */
  double value(int i, double seconds) {
    Template.Sample s = (Template.Sample) lines.get(i);
    return switch (mode[i]) {
      case GROW_RELATIVE -> base[i] * Math.max(0, 1 + slope[i] * seconds);
      case LINEAR -> {
        double v = base[i] + slope[i] * seconds;
        yield s.name().endsWith("_ratio") ? Math.min(1, Math.max(0, v)) : v;
      }
      default -> base[i];
    };
  }

  static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
