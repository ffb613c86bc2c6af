package io.github.storageagent.http;

import io.github.storageagent.collect.CollectorState;
import io.github.storageagent.collect.SnapshotStore;
import java.time.Instant;

/** A small HTML page: what this is, where the metrics are, and how each collector is doing. */
final class LandingPage {

  private final SnapshotStore store;
  private final String version;

  LandingPage(SnapshotStore store, String version) {
    this.store = store;
    this.version = version;
  }

  String render() {
    StringBuilder rows = new StringBuilder();
    Instant now = store.clock().instant();
    store
        .entries()
        .forEach(
            (name, e) -> {
              CollectorState s = e.state();
              String status = s.runs() == 0 ? "pending" : s.lastRunSucceeded() ? "ok" : "failing";
              String age =
                  s.lastSuccess()
                      .map(t -> (now.toEpochMilli() - t.toEpochMilli()) / 1000 + " s ago")
                      .orElse("never");
              rows.append("<tr><td>")
                  .append(escape(name.toString()))
                  .append("</td><td class=\"")
                  .append(status)
                  .append("\">")
                  .append(status)
                  .append("</td><td>")
                  .append(e.collector().interval().toMillis() / 1000.0)
                  .append(" s</td><td>")
                  .append(age)
                  .append("</td><td>")
                  .append(s.errorsTotal())
                  .append("</td><td>")
                  .append(escape(s.lastError().orElse("")))
                  .append("</td></tr>\n");
            });
    return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>storage-agent</title>
        <style>body{font-family:sans-serif;margin:2em}td,th{padding:.3em .8em;text-align:left}
        .ok{color:#1a7f37}.failing{color:#cf222e}.pending{color:#9a6700}</style></head>
        <body><h1>storage-agent</h1>
        <p>Prometheus exporter for Proxmox storage nodes, version %s.</p>
        <ul><li><a href="metrics">Metrics</a></li><li><a href="-/healthy">Health</a></li>
        <li><a href="-/ready">Readiness</a></li></ul>
        <h2>Collectors</h2>
        <table><tr><th>collector</th><th>status</th><th>interval</th><th>last success</th>
        <th>errors</th><th>last error</th></tr>
        %s</table></body></html>
        """
        .formatted(escape(version), rows);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
