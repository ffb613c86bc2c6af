package io.github.storageagent.exec;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a program by bare name the way a shell would, then in fallback folders such as /usr/sbin.
 */
public final class Executables {

  private final List<Path> searchPath;

  public Executables(String pathVariable, List<Path> fallbacks) {
    List<Path> dirs = new ArrayList<>();
    if (pathVariable != null) {
      for (String dir : pathVariable.split(File.pathSeparator)) {
        if (!dir.isBlank()) {
          dirs.add(Path.of(dir));
        }
      }
    }
    dirs.addAll(fallbacks);
    this.searchPath = List.copyOf(dirs);
  }

  /** The agent's own PATH, then /usr/sbin and /sbin (daemons often run with a short PATH). */
  public static Executables fromEnvironment() {
    return fromPath(System.getenv("PATH"));
  }

  /** {@code pathVariable}'s folders, then /usr/sbin and /sbin. */
  public static Executables fromPath(String pathVariable) {
    return new Executables(pathVariable, List.of(Path.of("/usr/sbin"), Path.of("/sbin")));
  }

  /**
   * Resolves {@code name}: a name with a slash is taken as a path; a bare name is looked up in
   * order.
   */
  public Optional<Path> find(String name) {
    if (name.contains("/")) {
      Path p = Path.of(name);
      return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    for (Path dir : searchPath) {
      Path candidate = dir.resolve(name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  public List<Path> searchPath() {
    return searchPath;
  }
}
