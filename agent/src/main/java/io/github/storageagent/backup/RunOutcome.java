package io.github.storageagent.backup;

/**
 * How a finished Proxmox task or job run ended, as a state: {@code OK}, {@code WARNINGS: n} (it did
 * its work and logged warnings; for vzdump every guest was backed up) or anything else, a failure.
 */
public enum RunOutcome {
  OK("ok"),
  WARNINGS("warnings"),
  FAILED("failed");

  private final String label;

  RunOutcome(String label) {
    this.label = label;
  }

  /** The value of the {@code state} label. */
  public String label() {
    return label;
  }

  /** Whether the run did its work: warnings included. */
  public boolean succeeded() {
    return this != FAILED;
  }

  /** From a task status or a job state's {@code msg}; null is a failure (no outcome to trust). */
  public static RunOutcome of(String status) {
    if (!TaskStatus.isSuccess(status)) {
      return FAILED;
    }
    return status.strip().equals("OK") ? OK : WARNINGS;
  }
}
