package io.github.storageagent.http;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts {@code /metrics} requests by outcome. Exposed with every new snapshot rather than per
 * request, because the encoded scrape is shared by every scraper until the snapshot changes.
 */
public final class ScrapeStats {

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
    return List.of(
        CounterSnapshot.builder()
            .name("storage_http_metrics_requests")
            .help(
                "Requests to /metrics by status: 200 served, 503 refused beyond"
                    + " --web.max-requests. Updated with each new snapshot, not per request.")
            .dataPoint(point("200", served.sum()))
            .dataPoint(point("503", rejected.sum()))
            .build(),
        GaugeSnapshot.builder()
            .name("storage_http_metrics_max_requests")
            .help("The --web.max-requests limit on concurrent /metrics requests (0 = none).")
            .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(maxRequests).build())
            .build());
  }

  private static CounterSnapshot.CounterDataPointSnapshot point(String code, long value) {
    return CounterSnapshot.CounterDataPointSnapshot.builder()
        .labels(Labels.of("code", code))
        .value(value)
        .build();
  }
}
