package io.github.storageagent.backup.pve;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-guest outcome of one vzdump task from its log: {@code Starting Backup of VM 100 (qemu)},
 * {@code Finished Backup of VM 100 (00:01:02)}, {@code ERROR: Backup of VM 111 failed - ...}.
 */
public final class VzdumpLog {

  private static final Pattern STARTING =
      Pattern.compile("Starting Backup of VM (\\d+) \\((\\w+)\\)");
  private static final Pattern FINISHED = Pattern.compile("Finished Backup of VM (\\d+) \\(");
  private static final Pattern FAILED = Pattern.compile("ERROR: Backup of VM (\\d+) failed");

  private VzdumpLog() {}

  /**
   * One guest in a task.
   *
   * @param type qemu or lxc ("" if the log never named it)
   * @param success whether its backup finished
   */
  public record Guest(String type, boolean success) {}

  /**
   * Guests by vmid. A guest that was started but neither finished nor failed (the task died) counts
   * as failed.
   */
  public static Map<String, Guest> parse(String log) {
    Map<String, Guest> guests = new LinkedHashMap<>();
    for (String line : log.split("\n")) {
      Matcher m = STARTING.matcher(line);
      if (m.find()) {
        guests.put(m.group(1), new Guest(m.group(2), false));
        continue;
      }
      m = FINISHED.matcher(line);
      if (m.find()) {
        Guest g = guests.get(m.group(1));
        guests.put(m.group(1), new Guest(g == null ? "" : g.type(), true));
        continue;
      }
      m = FAILED.matcher(line);
      if (m.find()) {
        Guest g = guests.get(m.group(1));
        guests.put(m.group(1), new Guest(g == null ? "" : g.type(), false));
      }
    }
    return guests;
  }
}
