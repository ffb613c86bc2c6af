package io.github.storageagent.http;

import io.github.storageagent.collect.Families;
import io.github.storageagent.collect.Family;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts {@code /metrics} requests by outcome. Exposed with every new snapshot rather than per
 * request, because the encoded scrape is shared by every scraper until the snapshot changes.
 */
public final class ScrapeStats {

  static final Family REQUESTS =
      Family.counter(
          "storage_http_metrics_requests_total",
          "Requests to /metrics by status: 200 served, 503 refused beyond"
              + " --web.max-requests. Updated with each new snapshot, not per request.",
          "code");
  static final Family MAX_REQUESTS =
      Family.gauge(
          "storage_http_metrics_max_requests",
          "The --web.max-requests limit on concurrent /metrics requests (0 = none).");

  private final int maxRequests;
  private final LongAdder served = new LongAdder();
  private final LongAdder rejected = new LongAdder();

  public ScrapeStats(int maxRequests) {
    this.maxRequests = maxRequests;
  }

  void served() {
    served.increment();
  }

  void rejected() {
    rejected.increment();
  }

  int maxRequests() {
    return maxRequests;
  }

  List<MetricSnapshot> families() {
    return new Families()
        .add(REQUESTS, served.sum(), "200")
        .add(REQUESTS, rejected.sum(), "503")
        .add(MAX_REQUESTS, maxRequests)
        .build();
  }
}
