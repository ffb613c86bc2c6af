package io.github.storageagent.smart;

/** How a finished self-test ended, reduced to the outcomes an operator acts on. */
public enum SelfTestResult {
  PASSED("passed"),
  /** The drive found an error: a read, servo, electrical or unknown element failed, or fatal. */
  FAILED("failed"),
  /** The host, a reset or a command (format, sanitize, namespace removal) stopped the test. */
  ABORTED("aborted"),
  /** A status code the specifications reserve. */
  UNKNOWN("unknown");

  private final String label;

  SelfTestResult(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /**
   * ATA self-test status, high nibble of the status byte (ATA8-ACS, SMART self-test log). 3 ("fatal
   * or unknown error") counts as failed, as smartctl counts it in its exit bit 7.
   */
  static SelfTestResult ofAtaStatus(int status) {
    return switch (status >> 4) {
      case 0x0 -> PASSED;
      case 0x1, 0x2 -> ABORTED;
      case 0x3, 0x4, 0x5, 0x6, 0x7, 0x8 -> FAILED;
      default -> UNKNOWN;
    };
  }

  /** NVMe Device Self-test Result, low nibble of the self-test status (NVMe base spec, log 06h). */
  static SelfTestResult ofNvmeResult(int result) {
    return switch (result) {
      case 0x0 -> PASSED;
      case 0x1, 0x2, 0x3, 0x4, 0x8, 0x9 -> ABORTED;
      case 0x5, 0x6, 0x7 -> FAILED;
      default -> UNKNOWN;
    };
  }
}
