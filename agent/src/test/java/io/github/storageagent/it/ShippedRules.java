package io.github.storageagent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's rule files as the end-to-end tests load them: expressions, labels and annotations
 * as shipped, only every {@code for:} (minutes, to ride out a bad scrape) cut to seconds so that a
 * test sees an alert fire in seconds.
 */
public final class ShippedRules {

  private ShippedRules() {}

  /**
   * Copies {@code root/rules/*.rules.yml} into {@code dir} with {@code for:} set to {@code
   * forValue}.
   */
  public static List<Path> shortened(Path root, Path dir, String forValue) throws IOException {
    Path out = Files.createDirectories(dir);
    try (Stream<Path> files = Files.list(root.resolve("rules"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".rules.yml")).toList()) {
        String text =
            Files.readString(f).replaceAll("(?m)^(\\s+for:\\s*)\\S+\\s*$", "$1" + forValue);
        Files.writeString(out.resolve(f.getFileName()), text);
      }
    }
    try (Stream<Path> s = Files.list(out)) {
      return s.sorted().toList();
    }
  }
}
