package io.github.storageagent.smart;

import io.github.storageagent.exec.CommandResult;
import io.github.storageagent.exec.ExecException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** An in-memory smartctl: answers per device path, counts every call. */
final class FakeSmartctl implements Smartctl {

  private final Map<String, Supplier<CommandResult>> answers = new HashMap<>();
  private final Map<String, Integer> reads = new HashMap<>();
  private Supplier<CommandResult> scan;
  private int scans;
  private boolean missing;

  FakeSmartctl scanPrints(String fixture) {
    String text = Fixtures.text(fixture);
    scan = () -> Fixtures.result(0, text);
    return this;
  }

  FakeSmartctl scanAnswers(Supplier<CommandResult> answer) {
    scan = answer;
    return this;
  }

  FakeSmartctl device(String name, String fixture) {
    String text = Fixtures.text(fixture);
    return device(name, () -> Fixtures.result(exitOf(text), text));
  }

  FakeSmartctl device(String name, Supplier<CommandResult> answer) {
    answers.put(name, answer);
    return this;
  }

  FakeSmartctl missing() {
    missing = true;
    return this;
  }

  static CommandResult timeout() {
    return new CommandResult(-1, new byte[0], new byte[0], true, false, Duration.ofSeconds(10));
  }

  int reads(String name) {
    return reads.getOrDefault(name, 0);
  }

  int scans() {
    return scans;
  }

  @Override
  public CommandResult scan() throws ExecException {
    if (missing) {
      throw new ExecException("smartctl not found (searched [/usr/sbin])", null);
    }
    scans++;
    return scan.get();
  }

  @Override
  public CommandResult read(SmartDevice device) throws ExecException {
    if (missing) {
      throw new ExecException("smartctl not found (searched [/usr/sbin])", null);
    }
    reads.merge(
        device.name() + (device.type().isEmpty() ? "" : " " + device.type()), 1, Integer::sum);
    Supplier<CommandResult> answer = answers.get(device.name());
    if (answer == null) {
      return Fixtures.result(
          2,
          "{\"smartctl\":{\"exit_status\":2,\"messages\":[{\"string\":\"Smartctl open device: "
              + device.name()
              + " failed: No such device\",\"severity\":\"error\"}]}}");
    }
    return answer.get();
  }

  private static int exitOf(String json) {
    try {
      return SmartctlJsonParser.parseReading(json).exitStatus().orElse(0);
    } catch (SmartParseException e) {
      return 0;
    }
  }
}
