package io.github.storageagent.backup.pve;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-guest outcome of one vzdump task from its log: {@code Starting Backup of VM 100 (qemu)},
 * {@code Finished Backup of VM 100 (00:01:02)}, {@code ERROR: Backup of VM 111 failed - ...}, and
 * the {@code WARN: ...} lines vzdump logs while it backs a guest up (each counts toward the task's
 * {@code WARNINGS: n}).
 */
public final class VzdumpLog {

  private static final Pattern STARTING =
      Pattern.compile("Starting Backup of VM (\\d+) \\((\\w+)\\)");
  private static final Pattern FINISHED = Pattern.compile("Finished Backup of VM (\\d+) \\(");
  private static final Pattern FAILED = Pattern.compile("ERROR: Backup of VM (\\d+) failed");
  private static final Pattern WARNING = Pattern.compile("^WARN: ");

  private VzdumpLog() {}

  /** Whether {@code line} is one {@link #parse} needs; the rest of a log can be dropped unread. */
  static boolean relevant(String line) {
    return line.contains("Backup of VM") || WARNING.matcher(line).find();
  }

  /**
   * One guest in a task.
   *
   * @param type qemu or lxc ("" if the log never named it)
   * @param success whether its backup finished
   * @param warnings WARN lines logged between its start and its end
   */
  public record Guest(String type, boolean success, int warnings) {

    public Guest(String type, boolean success) {
      this(type, success, 0);
    }
  }

  /**
   * Guests by vmid. A guest that was started but neither finished nor failed (the task died) counts
   * as failed.
   */
  public static Map<String, Guest> parse(String log) {
    Map<String, Guest> guests = new LinkedHashMap<>();
    String current = null; // the guest being backed up, whose warnings these are
    for (String line : log.split("\n")) {
      Matcher m = STARTING.matcher(line);
      if (m.find()) {
        current = m.group(1);
        guests.put(current, new Guest(m.group(2), false));
        continue;
      }
      m = FINISHED.matcher(line);
      if (m.find()) {
        Guest g = guests.get(m.group(1));
        guests.put(
            m.group(1), new Guest(g == null ? "" : g.type(), true, g == null ? 0 : g.warnings()));
        current = null;
        continue;
      }
      m = FAILED.matcher(line);
      if (m.find()) {
        Guest g = guests.get(m.group(1));
        guests.put(
            m.group(1), new Guest(g == null ? "" : g.type(), false, g == null ? 0 : g.warnings()));
        current = null;
        continue;
      }
      if (current != null && WARNING.matcher(line).find()) {
        Guest g = guests.get(current);
        guests.put(current, new Guest(g.type(), g.success(), g.warnings() + 1));
      }
    }
    return guests;
  }
}
