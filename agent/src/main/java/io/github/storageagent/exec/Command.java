package io.github.storageagent.exec;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An external command to run: argv (no shell ever interprets it), the environment entries to set on
 * top of the minimal {@link ChildEnvironment} (never the agent's own), a timeout after which the
 * process tree is killed, and a cap on how much of each output stream is kept.
 */
public record Command(
    List<String> argv, Map<String, String> environment, Duration timeout, int maxOutputBytes) {

  public static final int DEFAULT_MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

  public Command {
    argv = List.copyOf(argv);
    environment = Map.copyOf(environment);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv must not be empty");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    if (maxOutputBytes <= 0) {
      throw new IllegalArgumentException("maxOutputBytes must be positive");
    }
  }

  public static Command of(Duration timeout, String... argv) {
    return new Command(List.of(argv), Map.of(), timeout, DEFAULT_MAX_OUTPUT_BYTES);
  }

  public Command withEnvironment(Map<String, String> extra) {
    return new Command(argv, extra, timeout, maxOutputBytes);
  }

  public Command withMaxOutputBytes(int max) {
    return new Command(argv, environment, timeout, max);
  }

  /** The program and its arguments as one line, for logs. Arguments never carry secrets. */
  public String display() {
    return String.join(" ", argv);
  }
}
