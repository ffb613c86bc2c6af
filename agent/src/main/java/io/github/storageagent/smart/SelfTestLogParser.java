package io.github.storageagent.smart;

import static io.github.storageagent.smart.SmartctlJsonParser.elements;
import static io.github.storageagent.smart.SmartctlJsonParser.integer;

import com.fasterxml.jackson.jr.stree.JrsValue;
import io.github.storageagent.json.JsonTree;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the self-test state from smartctl's ATA ({@code ata_smart_self_test_log}, {@code
 * ata_smart_data.self_test}) and NVMe ({@code nvme_self_test_log}) sections. Both logs list the
 * newest test first.
 */
final class SelfTestLogParser {

  /** ATA self-test status high nibble: the test is still running. */
  private static final int ATA_IN_PROGRESS = 0xf;

  private SelfTestLogParser() {}

  static Optional<SelfTestLog> parse(JrsValue root) {
    JrsValue nvme = root.path("nvme_self_test_log");
    if (nvme.isObject()) {
      return Optional.of(nvme(nvme));
    }
    JrsValue ataLog = root.path("ata_smart_self_test_log");
    JrsValue supported =
        root.path("ata_smart_data").path("capabilities").path("self_tests_supported");
    // Only a drive that says it has no self-tests is taken at its word; no answer is no answer.
    if (JsonTree.bool(supported).equals(Optional.of(false))) {
      return Optional.empty();
    }
    JrsValue ataStatus = root.path("ata_smart_data").path("self_test").path("status");
    if (ataLog.isObject() || ataStatus.isObject()) {
      return Optional.of(ata(ataLog, ataStatus));
    }
    return Optional.empty();
  }

  private static SelfTestLog ata(JrsValue log, JrsValue status) {
    // -l selftest prints the standard log, -l xselftest (part of -x) the extended one.
    JrsValue table = log.path("extended").path("table");
    if (!table.isArray()) {
      table = log.path("standard").path("table");
    }
    Optional<SelfTest> last = Optional.empty();
    OptionalLong loggedRemaining = OptionalLong.empty();
    for (JrsValue entry : elements(table)) {
      OptionalLong value = integer(entry.path("status").path("value"));
      OptionalLong number = integer(entry.path("type").path("value"));
      OptionalLong hours = integer(entry.path("lifetime_hours"));
      if (value.isEmpty() || number.isEmpty() || hours.isEmpty()) {
        continue;
      }
      int code = (int) (value.getAsLong() & 0xff);
      if (code >> 4 == ATA_IN_PROGRESS) {
        if (loggedRemaining.isEmpty()) {
          loggedRemaining = OptionalLong.of((code & 0xf) * 10L);
        }
        continue;
      }
      last =
          Optional.of(
              new SelfTest(
                  SelfTestResult.ofAtaStatus(code),
                  SelfTestType.ofAtaNumber((int) (number.getAsLong() & 0xff)),
                  hours.getAsLong(),
                  SelfTest.ATA_HOUR_BITS));
      break;
    }
    // The SMART data's execution status is the drive's word on a running test; a log entry
    // marked "in progress" stands in when smartctl did not print it.
    OptionalLong remaining = loggedRemaining;
    OptionalLong current = integer(status.path("value"));
    if (current.isPresent()) {
      int code = (int) (current.getAsLong() & 0xff);
      remaining =
          code >> 4 == ATA_IN_PROGRESS ? OptionalLong.of((code & 0xf) * 10L) : OptionalLong.empty();
    }
    return new SelfTestLog(last, remaining);
  }

  private static SelfTestLog nvme(JrsValue log) {
    Optional<SelfTest> last = Optional.empty();
    for (JrsValue entry : elements(log.path("table"))) {
      OptionalLong code = integer(entry.path("self_test_code").path("value"));
      OptionalLong result = integer(entry.path("self_test_result").path("value"));
      OptionalLong hours = integer(entry.path("power_on_hours"));
      // Result Fh marks an unused entry; smartctl leaves those out, a gap in the array is null.
      if (code.isEmpty() || result.isEmpty() || hours.isEmpty() || result.getAsLong() == 0xf) {
        continue;
      }
      last =
          Optional.of(
              new SelfTest(
                  SelfTestResult.ofNvmeResult((int) result.getAsLong()),
                  SelfTestType.ofNvmeCode((int) code.getAsLong()),
                  hours.getAsLong(),
                  SelfTest.NVME_HOUR_BITS));
      break;
    }
    OptionalLong remaining = OptionalLong.empty();
    OptionalLong operation = integer(log.path("current_self_test_operation").path("value"));
    if (operation.isPresent() && operation.getAsLong() != 0) {
      long completed = integer(log.path("current_self_test_completion_percent")).orElse(0);
      remaining = OptionalLong.of(Math.max(0, Math.min(100, 100 - completed)));
    }
    return new SelfTestLog(last, remaining);
  }
}
