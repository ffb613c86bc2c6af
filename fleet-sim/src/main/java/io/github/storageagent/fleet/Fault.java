package io.github.storageagent.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A fault a simulated node can carry. */
public enum Fault {
  /** The first drive's {@code storage_smart_healthy} is 0 (StorageSmartFailed). */
  DISK_FAILED("disk-failed"),
  /**
   * The first thin pool starts at 60 % data usage (or its captured usage if higher) and fills at 3
   * percentage points per 1,000 s: full within 4 hours (StorageThinPoolDataFillingUp, warning and
   * critical).
   */
  POOL_FILLING("pool-filling"),
  /**
   * The first guest's {@code storage_pve_guest_last_backup_success} is 0
   * (StorageGuestBackupFailed); without PVE guests, the first PBS group's {@code
   * storage_pbs_backup_last_task_success} (StorageBackupTaskFailed).
   */
  BACKUP_FAILED("backup-failed");

  private final String id;

  Fault(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Fault of(String id) {
    for (Fault f : values()) {
      if (f.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown fault " + id + " (known: disk-failed, pool-filling, backup-failed)");
  }

  /** A fault on one node (1-based index). */
  public record OnNode(int node, Fault fault) {}

  /** The default set: node 7 a failed disk, node 13 a pool filling up, node 21 a failed backup. */
  public static final String DEFAULT_SET = "7:disk-failed,13:pool-filling,21:backup-failed";

  /** Parses {@code 7:disk-failed,13:pool-filling}; {@code none} or empty is no fault. */
  public static List<OnNode> parseSet(String spec) {
    List<OnNode> out = new ArrayList<>();
    if (spec.isBlank() || spec.trim().equals("none")) {
      return out;
    }
    for (String item : spec.split(",")) {
      String[] p = item.trim().split(":", 2);
      if (p.length != 2) {
        throw new IllegalArgumentException("a fault is NODE:KIND, not " + item);
      }
      out.add(new OnNode(Integer.parseInt(p[0].trim()), of(p[1])));
    }
    return out;
  }
}
