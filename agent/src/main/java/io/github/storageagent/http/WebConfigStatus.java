package io.github.storageagent.http;

import io.github.storageagent.collect.Families;
import io.github.storageagent.collect.Family;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/** Whether the web config's last reload worked, like Prometheus's own reload metrics. */
public final class WebConfigStatus {

  static final Family LAST_RELOAD_SUCCESSFUL =
      Family.gauge(
          "storage_web_config_last_reload_successful",
          "1 if the web config file (--web.config.file) and its certificate files last loaded"
              + " without error; 0 while a broken change is refused and the last good one"
              + " serves.");
  static final Family LAST_RELOAD_SUCCESS_TIME =
      Family.gauge(
          "storage_web_config_last_reload_success_timestamp_seconds",
          "When the web config was last loaded without error.");

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
    return new Families()
        .add(LAST_RELOAD_SUCCESSFUL, lastReloadSuccessful ? 1 : 0)
        .add(LAST_RELOAD_SUCCESS_TIME, lastSuccessSeconds)
        .build();
  }
}
