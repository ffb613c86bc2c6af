package io.github.storageagent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The project's rule files as the end-to-end tests load them: expressions, labels and annotations
 * as shipped, only every {@code for:} (minutes, to ride out a bad scrape) and every group's own
 * {@code interval:} (a minute or more for slow phenomena) cut to seconds so that a test sees an
 * alert fire in seconds.
 */
public final class ShippedRules {

  private static final Pattern FOR = Pattern.compile("(?m)^(\\s+for:\\s*)(\\S+)\\s*$");
  private static final Pattern INTERVAL = Pattern.compile("(?m)^(\\s+interval:\\s*)(\\S+)\\s*$");
  private static final Pattern DURATION = Pattern.compile("(\\d+)([smhd])");

  private ShippedRules() {}

  /**
   * Copies {@code root/rules/*.rules.yml} into {@code dir} with every {@code for:} set to one value
   * and every group evaluated at the ruler's global interval.
   */
  public static List<Path> shortened(Path root, Path dir, String forValue) throws IOException {
    return copy(root, dir, forDuration -> forValue, interval -> null);
  }

  /**
   * Copies the rule files as shipped but for the groups' own {@code interval:}, so that every group
   * is evaluated at the ruler's global interval (a test's second, not a minute).
   */
  public static List<Path> atGlobalInterval(Path root, Path dir) throws IOException {
    return copy(root, dir, forDuration -> forDuration, interval -> null);
  }

  /**
   * Copies the rule files with every {@code for:} divided by {@code factor} (at least 1 s): the
   * rules keep their order in time (an alert that waits 2 minutes still fires before one that waits
   * 5), which the inhibitions between them rely on.
   */
  public static List<Path> scaled(Path root, Path dir, int factor) throws IOException {
    UnaryOperator<String> divided = d -> Math.max(1, seconds(d) / factor) + "s";
    return copy(root, dir, divided, divided);
  }

  /**
   * @param newInterval a group's new {@code interval:}, or null to drop it (the ruler's global
   *     evaluation interval applies)
   */
  private static List<Path> copy(
      Path root, Path dir, UnaryOperator<String> newFor, UnaryOperator<String> newInterval)
      throws IOException {
    Path out = Files.createDirectories(dir);
    try (Stream<Path> files = Files.list(root.resolve("rules"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".rules.yml")).toList()) {
        String text = replace(FOR, Files.readString(f), newFor);
        Files.writeString(out.resolve(f.getFileName()), replace(INTERVAL, text, newInterval));
      }
    }
    try (Stream<Path> s = Files.list(out)) {
      return s.sorted().toList();
    }
  }

  /**
   * Each match's duration (group 2) replaced, or its whole line dropped where the new one is null.
   */
  private static String replace(Pattern line, String text, UnaryOperator<String> newDuration) {
    Matcher m = line.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String d = newDuration.apply(m.group(2));
      m.appendReplacement(out, d == null ? "" : Matcher.quoteReplacement(m.group(1) + d));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A Prometheus duration such as {@code 5m} or {@code 1h30m}, in seconds. */
  static long seconds(String duration) {
    Matcher m = DURATION.matcher(duration);
    long total = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total +=
          switch (m.group(2)) {
            case "s" -> n;
            case "m" -> n * 60;
            case "h" -> n * 3600;
            default -> n * 86400;
          };
      end = m.end();
    }
    if (end == 0 || end != duration.length()) {
      throw new IllegalArgumentException("not a Prometheus duration: " + duration);
    }
    return total;
  }
}
