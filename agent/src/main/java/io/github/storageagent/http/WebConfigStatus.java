package io.github.storageagent.http;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/** Whether the web config's last reload worked, like Prometheus's own reload metrics. */
public final class WebConfigStatus {

  private volatile boolean lastReloadSuccessful = true;
  private volatile double lastSuccessSeconds;

  public WebConfigStatus(long nowMillis) {
    this.lastSuccessSeconds = nowMillis / 1000.0;
  }

  void succeeded(long nowMillis) {
    lastReloadSuccessful = true;
    lastSuccessSeconds = nowMillis / 1000.0;
  }

  void failed() {
    lastReloadSuccessful = false;
  }

  boolean lastReloadSuccessful() {
    return lastReloadSuccessful;
  }

  List<MetricSnapshot> families() {
    return List.of(
        gauge(
            "storage_web_config_last_reload_successful",
            "1 if the web config file (--web.config.file) and its certificate files last loaded"
                + " without error; 0 while a broken change is refused and the last good one"
                + " serves.",
            lastReloadSuccessful ? 1 : 0),
        gauge(
            "storage_web_config_last_reload_success_timestamp_seconds",
            "When the web config was last loaded without error.",
            lastSuccessSeconds));
  }

  private static GaugeSnapshot gauge(String name, String help, double value) {
    return GaugeSnapshot.builder()
        .name(name)
        .help(help)
        .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build())
        .build();
  }
}
