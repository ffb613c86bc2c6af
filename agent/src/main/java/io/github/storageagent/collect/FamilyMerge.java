package io.github.storageagent.collect;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins families of the same name from several snapshots into one family: collectors that run once
 * per target (one per PBS server) each publish their target's part of {@code storage_pbs_up}, and
 * an exposition has each name once.
 */
public final class FamilyMerge {

  private FamilyMerge() {}

  /** The families in first-seen order, those sharing a name joined into the first's metadata. */
  public static List<MetricSnapshot> merge(List<MetricSnapshot> families) {
    Map<String, List<MetricSnapshot>> byName = new LinkedHashMap<>();
    for (MetricSnapshot f : families) {
      byName.computeIfAbsent(f.getMetadata().getPrometheusName(), k -> new ArrayList<>()).add(f);
    }
    List<MetricSnapshot> merged = new ArrayList<>(byName.size());
    for (List<MetricSnapshot> same : byName.values()) {
      merged.add(same.size() == 1 ? same.get(0) : join(same));
    }
    return merged;
  }

  private static MetricSnapshot join(List<MetricSnapshot> same) {
    MetricSnapshot first = same.get(0);
    for (MetricSnapshot f : same) {
      if (f.getClass() != first.getClass()) {
        throw new IllegalStateException(
            "family "
                + first.getMetadata().getPrometheusName()
                + " published with two types: "
                + first.getClass().getSimpleName()
                + " and "
                + f.getClass().getSimpleName());
      }
    }
    var meta = first.getMetadata();
    if (first instanceof GaugeSnapshot) {
      return new GaugeSnapshot(meta, points(same, GaugeSnapshot.GaugeDataPointSnapshot.class));
    }
    if (first instanceof CounterSnapshot) {
      return new CounterSnapshot(
          meta, points(same, CounterSnapshot.CounterDataPointSnapshot.class));
    }
    if (first instanceof InfoSnapshot) {
      return new InfoSnapshot(meta, points(same, InfoSnapshot.InfoDataPointSnapshot.class));
    }
    if (first instanceof StateSetSnapshot) {
      return new StateSetSnapshot(
          meta, points(same, StateSetSnapshot.StateSetDataPointSnapshot.class));
    }
    if (first instanceof HistogramSnapshot h) {
      return new HistogramSnapshot(
          h.isGaugeHistogram(),
          meta,
          points(same, HistogramSnapshot.HistogramDataPointSnapshot.class));
    }
    if (first instanceof SummarySnapshot) {
      return new SummarySnapshot(
          meta, points(same, SummarySnapshot.SummaryDataPointSnapshot.class));
    }
    if (first instanceof UnknownSnapshot) {
      return new UnknownSnapshot(
          meta, points(same, UnknownSnapshot.UnknownDataPointSnapshot.class));
    }
    throw new IllegalStateException("cannot join " + first.getClass().getSimpleName());
  }

  private static <T extends DataPointSnapshot> List<T> points(
      List<MetricSnapshot> same, Class<T> type) {
    List<T> all = new ArrayList<>();
    for (MetricSnapshot f : same) {
      for (DataPointSnapshot p : f.getDataPoints()) {
        all.add(type.cast(p));
      }
    }
    return all;
  }
}
