package io.github.storageagent.collect;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.Map;

/**
 * The agent's own families: build info and, per collector, the outcome of its latest run. The
 * collector families carry {@code target} only for collectors that run once per target (pbs).
 */
public final class SelfMetrics {

  static final Family BUILD =
      Family.info(
          "storage_agent_build_info",
          "Version of the agent and of the Java runtime it runs on.",
          "java_version",
          "version");
  static final Family SUCCESS =
      Family.gauge(
          "storage_collector_success",
          "Whether the collector's latest run succeeded (1) or failed (0).",
          "collector",
          "target");
  static final Family DURATION =
      Family.gauge(
          "storage_collector_duration_seconds",
          Unit.SECONDS,
          "How long the collector's latest run took.",
          "collector",
          "target");
  static final Family LAST_SUCCESS =
      Family.gauge(
          "storage_collector_last_success_timestamp_seconds",
          Unit.SECONDS,
          "Unix time of the collector's latest successful run (0 = never).",
          "collector",
          "target");
  static final Family ERRORS =
      Family.counter(
          "storage_collector_errors_total",
          "Failed runs plus non-fatal problems (bad lines, unreadable devices) since start.",
          "collector",
          "target");

  private final String version;
  private final String javaVersion;

  public SelfMetrics(String version, String javaVersion) {
    this.version = version;
    this.javaVersion = javaVersion;
  }

  public List<MetricSnapshot> families(Map<CollectorKey, SnapshotStore.Entry> entries) {
    Families out = new Families();
    out.info(BUILD, javaVersion, version);
    entries.forEach((key, entry) -> collector(out, key, entry.state()));
    return out.build();
  }

  private static void collector(Families out, CollectorKey key, CollectorState s) {
    Labels labels =
        key.target().isEmpty()
            ? Labels.of("collector", key.name())
            : Labels.of("collector", key.name(), "target", key.target());
    out.add(SUCCESS, s.lastRunSucceeded() ? 1 : 0, labels);
    out.add(DURATION, s.lastDuration().toNanos() / 1e9, labels);
    out.add(LAST_SUCCESS, s.lastSuccess().map(t -> t.toEpochMilli() / 1e3).orElse(0.0), labels);
    out.add(ERRORS, s.errorsTotal(), labels);
  }
}
