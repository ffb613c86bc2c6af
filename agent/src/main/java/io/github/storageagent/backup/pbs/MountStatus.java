package io.github.storageagent.backup.pbs;

import java.util.Locale;

/**
 * A datastore's {@code mount-status}: removable datastores (PBS 3.3+) are {@link #MOUNTED} or
 * {@link #NOT_MOUNTED}; every other store is {@link #NON_REMOVABLE}, which is also what PBS assumes
 * when the key is absent (older servers).
 */
public enum MountStatus {
  MOUNTED("mounted"),
  NOT_MOUNTED("notmounted"),
  NON_REMOVABLE("nonremovable"),
  /** A value newer than this agent. */
  UNKNOWN("unknown");

  private final String label;

  MountStatus(String label) {
    this.label = label;
  }

  /** The value of the {@code state} label, PBS's own word. */
  public String label() {
    return label;
  }

  public static MountStatus of(String value) {
    if (value == null || value.isBlank()) {
      return NON_REMOVABLE;
    }
    String v = value.strip().toLowerCase(Locale.ROOT);
    for (MountStatus s : values()) {
      if (s != UNKNOWN && s.label.equals(v)) {
        return s;
      }
    }
    return UNKNOWN;
  }
}
