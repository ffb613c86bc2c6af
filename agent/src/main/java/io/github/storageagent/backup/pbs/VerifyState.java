package io.github.storageagent.backup.pbs;

import io.github.storageagent.backup.pbs.PbsRecords.Verification;
import java.util.Locale;

/**
 * The verify state of a group's newest snapshot. A snapshot without a {@code verification} object
 * was never verified ({@link #NONE}), which is a policy question; {@link #FAILED} means chunks are
 * missing or corrupt.
 */
public enum VerifyState {
  OK("ok"),
  FAILED("failed"),
  NONE("none");

  private final String label;

  VerifyState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static VerifyState of(Verification v) {
    if (v == null || v.state() == null) {
      return NONE;
    }
    // PBS only writes "ok" or "failed"; anything else is not a verified snapshot either.
    return v.state().toLowerCase(Locale.ROOT).equals("ok") ? OK : FAILED;
  }
}
