package io.github.storageagent.smart;

import io.github.storageagent.collect.Messages;
import io.github.storageagent.exec.CommandResult;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides what a finished smartctl call means (reference/smartctl.md): bits 0-1 are "no data", with
 * a low-power message they are "asleep, not woken"; bits 2-7 never drop the device's data.
 */
public final class OutcomePolicy {

  // ataprint.cpp / scsiprint.cpp: "Device is in STANDBY mode, exit(2)"; also SLEEP, IDLE_A, ...
  private static final Pattern POWER_MODE_MESSAGE = Pattern.compile("(?i)device is in (\\S+) mode");

  private OutcomePolicy() {}

  public static DeviceOutcome classify(Instant startedAt, CommandResult result) {
    // Reasons stay word-for-word the same across rounds: a repeat is logged at debug, not warn.
    if (result.timedOut()) {
      return new DeviceOutcome.Failed(startedAt, "timed out, smartctl killed");
    }
    if (result.outputCapped()) {
      return new DeviceOutcome.Failed(
          startedAt, "printed more output than a smartctl read can have, smartctl killed");
    }
    SmartReading reading;
    try {
      reading = SmartctlJsonParser.parseReading(result.stdoutText());
    } catch (SmartParseException e) {
      String hint =
          result.exitCode() == 1 ? " (exit 1: command line rejected; smartctl >= 7.0 needed)" : "";
      String stderr = result.stderrFirstLine();
      return new DeviceOutcome.Failed(
          startedAt,
          "exit code "
              + result.exitCode()
              + ", output unusable: "
              + e.getMessage()
              + hint
              + (stderr.isEmpty() ? "" : ", stderr: " + stderr));
    }
    // The JSON's own exit_status is what smartctl decided; the process code is the fallback.
    int code = reading.exitStatus().orElse(result.exitCode());
    if (code < 0 || code > 255) {
      return new DeviceOutcome.Failed(startedAt, "exit code " + code + " is not smartctl's");
    }
    ExitStatus exit = new ExitStatus(code);
    if (!exit.noData()) {
      return new DeviceOutcome.Read(startedAt, reading, exit);
    }
    Optional<String> mode = lowPowerMode(reading);
    if (mode.isPresent() && !exit.commandLineError()) {
      return new DeviceOutcome.Asleep(startedAt, mode.get(), exit);
    }
    return new DeviceOutcome.NoData(startedAt, exit, reason(reading, exit));
  }

  /** The power mode smartctl skipped the device in, if that is why it has no data. */
  static Optional<String> lowPowerMode(SmartReading reading) {
    if (reading.powerMode().isPresent()) {
      return reading.powerMode();
    }
    for (SmartctlMessage m : reading.messages()) {
      Matcher matcher = POWER_MODE_MESSAGE.matcher(m.text());
      if (matcher.find()) {
        return Optional.of(matcher.group(1).replaceAll("[^A-Za-z_]", ""));
      }
    }
    return Optional.empty();
  }

  private static String reason(SmartReading reading, ExitStatus exit) {
    String what =
        exit.commandLineError()
            ? "smartctl rejected its command line"
            : "device open failed or did not identify";
    return reading.messages().stream()
        .filter(m -> !m.text().isEmpty())
        .filter(m -> "error".equals(m.severity()))
        .findFirst()
        .or(() -> reading.messages().stream().filter(m -> !m.text().isEmpty()).findFirst())
        .map(m -> what + " (exit " + exit.value() + "): " + Messages.oneLine(m.text(), 200))
        .orElse(what + " (exit " + exit.value() + ")");
  }
}
