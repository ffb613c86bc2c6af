package io.github.storageagent.backup.pve;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster's job definitions, {@code /etc/pve/jobs.cfg}: sections such as {@code vzdump:
 * backup-1a2b3c4d-5e6f} followed by indented {@code key value} lines. Only vzdump schedules and
 * enabled flags are kept.
 */
public final class JobsCfg {

  private static final Pattern HEADER = Pattern.compile("^(\\S+):\\s*(\\S+)\\s*$");
  private static final Pattern PROPERTY = Pattern.compile("^\\s+(\\S+)(?:\\s+(.*?))?\\s*$");

  private JobsCfg() {}

  /**
   * A vzdump job's schedule.
   *
   * @param schedule systemd-like calendar event, null if none
   * @param enabled false when {@code enabled 0}
   */
  public record Job(String schedule, boolean enabled) {}

  public static Map<String, Job> parse(String text) {
    Map<String, Job> jobs = new LinkedHashMap<>();
    String current = null;
    String schedule = null;
    boolean enabled = true;
    for (String line : text.split("\n")) {
      Matcher h = HEADER.matcher(line);
      Matcher p = PROPERTY.matcher(line);
      if (h.matches() && !line.startsWith(" ") && !line.startsWith("\t")) {
        if (current != null) {
          jobs.put(current, new Job(schedule, enabled));
        }
        current = h.group(1).equals("vzdump") ? h.group(2) : null;
        schedule = null;
        enabled = true;
      } else if (current != null && p.matches()) {
        String value = p.group(2) == null ? "" : p.group(2);
        if (p.group(1).equals("schedule")) {
          schedule = value;
        } else if (p.group(1).equals("enabled")) {
          enabled = !value.equals("0");
        }
      } else if (line.isBlank() && current != null) {
        jobs.put(current, new Job(schedule, enabled));
        current = null;
      }
    }
    if (current != null) {
      jobs.put(current, new Job(schedule, enabled));
    }
    return jobs;
  }
}
