package io.github.storageagent.smart;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * smartctl output is outside input: only {@link SmartParseException} may escape the parser. Replays
 * SmartctlJsonParserFuzzTestInputs/ in the normal test run; fuzzes with JAZZER_FUZZ=1 (bench/fuzz).
 */
class SmartctlJsonParserFuzzTest {

  @FuzzTest
  void parseReading(byte[] input) {
    try {
      SmartctlJsonParser.parseReading(new String(input, UTF_8));
    } catch (SmartParseException expected) {
      // documented
    }
  }

  @FuzzTest
  void parseScan(byte[] input) {
    try {
      SmartctlJsonParser.parseScan(new String(input, UTF_8));
    } catch (SmartParseException expected) {
      // documented
    }
  }
}
