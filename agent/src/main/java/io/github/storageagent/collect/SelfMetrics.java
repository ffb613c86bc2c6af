package io.github.storageagent.collect;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The agent's own families: build info and, per collector, the outcome of its latest run. */
public final class SelfMetrics {

  private final String version;
  private final String javaVersion;

  public SelfMetrics(String version, String javaVersion) {
    this.version = version;
    this.javaVersion = javaVersion;
  }

  public List<MetricSnapshot> families(Map<CollectorKey, SnapshotStore.Entry> entries) {
    var success =
        GaugeSnapshot.builder()
            .name("storage_collector_success")
            .help("Whether the collector's latest run succeeded (1) or failed (0).");
    var duration =
        GaugeSnapshot.builder()
            .name("storage_collector_duration_seconds")
            .unit(Unit.SECONDS)
            .help("How long the collector's latest run took.");
    var lastSuccess =
        GaugeSnapshot.builder()
            .name("storage_collector_last_success_timestamp_seconds")
            .unit(Unit.SECONDS)
            .help("Unix time of the collector's latest successful run (0 = never).");
    var errors =
        CounterSnapshot.builder()
            .name("storage_collector_errors")
            .help(
                "Failed runs plus non-fatal problems (bad lines, unreadable devices) since start.");
    entries.forEach(
        (key, entry) -> {
          CollectorState s = entry.state();
          Labels labels =
              key.target().isEmpty()
                  ? Labels.of("collector", key.name())
                  : Labels.of("collector", key.name(), "target", key.target());
          success.dataPoint(gauge(labels, s.lastRunSucceeded() ? 1 : 0));
          duration.dataPoint(gauge(labels, s.lastDuration().toNanos() / 1e9));
          lastSuccess.dataPoint(
              gauge(labels, s.lastSuccess().map(t -> t.toEpochMilli() / 1e3).orElse(0.0)));
          errors.dataPoint(
              CounterSnapshot.CounterDataPointSnapshot.builder()
                  .labels(labels)
                  .value(s.errorsTotal())
                  .build());
        });
    List<MetricSnapshot> result = new ArrayList<>();
    result.add(
        InfoSnapshot.builder()
            .name("storage_agent_build")
            .help("Version of the agent and of the Java runtime it runs on.")
            .dataPoint(
                InfoSnapshot.InfoDataPointSnapshot.builder()
                    .labels(Labels.of("java_version", javaVersion, "version", version))
                    .build())
            .build());
    result.add(success.build());
    result.add(duration.build());
    result.add(lastSuccess.build());
    result.add(errors.build());
    return result;
  }

  private static GaugeSnapshot.GaugeDataPointSnapshot gauge(Labels labels, double value) {
    return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
  }
}
