package io.github.storageagent.lvm;

/**
 * The 10-character {@code lv_attr} of lvs, decoded. Unknown characters decode to {@code OTHER}
 * rather than failing: a newer lvm may add letters, and one odd volume must not hide the rest.
 *
 * @param raw the attr as lvs printed it
 * @param type position 1, the volume type
 * @param permission position 2
 * @param state position 5
 * @param open position 6, the device is open
 * @param targetType position 7 ({@code t} thin, {@code r} raid, ...), {@code '-'} if none
 * @param zeroing position 8, newly allocated blocks are zeroed
 * @param health position 9
 * @param skipActivation position 10, the volume is skipped on activation (Proxmox snapshots)
 */
public record LvAttr(
    String raw,
    Type type,
    Permission permission,
    State state,
    boolean open,
    char targetType,
    boolean zeroing,
    Health health,
    boolean skipActivation) {

  /** Position 1: what kind of volume this is. */
  public enum Type {
    THIN_POOL,
    THIN_VOLUME,
    THIN_POOL_DATA,
    METADATA,
    PLAIN,
    SNAPSHOT,
    ORIGIN,
    RAID,
    MIRROR,
    IMAGE,
    CACHE,
    VIRTUAL,
    OTHER;

    static Type of(char c) {
      return switch (c) {
        case 't' -> THIN_POOL;
        case 'V' -> THIN_VOLUME;
        case 'T' -> THIN_POOL_DATA;
        case 'e' -> METADATA;
        case '-' -> PLAIN;
        case 's', 'S' -> SNAPSHOT;
        case 'o', 'O' -> ORIGIN;
        case 'r', 'R' -> RAID;
        case 'm', 'M' -> MIRROR;
        case 'i', 'I' -> IMAGE;
        case 'C' -> CACHE;
        case 'v' -> VIRTUAL;
        default -> OTHER;
      };
    }
  }

  /** Position 2. */
  public enum Permission {
    WRITABLE,
    READ_ONLY,
    /** {@code R}: activated read-only although the volume itself is writable. */
    READ_ONLY_ACTIVATION,
    OTHER;

    static Permission of(char c) {
      return switch (c) {
        case 'w' -> WRITABLE;
        case 'r' -> READ_ONLY;
        case 'R' -> READ_ONLY_ACTIVATION;
        default -> OTHER;
      };
    }
  }

  /** Position 5. */
  public enum State {
    ACTIVE,
    INACTIVE,
    SUSPENDED,
    /** {@code c}: thin pool whose metadata needs a check. */
    CHECK_NEEDED,
    /** {@code C}: suspended thin pool whose metadata needs a check. */
    SUSPENDED_CHECK_NEEDED,
    HISTORICAL,
    UNKNOWN,
    OTHER;

    static State of(char c) {
      return switch (c) {
        case 'a' -> ACTIVE;
        case '-' -> INACTIVE;
        case 's' -> SUSPENDED;
        case 'c' -> CHECK_NEEDED;
        case 'C' -> SUSPENDED_CHECK_NEEDED;
        case 'h' -> HISTORICAL;
        case 'X' -> UNKNOWN;
        default -> OTHER;
      };
    }
  }

  /** Position 9. Letters differ by volume type; those that matter here are all listed. */
  public enum Health {
    NONE,
    PARTIAL,
    UNKNOWN,
    REFRESH_NEEDED,
    MISMATCHES,
    WRITEMOSTLY,
    /** {@code F}: failed thin pool or thin volume. */
    FAILED,
    /** {@code D}: thin pool out of data space. */
    OUT_OF_DATA,
    /** {@code M}: thin pool metadata read-only. */
    METADATA_READ_ONLY,
    /** {@code E}: writecache error. */
    ERROR,
    OTHER;

    static Health of(char c) {
      return switch (c) {
        case '-' -> NONE;
        case 'p' -> PARTIAL;
        case 'X' -> UNKNOWN;
        case 'r' -> REFRESH_NEEDED;
        case 'm' -> MISMATCHES;
        case 'w' -> WRITEMOSTLY;
        case 'F' -> FAILED;
        case 'D' -> OUT_OF_DATA;
        case 'M' -> METADATA_READ_ONLY;
        case 'E' -> ERROR;
        default -> OTHER;
      };
    }
  }

  /**
   * Decodes an attr string. Old lvm versions print fewer than 10 characters; missing positions read
   * as {@code '-'} (nothing to report).
   */
  public static LvAttr parse(String attr) {
    String raw = attr == null ? "" : attr.strip();
    return new LvAttr(
        raw,
        Type.of(at(raw, 0)),
        Permission.of(at(raw, 1)),
        State.of(at(raw, 4)),
        at(raw, 5) == 'o',
        at(raw, 6),
        at(raw, 7) == 'z',
        Health.of(at(raw, 8)),
        at(raw, 9) == 'k');
  }

  private static char at(String s, int i) {
    return i < s.length() ? s.charAt(i) : '-';
  }

  public boolean active() {
    return state == State.ACTIVE
        || state == State.SUSPENDED
        || state == State.CHECK_NEEDED
        || state == State.SUSPENDED_CHECK_NEEDED;
  }
}
