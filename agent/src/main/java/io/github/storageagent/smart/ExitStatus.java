package io.github.storageagent.smart;

/**
 * smartctl's exit status, a bitmask (smartctl(8), EXIT STATUS). Bits 0-1 say smartctl has no data
 * for the device; bits 2-7 are facts about the disk and never a reason to drop its data.
 */
public record ExitStatus(int value) {

  public static final ExitStatus OK = new ExitStatus(0);

  public ExitStatus {
    if (value < 0 || value > 255) {
      throw new IllegalArgumentException("exit status out of range: " + value);
    }
  }

  private boolean bit(int n) {
    return (value & (1 << n)) != 0;
  }

  /** Bit 0: smartctl did not understand its command line. */
  public boolean commandLineError() {
    return bit(0);
  }

  /** Bit 1: the device could not be opened, did not identify, or was skipped in low power. */
  public boolean deviceOpenFailed() {
    return bit(1);
  }

  /** Bits 0-1: nothing about the device itself was read. */
  public boolean noData() {
    return commandLineError() || deviceOpenFailed();
  }

  /** Bit 2: some SMART or ATA command failed (old SSDs without an error log set it always). */
  public boolean commandFailed() {
    return bit(2);
  }

  /** Bit 3: the SMART overall health says DISK FAILING. */
  public boolean diskFailing() {
    return bit(3);
  }

  /** Bit 4: prefail attributes are at or below their threshold now. */
  public boolean prefailBelowThreshold() {
    return bit(4);
  }

  /** Bit 5: some attributes were at or below threshold in the past. */
  public boolean pastBelowThreshold() {
    return bit(5);
  }

  /** Bit 6: the device error log has records. */
  public boolean errorLogHasRecords() {
    return bit(6);
  }

  /** Bit 7: the self-test log has errors. */
  public boolean selfTestErrors() {
    return bit(7);
  }
}
