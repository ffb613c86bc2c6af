package io.github.storageagent.smart;

/** Which self-test ran; captive and offline variants of a test are the same test. */
public enum SelfTestType {
  SHORT("short"),
  EXTENDED("extended"),
  CONVEYANCE("conveyance"),
  SELECTIVE("selective"),
  /** Offline data collection, vendor-specific and reserved codes. */
  OTHER("other");

  private final String label;

  SelfTestType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** ATA self-test number: 1-4 offline mode, 0x81-0x84 the same tests in captive mode. */
  static SelfTestType ofAtaNumber(int number) {
    return switch (number & 0x7f) {
      case 0x01 -> SHORT;
      case 0x02 -> EXTENDED;
      case 0x03 -> CONVEYANCE;
      case 0x04 -> SELECTIVE;
      default -> OTHER;
    };
  }

  /** NVMe Self-test Code: 1 short, 2 extended, Eh vendor specific. */
  static SelfTestType ofNvmeCode(int code) {
    return switch (code) {
      case 0x1 -> SHORT;
      case 0x2 -> EXTENDED;
      default -> OTHER;
    };
  }
}
