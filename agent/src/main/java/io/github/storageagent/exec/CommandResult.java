package io.github.storageagent.exec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What a finished command left behind.
 *
 * @param exitCode the process's exit status; meaningless when {@link #timedOut()} or {@link
 *     #outputCapped()} (the agent killed it)
 * @param stdout up to the command's cap of standard output
 * @param stderr up to the command's cap of standard error
 * @param timedOut the process outlived its timeout and was killed with its descendants
 * @param outputCapped an output stream exceeded the cap; the process was killed
 */
public record CommandResult(
    int exitCode,
    byte[] stdout,
    byte[] stderr,
    boolean timedOut,
    boolean outputCapped,
    Duration took) {

  public String stdoutText() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  public String stderrText() {
    return new String(stderr, StandardCharsets.UTF_8);
  }

  /** True if the process ran to its own end (not killed by the agent). */
  public boolean completed() {
    return !timedOut && !outputCapped;
  }

  /** First line of stderr, trimmed, for one-line error messages. */
  public String stderrFirstLine() {
    String text = stderrText().strip();
    int nl = text.indexOf('\n');
    String line = nl < 0 ? text : text.substring(0, nl).strip();
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
