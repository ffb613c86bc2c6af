package io.github.storageagent.lvm;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Decides one health state per thin pool from its {@code lv_attr} and {@code lv_health_status}.
 * Both are read because either may be missing (old lvm, inactive pool, an options list without the
 * field) and they are reported by different code paths in lvm. When several states apply, the one
 * that hurts guests most wins.
 */
public final class ThinPoolHealth {

  /** The exported states, most severe first. Every pool exports all of them (1 for its own). */
  public enum State {
    /** Thin pool failed ({@code F}, "failed"): its volumes are unusable. */
    FAILED("failed"),
    /** Data space exhausted ({@code D}, "out_of_data"): writes are queued, then fail. */
    OUT_OF_DATA("out_of_data"),
    /** Metadata read-only ({@code M}, "metadata_read_only"): full or damaged metadata. */
    METADATA_READ_ONLY("metadata_read_only"),
    /** Metadata needs a check ({@code c}/{@code C} in position 5). */
    CHECK_NEEDED("check_needed"),
    /** A PV of the VG is missing ({@code p}, "partial"). */
    PARTIAL("partial"),
    /** Device suspended ({@code s} in position 5). */
    SUSPENDED("suspended"),
    /** Pool is read-only or activated read-only ({@code r}/{@code R} in position 2). */
    READ_ONLY("read_only"),
    /** lvm did not tell: pool inactive, {@code X}, or a health word this agent does not know. */
    UNKNOWN("unknown"),
    OK("ok");

    private final String label;

    State(String label) {
      this.label = label;
    }

    /** The value of the {@code state} label. */
    public String label() {
      return label;
    }
  }

  private ThinPoolHealth() {}

  public static State of(LogicalVolume pool) {
    Set<State> found = EnumSet.noneOf(State.class);
    LvAttr attr = pool.attr();
    switch (attr.health()) {
      case FAILED -> found.add(State.FAILED);
      case OUT_OF_DATA -> found.add(State.OUT_OF_DATA);
      case METADATA_READ_ONLY -> found.add(State.METADATA_READ_ONLY);
      case PARTIAL -> found.add(State.PARTIAL);
      case NONE -> {}
      default -> found.add(State.UNKNOWN);
    }
    switch (attr.state()) {
      case ACTIVE -> {}
      case CHECK_NEEDED -> found.add(State.CHECK_NEEDED);
      case SUSPENDED_CHECK_NEEDED -> {
        found.add(State.CHECK_NEEDED);
        found.add(State.SUSPENDED);
      }
      case SUSPENDED -> found.add(State.SUSPENDED);
      // Inactive: lvm has no kernel status to tell; not evidence of a problem.
      default -> found.add(State.UNKNOWN);
    }
    if (attr.permission() == LvAttr.Permission.READ_ONLY
        || attr.permission() == LvAttr.Permission.READ_ONLY_ACTIVATION) {
      found.add(State.READ_ONLY);
    }
    found.add(fromHealthStatus(pool.healthStatus()));
    // EnumSet iterates in declaration order: most severe first.
    return found.iterator().next();
  }

  /** Maps lvm's lv_health_status words (lib/report/report.c) for thin pools. */
  static State fromHealthStatus(String status) {
    return switch (status == null ? "" : status.strip().toLowerCase(Locale.ROOT)) {
      case "" -> State.OK;
      case "failed" -> State.FAILED;
      case "out_of_data" -> State.OUT_OF_DATA;
      case "metadata_read_only" -> State.METADATA_READ_ONLY;
      case "partial" -> State.PARTIAL;
      default -> State.UNKNOWN; // "undefined", or a word newer than this agent
    };
  }
}
