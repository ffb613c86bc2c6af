package io.github.storageagent.backup;

import java.util.regex.Pattern;

/**
 * How Proxmox reports a finished task or job run: {@code OK}, {@code WARNINGS: n} (it did its work,
 * with warnings) or an error text. vzdump's {@code job errors} means at least one guest was not
 * backed up; PBS's {@code unknown} means the outcome was lost (e.g. the daemon restarted), which is
 * not a success either.
 */
public final class TaskStatus {

  private static final Pattern WARNINGS = Pattern.compile("WARNINGS: ?\\d+");

  private TaskStatus() {}

  public static boolean isSuccess(String status) {
    if (status == null) {
      return false;
    }
    String s = status.strip();
    return s.equals("OK") || WARNINGS.matcher(s).matches();
  }
}
