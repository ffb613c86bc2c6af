package io.github.storageagent.backup.pbs;

import java.util.Locale;

/**
 * A datastore's maintenance mode, from the {@code maintenance} property string of the datastore
 * list ({@code type=offline,message=...}, or the bare type, which is the string's default key).
 * Absent means no maintenance.
 */
public enum MaintenanceMode {
  NONE("none"),
  READ_ONLY("read-only"),
  OFFLINE("offline"),
  DELETE("delete"),
  UNMOUNT("unmount"),
  S3_REFRESH("s3-refresh"),
  /** A type newer than this agent. */
  UNKNOWN("unknown");

  private final String label;

  MaintenanceMode(String label) {
    this.label = label;
  }

  /** The value of the {@code state} label, PBS's own word. */
  public String label() {
    return label;
  }

  /**
   * Whether PBS refuses reads of the store in this mode, so that the store's status answers carry
   * an error by design. Read-only maintenance still serves reads.
   */
  public boolean blocksReads() {
    return this == OFFLINE || this == DELETE || this == UNMOUNT || this == S3_REFRESH;
  }

  public static MaintenanceMode parse(String property) {
    if (property == null || property.isBlank()) {
      return NONE;
    }
    String type = null;
    for (String part : property.split(",")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        type = part; // the default key
      } else if (part.substring(0, eq).strip().equals("type")) {
        type = part.substring(eq + 1);
      }
    }
    if (type == null) {
      return UNKNOWN;
    }
    String t = type.strip().toLowerCase(Locale.ROOT);
    for (MaintenanceMode m : values()) {
      if (m != NONE && m != UNKNOWN && m.label.equals(t)) {
        return m;
      }
    }
    return UNKNOWN;
  }
}
