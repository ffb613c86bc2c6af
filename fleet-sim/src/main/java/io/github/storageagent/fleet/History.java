package io.github.storageagent.fleet;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fleet's past, as OpenMetrics text for {@code promtool tsdb create-blocks-from openmetrics}:
 * the series the shipped rules read over hours (the thin pools' fill, the datastores' available
 * bytes: {@code predict_linear} and {@code deriv} over 6 h) at every scrape interval before the
 * simulator started, with the values the nodes would have served then. Without it a ruler that has
 * scraped the fleet for minutes evaluates those rules over minutes of samples, a fraction of their
 * cost on a fleet that has run for a day.
 */
public final class History {

  /** The families read over hour-long ranges by the rules and the fleet dashboard. */
  static final Set<String> FAMILIES =
      Set.of(
          "storage_lvm_thinpool_data_used_ratio",
          "storage_lvm_thinpool_metadata_used_ratio",
          "storage_pbs_datastore_available_bytes");

  private History() {}

  /**
   * Writes {@code seconds} of history ending one {@code step} before {@code startEpochSeconds}, the
   * moment the simulator's clock starts, with the labels a Prometheus scraping the fleet's file_sd
   * gives the series ({@code instance} the node's address, {@code job} storage-agent).
   *
   * @return the number of samples written
   */
  static long write(
      Writer out, List<SimulatedNode> nodes, long startEpochSeconds, long seconds, long step)
      throws IOException {
    if (seconds <= 0 || step <= 0) {
      throw new IllegalArgumentException("history and step must be positive");
    }
    BufferedWriter w = new BufferedWriter(out, 1 << 16);
    long samples = 0;
    List<Template.Line> lines = nodes.get(0).lines();
    for (String family : FAMILIES.stream().sorted().toList()) {
      w.write("# TYPE " + family + " gauge\n");
      for (SimulatedNode node : nodes) {
        for (int i = 0; i < lines.size(); i++) {
          if (!(lines.get(i) instanceof Template.Sample s) || !s.name().equals(family)) {
            continue;
          }
          String series = family + labels(s.labels(), node.target()) + " ";
          for (long ago = seconds; ago >= step; ago -= step) {
            double v = node.value(i, -ago);
            if (!Double.isFinite(v)) {
              continue;
            }
            w.write(series);
            w.write(SimulatedNode.format(v));
            w.write(' ');
            w.write(Long.toString(startEpochSeconds - ago));
            w.write('\n');
            samples++;
          }
        }
      }
    }
    w.write("# EOF\n");
    w.flush();
    return samples;
  }

  private static String labels(Map<String, String> labels, String target) {
    StringBuilder b = new StringBuilder("{");
    labels.forEach(
        (k, v) -> {
          if (!k.equals("instance") && !k.equals("job")) {
            b.append(k).append("=\"").append(escape(v)).append("\",");
          }
        });
    return b.append("instance=\"")
        .append(escape(target))
        .append("\",job=\"storage-agent\"}")
        .toString();
  }

  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  static String describe(long samples, long seconds) {
    return String.format(
        Locale.ROOT, "%d samples of %s over %d s", samples, String.join(", ", FAMILIES), seconds);
  }
}
