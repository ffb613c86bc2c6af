package io.github.storageagent.fleet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A captured exposition (Prometheus text format 0.0.4), parsed into its lines: comments are kept
 * verbatim, samples are split into metric name, label text and value so that a node can replace the
 * value.
 */
public final class Template {

  /** One line of the exposition. */
  public sealed interface Line permits Comment, Sample {}

  /** A {@code # HELP} or {@code # TYPE} line, served unchanged. */
  public record Comment(String text) implements Line {}

  /**
   * A sample: {@code prefix} is everything before the value ({@code name{labels} }), {@code raw}
   * the value as captured, {@code type} the family's TYPE (counter, gauge, histogram, summary,
   * untyped).
   */
  public record Sample(
      String name,
      String family,
      String type,
      String prefix,
      Map<String, String> labels,
      String raw,
      double value)
      implements Line {}

  private final List<Line> lines;
  private final int series;

  private Template(List<Line> lines) {
    this.lines = List.copyOf(lines);
    this.series = (int) lines.stream().filter(l -> l instanceof Sample).count();
  }

  public List<Line> lines() {
    return lines;
  }

  /** Number of samples (series) per node. */
  public int series() {
    return series;
  }

  /** Parses the text format; timestamps on samples are dropped. */
  public static Template parse(String text) {
    Map<String, String> types = new HashMap<>();
    List<Line> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("#")) {
        String[] w = line.split(" ", 4);
        if (w.length >= 4 && w[1].equals("TYPE")) {
          types.put(w[2], w[3].trim());
        }
        out.add(new Comment(line));
        continue;
      }
      out.add(sample(line, types));
    }
    if (out.stream().noneMatch(l -> l instanceof Sample)) {
      throw new IllegalArgumentException("the template has no samples");
    }
    return new Template(out);
  }

  private static Sample sample(String line, Map<String, String> types) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = line.substring(0, i);
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i = labels(line, i + 1, labels);
    }
    int valueStart = i;
    while (valueStart < line.length() && line.charAt(valueStart) == ' ') {
      valueStart++;
    }
    int valueEnd = line.indexOf(' ', valueStart);
    String raw = valueEnd < 0 ? line.substring(valueStart) : line.substring(valueStart, valueEnd);
    if (name.isEmpty() || raw.isEmpty()) {
      throw new IllegalArgumentException("not a sample line: " + line);
    }
    String family = family(name, types);
    return new Sample(
        name,
        family,
        types.getOrDefault(family, "untyped"),
        line.substring(0, valueStart),
        labels,
        raw,
        parseValue(raw));
  }

  /** Reads {@code a="x",b="y"} up to the closing brace; returns the index after it. */
  private static int labels(String line, int i, Map<String, String> labels) {
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '}') {
        return i + 1;
      }
      if (c == ',' || c == ' ') {
        i++;
        continue;
      }
      int eq = line.indexOf('=', i);
      String key = line.substring(i, eq).trim();
      int j = eq + 2; // after ="
      StringBuilder value = new StringBuilder();
      while (line.charAt(j) != '"') {
        char v = line.charAt(j);
        if (v == '\\') {
          char n = line.charAt(++j);
          value.append(n == 'n' ? '\n' : n);
        } else {
          value.append(v);
        }
        j++;
      }
      labels.put(key, value.toString());
      i = j + 1;
    }
    throw new IllegalArgumentException("unterminated label set: " + line);
  }

  private static String family(String name, Map<String, String> types) {
    if (types.containsKey(name)) {
      return name;
    }
    for (String suffix : new String[] {"_bucket", "_count", "_sum", "_total", "_created"}) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        if (types.containsKey(base)) {
          return base;
        }
      }
    }
    return name;
  }

  private static double parseValue(String raw) {
    return switch (raw) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(raw);
    };
  }
}
