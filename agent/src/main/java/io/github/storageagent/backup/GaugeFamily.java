package io.github.storageagent.backup;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;

/** Collects the points of one gauge family; a family without points is left out. */
public final class GaugeFamily {

  private final GaugeSnapshot.Builder builder;
  private final java.util.Set<Labels> seen = new java.util.HashSet<>();

  public GaugeFamily(String name, String help, Unit unit) {
    this.builder = GaugeSnapshot.builder().name(name).help(help);
    if (unit != null) {
      builder.unit(unit);
    }
  }

  public GaugeFamily(String name, String help) {
    this(name, help, null);
  }

  /** Adds a point; a repeated label set (a duplicate entry in the source) is ignored. */
  public GaugeFamily add(Labels labels, double value) {
    if (!seen.add(labels)) {
      return this;
    }
    builder.dataPoint(
        GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
    return this;
  }

  public void addTo(List<MetricSnapshot> out) {
    if (!seen.isEmpty()) {
      out.add(builder.build());
    }
  }
}
