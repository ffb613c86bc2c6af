package io.github.storageagent.collect;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/**
 * The outcome of one successful collector run: the metric families to serve, and the number of
 * non-fatal problems met on the way (a garbage line, one device that did not answer), which count
 * into {@code storage_collector_errors_total}.
 */
public record Snapshot(List<MetricSnapshot> families, int problems) {

  public Snapshot {
    families = List.copyOf(families);
    if (problems < 0) {
      throw new IllegalArgumentException("problems must be >= 0");
    }
  }

  public static Snapshot of(List<MetricSnapshot> families) {
    return new Snapshot(families, 0);
  }
}
