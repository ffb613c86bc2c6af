package io.github.storageagent.collect;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Collects one round's points of {@link Family families} and builds their snapshots, the one way
 * every collector and the agent's own metrics build families:
 *
 * <ul>
 *   <li>a family without points is left out (an absent optional value adds none);
 *   <li>a repeated label set in one family is ignored, the first point wins: a source that lists an
 *       entry twice (a PBS group, a device) must not fail the whole collector run, which
 *       client_java's refusal of duplicate series would;
 *   <li>a negative counter value is left out: it can only come from garbled input, and client_java
 *       refuses it;
 *   <li>a point with a label its family does not declare is a bug and throws.
 * </ul>
 *
 * <p>Families come out in the order their first point was added; expositions sort them by name.
 */
public final class Families {

  private final Map<Family, Points> families = new LinkedHashMap<>();
  private final List<MetricSnapshot> collected = new ArrayList<>();

  /** A gauge, counter or state-set series; see {@link Family#labels(String...)}. */
  public Families add(Family family, double value, String... labelValues) {
    return add(family, value, family.labels(labelValues));
  }

  /** A gauge or counter series when {@code value} is present. */
  public Families add(Family family, OptionalInt value, String... labelValues) {
    if (value.isPresent()) {
      add(family, value.getAsInt(), labelValues);
    }
    return this;
  }

  /** A gauge or counter series when {@code value} is present. */
  public Families add(Family family, OptionalLong value, String... labelValues) {
    if (value.isPresent()) {
      add(family, value.getAsLong(), labelValues);
    }
    return this;
  }

  /** A gauge or counter series when {@code value} is present. */
  public Families add(Family family, OptionalDouble value, String... labelValues) {
    if (value.isPresent()) {
      add(family, value.getAsDouble(), labelValues);
    }
    return this;
  }

  /** A gauge or counter series when {@code value} is present. */
  public Families add(Family family, Optional<? extends Number> value, String... labelValues) {
    if (value.isPresent()) {
      add(family, value.get().doubleValue(), labelValues);
    }
    return this;
  }

  public Families add(Family family, double value, Labels labels) {
    switch (family.type()) {
      case GAUGE, STATE_SET -> point(family, labels, value);
      case COUNTER -> {
        if (value >= 0) {
          point(family, labels, value);
        }
      }
      default -> throw new IllegalArgumentException(family.name() + " is " + family.type());
    }
    return this;
  }

  /** An info series, value 1. */
  public Families info(Family family, String... labelValues) {
    return info(family, family.labels(labelValues));
  }

  public Families info(Family family, Labels labels) {
    if (family.type() != Family.Type.INFO) {
      throw new IllegalArgumentException(family.name() + " is " + family.type());
    }
    point(family, labels, 1);
    return this;
  }

  /**
   * One series per state of a state set: {@code labels} plus the family's state label, 1 for {@code
   * current} and 0 for the others.
   */
  public Families states(Family family, Labels labels, Iterable<String> states, String current) {
    if (family.type() != Family.Type.STATE_SET) {
      throw new IllegalArgumentException(family.name() + " is " + family.type());
    }
    for (String state : states) {
      point(family, labels.add(family.stateLabel(), state), state.equals(current) ? 1 : 0);
    }
    return this;
  }

  /**
   * A family built elsewhere, such as a client_java {@code Histogram}'s; left out without points.
   */
  public Families add(MetricSnapshot family) {
    if (!family.getDataPoints().isEmpty()) {
      collected.add(family);
    }
    return this;
  }

  /** The families with at least one point. */
  public List<MetricSnapshot> build() {
    List<MetricSnapshot> out = new ArrayList<>(families.size() + collected.size());
    for (Points p : families.values()) {
      out.add(p.build());
    }
    out.addAll(collected);
    return out;
  }

  private void point(Family family, Labels labels, double value) {
    if (!family.fits(labels)) {
      throw new IllegalArgumentException(
          family.name() + " has labels " + family.labelNames() + ", got " + labels);
    }
    families.computeIfAbsent(family, Points::new).add(labels, value);
  }

  /** The points of one family. */
  private static final class Points {
    private final Family family;
    private final Set<Labels> seen = new HashSet<>();
    private final List<Labels> labels = new ArrayList<>();
    private final List<Double> values = new ArrayList<>();

    Points(Family family) {
      this.family = family;
    }

    void add(Labels l, double value) {
      if (seen.add(l)) {
        labels.add(l);
        values.add(value);
      }
    }

    MetricSnapshot build() {
      return switch (family.type()) {
        case GAUGE, STATE_SET -> {
          var b = GaugeSnapshot.builder().name(family.baseName()).help(family.help());
          if (family.unit() != null) {
            b.unit(family.unit());
          }
          for (int i = 0; i < labels.size(); i++) {
            b.dataPoint(
                GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(labels.get(i))
                    .value(values.get(i))
                    .build());
          }
          yield b.build();
        }
        case COUNTER -> {
          var b = CounterSnapshot.builder().name(family.baseName()).help(family.help());
          if (family.unit() != null) {
            b.unit(family.unit());
          }
          for (int i = 0; i < labels.size(); i++) {
            b.dataPoint(
                CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(labels.get(i))
                    .value(values.get(i))
                    .build());
          }
          yield b.build();
        }
        case INFO -> {
          var b = InfoSnapshot.builder().name(family.baseName()).help(family.help());
          for (Labels l : labels) {
            b.dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(l).build());
          }
          yield b.build();
        }
        case HISTOGRAM -> throw new IllegalStateException("histograms come built");
      };
    }
  }
}
