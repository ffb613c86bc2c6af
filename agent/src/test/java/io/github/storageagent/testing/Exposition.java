package io.github.storageagent.testing;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads Prometheus text exposition into series → value, so tests can assert on exactly what a
 * scraper would see ({@code name{a="x",b="y"}} with labels in client_java's sorted order).
 */
public final class Exposition {

  private final Map<String, Double> series;
  private final String text;

  private Exposition(String text) {
    this.text = text;
    this.series = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
  }

  public static Exposition parse(String text) {
    return new Exposition(text);
  }

  public static Exposition of(List<MetricSnapshot> families) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, new MetricSnapshots(families));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Exposition(out.toString(StandardCharsets.UTF_8));
  }

  /** The value of one series, or null if absent. */
  public Double value(String series) {
    return this.series.get(series);
  }

  /** Every series of a metric name (exact name, before the label set). */
  public Map<String, Double> named(String name) {
    return series.entrySet().stream()
        .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  public Map<String, Double> all() {
    return series;
  }

  public String text() {
    return text;
  }
}
