package io.github.storageagent.http;

import io.github.storageagent.collect.FamilyMerge;
import io.github.storageagent.collect.SelfMetrics;
import io.github.storageagent.collect.Snapshot;
import io.github.storageagent.collect.SnapshotStore;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Exposes the stored snapshots through a client_java registry. Collecting it only copies references
 * from the store: a scrape never runs a command or reads a device.
 */
public final class SnapshotRegistry implements MultiCollector {

  private final SnapshotStore store;
  private final SelfMetrics self;
  private final ScrapeStats scrapes;
  private final Optional<WebConfigStatus> web;

  private SnapshotRegistry(
      SnapshotStore store, SelfMetrics self, ScrapeStats scrapes, Optional<WebConfigStatus> web) {
    this.store = store;
    this.self = self;
    this.scrapes = scrapes;
    this.web = web;
  }

  public static PrometheusRegistry create(
      SnapshotStore store, SelfMetrics self, ScrapeStats scrapes) {
    return create(store, self, scrapes, Optional.empty());
  }

  /** With the web config's reload status, when the agent runs with one. */
  public static PrometheusRegistry create(
      SnapshotStore store, SelfMetrics self, ScrapeStats scrapes, Optional<WebConfigStatus> web) {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(new SnapshotRegistry(store, self, scrapes, web));
    return registry;
  }

  @Override
  public MetricSnapshots collect() {
    List<MetricSnapshot> all = new ArrayList<>(self.families(store.entries()));
    all.addAll(scrapes.families());
    web.ifPresent(w -> all.addAll(w.families()));
    for (Snapshot s : store.servable().values()) {
      all.addAll(s.families());
    }
    return new MetricSnapshots(FamilyMerge.merge(all));
  }
}
