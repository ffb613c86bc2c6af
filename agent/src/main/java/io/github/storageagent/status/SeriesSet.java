package io.github.storageagent.status;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * The series the status is built from, by the name they carry in the Prometheus text format (the
 * name the alert rules query: counters with {@code _total}, info families with {@code _info}). Only
 * the families whose name passes a filter are kept, so the disk collector's histograms never enter.
 */
public final class SeriesSet {

  /** One series: its labels (without instance and job) and its value. */
  public record Sample(Map<String, String> labels, double value) {
    public Sample {
      labels = Map.copyOf(labels);
    }

    public String label(String name) {
      return labels.getOrDefault(name, "");
    }
  }

  private final Map<String, List<Sample>> byName;

  public SeriesSet(Map<String, List<Sample>> byName) {
    Map<String, List<Sample>> copy = new HashMap<>();
    byName.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.byName = Map.copyOf(copy);
  }

  /** The series of {@code families} whose name passes {@code wanted}. */
  public static SeriesSet of(Iterable<MetricSnapshot> families, Predicate<String> wanted) {
    Map<String, List<Sample>> out = new HashMap<>();
    for (MetricSnapshot family : families) {
      String base = family.getMetadata().getPrometheusName();
      if (family instanceof GaugeSnapshot g) {
        if (wanted.test(base)) {
          for (var p : g.getDataPoints()) {
            out.computeIfAbsent(base, k -> new ArrayList<>())
                .add(new Sample(map(p.getLabels()), p.getValue()));
          }
        }
      } else if (family instanceof CounterSnapshot c) {
        String name = base + "_total";
        if (wanted.test(name)) {
          for (var p : c.getDataPoints()) {
            out.computeIfAbsent(name, k -> new ArrayList<>())
                .add(new Sample(map(p.getLabels()), p.getValue()));
          }
        }
      } else if (family instanceof InfoSnapshot i) {
        String name = base + "_info";
        if (wanted.test(name)) {
          for (var p : i.getDataPoints()) {
            out.computeIfAbsent(name, k -> new ArrayList<>())
                .add(new Sample(map(p.getLabels()), 1));
          }
        }
      }
    }
    return new SeriesSet(out);
  }

  private static Map<String, String> map(Labels labels) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      m.put(labels.getName(i), labels.getValue(i));
    }
    return m;
  }

  public List<Sample> all(String name) {
    return byName.getOrDefault(name, List.of());
  }

  /** The series of {@code name} whose labels include every pair of {@code match}. */
  public List<Sample> matching(String name, Map<String, String> match) {
    List<Sample> out = new ArrayList<>();
    for (Sample s : all(name)) {
      if (match.entrySet().stream()
          .allMatch(e -> e.getValue().equals(s.labels().get(e.getKey())))) {
        out.add(s);
      }
    }
    return out;
  }

  /** The value of the one series of {@code name} with these labels (the first if several). */
  public OptionalDouble value(String name, Map<String, String> match) {
    List<Sample> m = matching(name, match);
    return m.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(m.get(0).value());
  }

  /** Of a state-set family: the state whose series is 1. */
  public Optional<String> state(String name, String stateLabel, Map<String, String> match) {
    for (Sample s : matching(name, match)) {
      if (s.value() == 1) {
        return Optional.of(s.label(stateLabel));
      }
    }
    return Optional.empty();
  }
}
