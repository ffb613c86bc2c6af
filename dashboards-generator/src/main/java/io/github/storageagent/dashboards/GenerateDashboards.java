package io.github.storageagent.dashboards;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the dashboards of {@link StorageDashboards} as {@code <name>.json} files into the
 * directory given as the only argument, by default the {@code dashboards/} folder of the checkout
 * the working directory is in. From the checkout: {@code ./mvnw -q -pl dashboards-generator package
 * -DskipTests && java -jar dashboards-generator/target/dashboards-generator.jar}.
 */
public final class GenerateDashboards {

  private GenerateDashboards() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
      throw new IllegalArgumentException("usage: GenerateDashboards [OUTPUT-DIRECTORY]");
    }
    Path dir = args.length == 1 ? Path.of(args[0]) : checkoutDashboards();
    Map<String, String> files = render();
    List<Path> changed = write(dir, files);
    System.out.println(
        "dashboards: "
            + files.size()
            + " files in "
            + dir.toAbsolutePath().normalize()
            + ", "
            + (changed.isEmpty() ? "none changed" : "changed: " + fileNames(changed)));
  }

  /** File name ({@code <name>.json}) to its content, as committed under {@code dashboards/}. */
  static Map<String, String> render() throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    for (var e : StorageDashboards.all().entrySet()) {
      files.put(e.getKey() + ".json", Grafana.render(e.getValue()));
    }
    return files;
  }

  /** Writes the files into {@code dir}; returns those that were missing or differed. */
  static List<Path> write(Path dir, Map<String, String> files) throws IOException {
    Files.createDirectories(dir);
    List<Path> changed = new ArrayList<>();
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path file = dir.resolve(e.getKey());
      if (!Files.exists(file) || !Files.readString(file).equals(e.getValue())) {
        Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
        changed.add(file);
      }
    }
    return changed;
  }

  /** {@code dashboards/} of the checkout holding the working directory. */
  private static Path checkoutDashboards() throws IOException {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("dashboards-generator/pom.xml"))
          && Files.isDirectory(d.resolve("dashboards"))) {
        return d.resolve("dashboards");
      }
    }
    throw new IOException(
        "not inside a storage-agent checkout; give the output directory as the argument");
  }

  private static List<String> fileNames(List<Path> files) {
    return files.stream().map(f -> f.getFileName().toString()).toList();
  }
}
