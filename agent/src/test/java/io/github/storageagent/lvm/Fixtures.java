package io.github.storageagent.lvm;

import io.github.storageagent.testing.Resources;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.OptionalDouble;

/** Test helpers: the project's LVM fixtures and lookups in metric families. */
final class Fixtures {

  private Fixtures() {}

  static String read(String name) {
    return Resources.text("/lvm/" + name);
  }

  static LvmReport parse(String name) throws LvmParseException {
    return LvmJsonParser.parse(read(name));
  }

  static MetricSnapshot family(List<MetricSnapshot> families, String name) {
    return families.stream()
        .filter(f -> f.getMetadata().getPrometheusName().equals(name))
        .findFirst()
        .orElse(null);
  }

  /** The value of the data point with exactly these labels, empty if there is none. */
  static OptionalDouble value(List<MetricSnapshot> families, String name, String... labels) {
    MetricSnapshot f = family(families, name);
    if (f == null) {
      return OptionalDouble.empty();
    }
    Labels wanted = Labels.of(labels);
    for (DataPointSnapshot p : f.getDataPoints()) {
      if (p.getLabels().equals(wanted)) {
        return OptionalDouble.of(((GaugeSnapshot.GaugeDataPointSnapshot) p).getValue());
      }
    }
    return OptionalDouble.empty();
  }

  static int points(List<MetricSnapshot> families, String name) {
    MetricSnapshot f = family(families, name);
    return f == null ? 0 : f.getDataPoints().size();
  }
}
