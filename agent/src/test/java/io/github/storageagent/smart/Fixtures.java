package io.github.storageagent.smart;

import io.github.storageagent.exec.CommandResult;
import io.github.storageagent.testing.Resources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The project's own smartctl fixtures (src/test/resources/smart) and results built from them. */
final class Fixtures {

  private Fixtures() {}

  static String text(String name) {
    return Resources.text("/smart/" + name);
  }

  static SmartReading reading(String name) throws SmartParseException {
    return SmartctlJsonParser.parseReading(text(name));
  }

  /** A finished smartctl run that printed {@code stdout} and exited with {@code exit}. */
  static CommandResult result(int exit, String stdout) {
    return new CommandResult(
        exit,
        stdout.getBytes(StandardCharsets.UTF_8),
        new byte[0],
        false,
        false,
        Duration.ofMillis(40));
  }

  static CommandResult fixtureResult(String name) throws SmartParseException {
    String text = text(name);
    return result(SmartctlJsonParser.parseReading(text).exitStatus().orElse(0), text);
  }
}
