package io.github.storageagent.backup.pve;

import io.github.storageagent.backup.Upid;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The node's task lists under {@code /var/log/pve/tasks}: {@code index} (archived, one finished
 * task per line: {@code UPID endtime-hex status}) and {@code active} (running tasks as a bare UPID,
 * recently finished ones like the index, possibly with a saved flag before the end time).
 */
public final class TaskIndex {

  private static final Pattern HEX8 = Pattern.compile("[0-9A-Fa-f]{8}");

  private TaskIndex() {}

  /**
   * One listed task.
   *
   * @param upid the task id as written
   * @param parsed its fields
   * @param endTime Unix seconds, for finished tasks
   * @param status {@code OK}, {@code WARNINGS: n} or the error text, for finished tasks
   */
  public record Entry(String upid, Upid parsed, Optional<Long> endTime, Optional<String> status) {
    public boolean finished() {
      return endTime.isPresent() && status.isPresent();
    }
  }

  /**
   * An index or active file, parsed.
   *
   * @param entries the tasks, in file order
   * @param badLines lines that are not tasks
   */
  public record Parsed(List<Entry> entries, int badLines) {}

  /** Parses an index or active file; lines that are not tasks are counted, not fatal. */
  public static Parsed parse(String text) {
    List<Entry> out = new ArrayList<>();
    int bad = 0;
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      String[] parts = l.split(" ", 2);
      Optional<Upid> upid = Upid.parse(parts[0]);
      if (upid.isEmpty()) {
        bad++;
        continue;
      }
      Optional<Long> end = Optional.empty();
      Optional<String> status = Optional.empty();
      if (parts.length == 2) {
        String[] rest = parts[1].strip().split(" ", 3);
        int i = 0;
        if (rest.length > 1 && (rest[0].equals("0") || rest[0].equals("1"))) {
          i = 1; // the active file's "saved" flag
        }
        if (i < rest.length && HEX8.matcher(rest[i]).matches()) {
          end = Optional.of(Long.parseLong(rest[i], 16));
          String s = String.join(" ", java.util.Arrays.copyOfRange(rest, i + 1, rest.length));
          status = s.isBlank() ? Optional.empty() : Optional.of(s.strip());
        }
      }
      out.add(new Entry(parts[0], upid.get(), end, status));
    }
    return new Parsed(out, bad);
  }

  /** Where PVE keeps a task's log: the last hex digit of its start time names the folder. */
  public static String logPath(String upid, Upid parsed) {
    String hex = String.format("%08X", parsed.startTime());
    return hex.substring(7) + "/" + upid;
  }
}
