package io.github.storageagent.collect;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.Objects;

/**
 * What one metric family is: type, name, HELP, unit and label names. Each collector's {@code
 * *Metrics} class declares its families as constants, so every name sits next to its HELP text in
 * one place (as smartctl_exporter's metrics.go keeps its descriptors); {@link Families} collects a
 * round's points against them and checks each point's label names.
 *
 * <p>{@code name} is the name the series carry in the Prometheus text format, the one rules and
 * dashboards query: counters end in {@code _total}, info families in {@code _info}. Label names are
 * declared in alphabetical order, the order the exposition shows them in, and label values are
 * given in that order.
 *
 * @param unit the OpenMetrics unit, or null for none
 * @param stateLabel for {@link Type#STATE_SET}, the label that names the state; otherwise null
 */
public record Family(
    Type type, String name, String help, Unit unit, List<String> labelNames, String stateLabel) {

  /** How a family is typed. */
  public enum Type {
    GAUGE,
    COUNTER,
    /**
     * Value 1 with identifying labels: client_java's {@code InfoSnapshot}, {@code # TYPE x info} in
     * OpenMetrics and a gauge in the Prometheus text format.
     */
    INFO,
    /**
     * One series per possible state, 1 for the current one and 0 for the others, exposed as a gauge
     * with the state in a label of its own. Not client_java's {@code StateSetSnapshot}: that names
     * the state label after the family, and the shipped rules and dashboards query {@code state}.
     */
    STATE_SET,
    /**
     * Built by a client_java {@code Histogram}; {@link
     * Families#add(io.prometheus.metrics.model.snapshots.MetricSnapshot)} takes its snapshot.
     */
    HISTOGRAM
  }

  public Family {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(help, "help");
    labelNames = List.copyOf(labelNames);
    for (int i = 1; i < labelNames.size(); i++) {
      if (labelNames.get(i - 1).compareTo(labelNames.get(i)) >= 0) {
        throw new IllegalArgumentException(
            name + ": label names must be distinct and in alphabetical order: " + labelNames);
      }
    }
    if (type == Type.COUNTER && !name.endsWith("_total")) {
      throw new IllegalArgumentException(name + ": a counter's name ends in _total");
    }
    if (type == Type.INFO && !name.endsWith("_info")) {
      throw new IllegalArgumentException(name + ": an info family's name ends in _info");
    }
    if ((type == Type.STATE_SET) != (stateLabel != null)
        || (stateLabel != null && !labelNames.contains(stateLabel))) {
      throw new IllegalArgumentException(name + ": a state set, and only it, has a state label");
    }
  }

  public static Family gauge(String name, String help, String... labelNames) {
    return new Family(Type.GAUGE, name, help, null, List.of(labelNames), null);
  }

  public static Family gauge(String name, Unit unit, String help, String... labelNames) {
    return new Family(Type.GAUGE, name, help, unit, List.of(labelNames), null);
  }

  public static Family counter(String name, String help, String... labelNames) {
    return new Family(Type.COUNTER, name, help, null, List.of(labelNames), null);
  }

  public static Family counter(String name, Unit unit, String help, String... labelNames) {
    return new Family(Type.COUNTER, name, help, unit, List.of(labelNames), null);
  }

  public static Family info(String name, String help, String... labelNames) {
    return new Family(Type.INFO, name, help, null, List.of(labelNames), null);
  }

  /**
   * @param stateLabel the label naming the state ({@code state}); one of {@code labelNames}
   */
  public static Family stateSet(String name, String help, String stateLabel, String... labelNames) {
    return new Family(Type.STATE_SET, name, help, null, List.of(labelNames), stateLabel);
  }

  public static Family histogram(String name, Unit unit, String help, String... labelNames) {
    return new Family(Type.HISTOGRAM, name, help, unit, List.of(labelNames), null);
  }

  /**
   * The family's name as client_java takes it: without the {@code _total} of a counter or the
   * {@code _info} of an info family, which the writers add.
   */
  public String baseName() {
    return switch (type) {
      case COUNTER -> name.substring(0, name.length() - "_total".length());
      case INFO -> name.substring(0, name.length() - "_info".length());
      default -> name;
    };
  }

  /** The label set of one series: {@code values} in the order of {@link #labelNames()}. */
  public Labels labels(String... values) {
    if (values.length != labelNames.size()) {
      throw new IllegalArgumentException(
          name + ": " + values.length + " label values for " + labelNames);
    }
    return Labels.of(labelNames.toArray(String[]::new), values);
  }

  /**
   * Whether every label name of {@code labels} is one of this family's. A point may leave a
   * declared label out: the agent's own families carry {@code target} only for collectors that run
   * per target.
   */
  boolean fits(Labels labels) {
    for (int i = 0; i < labels.size(); i++) {
      if (!labelNames.contains(labels.getName(i))) {
        return false;
      }
    }
    return true;
  }
}
