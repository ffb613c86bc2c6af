package io.github.storageagent.smart;

/**
 * One finished self-test from the device's self-test log.
 *
 * @param result how it ended
 * @param type which test it was
 * @param powerOnHours the drive's power-on hours when it ended ({@code lifetime_hours}, NVMe {@code
 *     power_on_hours})
 * @param hourCounterBits width of that counter: ATA logs keep 16 bits, so it wraps after 65536 h
 */
public record SelfTest(
    SelfTestResult result, SelfTestType type, long powerOnHours, int hourCounterBits) {

  static final int ATA_HOUR_BITS = 16;
  static final int NVME_HOUR_BITS = 64;

  /**
   * Power-on hours between this test and {@code nowHours}. A 16-bit ATA timestamp is compared
   * modulo 65536, so a test logged after the counter wrapped still ages right; a timestamp ahead of
   * the clock (the two counters are read from different logs) is taken as "just now".
   */
  public long hoursBefore(long nowHours) {
    long diff = nowHours - powerOnHours;
    if (hourCounterBits >= Long.SIZE || diff >= 0 && diff < (1L << hourCounterBits)) {
      return Math.max(0, diff);
    }
    long modulus = 1L << hourCounterBits;
    if (nowHours < modulus) {
      return 0;
    }
    return Math.floorMod(diff, modulus);
  }
}
