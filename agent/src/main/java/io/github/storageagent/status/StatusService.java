package io.github.storageagent.status;

import io.github.storageagent.collect.CollectorState;
import io.github.storageagent.collect.Snapshot;
import io.github.storageagent.collect.SnapshotStore;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's status for {@code /} and {@code /api/v1/status}: built on request from the snapshots
 * the store serves to {@code /metrics} (the very series the alert rules see), plus a {@link
 * History} fed when a collector publishes.
 */
public final class StatusService {

  /** Where the page's markup sits among the jar's resources. */
  static final String PAGE_RESOURCE = "/io/github/storageagent/status/status.html";

  /** The page's placeholder for the status JSON it renders first. */
  static final String JSON_PLACEHOLDER = "/*STATUS_JSON*/null";

  private final SnapshotStore store;
  private final String version;
  private final History history;

  public StatusService(SnapshotStore store, String version, History history) {
    this.store = store;
    this.version = version;
    this.history = history;
    store.addPublishListener(
        (key, snapshot) ->
            StatusBuilder.record(
                SeriesSet.of(snapshot.families(), StatusBuilder::recorded),
                history,
                store.clock().instant()));
  }

  public NodeStatus status() {
    List<MetricSnapshot> families = new ArrayList<>();
    for (Snapshot s : store.servable().values()) {
      families.addAll(s.families());
    }
    List<NodeStatus.CollectorRow> collectors = new ArrayList<>();
    store
        .entries()
        .forEach(
            (key, e) -> {
              CollectorState s = e.state();
              collectors.add(
                  new NodeStatus.CollectorRow(
                      key.name(),
                      key.target(),
                      s.runs() == 0 ? "pending" : s.lastRunSucceeded() ? "ok" : "failing",
                      e.collector().interval().toMillis() / 1000.0,
                      s.lastSuccess().map(t -> t.getEpochSecond()).orElse(null),
                      s.errorsTotal(),
                      s.lastError().orElse(null)));
            });
    return StatusBuilder.build(
        version,
        SeriesSet.of(families, StatusBuilder::wanted),
        history,
        store.clock().instant(),
        collectors,
        new NodeStatus.HistoryBounds(
            History.DEFAULT_STEP.toSeconds(),
            History.DEFAULT_RETENTION.toSeconds(),
            history.seriesCount()));
  }

  /** The status as the JSON of {@code /api/v1/status}; see {@link StatusJson}. */
  public static String json(NodeStatus status) {
    return StatusJson.write(status);
  }

  /**
   * The JSON and the page of one store version in one second, as bytes, shared by the requests that
   * ask for them; the page is made from the JSON when first asked for.
   */
  private static final class Rendered {
    final long version;
    final long second;
    final byte[] json;
    private volatile byte[] page;

    Rendered(long version, long second, String json) {
      this.version = version;
      this.second = second;
      this.json = json.getBytes(StandardCharsets.UTF_8);
    }

    byte[] page() {
      byte[] p = page;
      if (p == null) {
        // "</" would end the script element early; "<\/" is the same string to JavaScript.
        String json = new String(this.json, StandardCharsets.UTF_8).replace("</", "<\\/");
        p = pageTemplate().replace(JSON_PLACEHOLDER, json).getBytes(StandardCharsets.UTF_8);
        page = p;
      }
      return p;
    }
  }

  private volatile Rendered rendered;

  /**
   * Built at most once per second and store version: ages count in seconds, and a page left open in
   * many tabs, or a script polling in a loop, then costs the node one build a second at most, not
   * one per request.
   */
  private Rendered current() {
    long version = store.version();
    long second = store.clock().instant().getEpochSecond();
    Rendered r = rendered;
    if (r == null || r.version != version || r.second != second) {
      r = new Rendered(version, second, json(status()));
      rendered = r;
    }
    return r;
  }

  /** The status as JSON, UTF-8. */
  public byte[] json() {
    return current().json;
  }

  /**
   * The page with the current status in it, so that it shows at once, also where a script may not
   * fetch with the credentials the page was opened with; it refreshes from {@code api/v1/status}.
   * UTF-8.
   */
  public byte[] page() {
    return current().page();
  }

  private static volatile String template;

  private static String pageTemplate() {
    String t = template;
    if (t == null) {
      try (InputStream in = StatusService.class.getResourceAsStream(PAGE_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + PAGE_RESOURCE);
        }
        t = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      template = t;
    }
    return t;
  }
}
