package io.github.storageagent.backup;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Proxmox task id. PBS: {@code UPID:node:PID:PSTART:TASKID:STARTTIME:type:worker_id:authid:};
 * PVE: the same without the task-id field. PBS systemd-escapes the worker id ({@code :} → {@code
 * \x3a}, {@code -} → {@code \x2d}, {@code /} → {@code -}); {@link #workerId()} is unescaped.
 *
 * @param node node name
 * @param pid process id
 * @param pstart process start (clock ticks since boot; 8 or 9 hex digits)
 * @param startTime task start, Unix seconds
 * @param type worker type ({@code backup}, {@code verificationjob}, {@code vzdump}, ...)
 * @param workerId worker id, unescaped ({@code store:vm/100}, {@code daily:v-d0cc18c5-8707})
 * @param authId user or token that ran the task
 */
public record Upid(
    String node,
    long pid,
    long pstart,
    long startTime,
    String type,
    String workerId,
    String authId) {

  private static final Pattern PBS =
      Pattern.compile(
          "^UPID:([A-Za-z0-9]([A-Za-z0-9\\-]*[A-Za-z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):"
              + "([0-9A-Fa-f]{8,16}):([0-9A-Fa-f]{8}):([^:\\s]+):([^:\\s]*):([^:\\s]+):$");
  private static final Pattern PVE =
      Pattern.compile(
          "^UPID:([A-Za-z0-9]([A-Za-z0-9\\-]*[A-Za-z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):"
              + "([0-9A-Fa-f]{8}):([^:\\s]+):([^:\\s]*):([^:\\s]+):$");

  /** Parses either form; empty for anything else. */
  public static Optional<Upid> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = PBS.matcher(text);
    if (m.matches()) {
      return Optional.of(of(m, 6));
    }
    m = PVE.matcher(text);
    if (m.matches()) {
      return Optional.of(of(m, 5));
    }
    return Optional.empty();
  }

  /**
   * Both forms share their fields' order; PBS has one more field (the task offset) before the start
   * time, which is group {@code startGroup}.
   */
  private static Upid of(Matcher m, int startGroup) {
    return new Upid(
        m.group(1),
        Long.parseLong(m.group(3), 16),
        Long.parseLong(m.group(4), 16),
        Long.parseLong(m.group(startGroup), 16),
        m.group(startGroup + 1),
        unescape(m.group(startGroup + 2)),
        m.group(startGroup + 3));
  }

  /**
   * Reverses systemd's path escaping as PBS applies it: {@code -} stands for {@code /}, {@code
   * \xNN} for the byte NN.
   */
  public static String unescape(String escaped) {
    StringBuilder out = new StringBuilder(escaped.length());
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c == '-') {
        out.append('/');
      } else if (c == '\\'
          && i + 3 < escaped.length()
          && escaped.charAt(i + 1) == 'x'
          && isHex(escaped.charAt(i + 2))
          && isHex(escaped.charAt(i + 3))) {
        out.append((char) Integer.parseInt(escaped.substring(i + 2, i + 4), 16));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }
}
