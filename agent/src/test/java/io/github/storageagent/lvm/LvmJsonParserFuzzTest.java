package io.github.storageagent.lvm;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** lvm's JSON reports: only {@link LvmParseException} may escape the parser. */
class LvmJsonParserFuzzTest {

  @FuzzTest
  void parse(byte[] input) {
    try {
      LvmJsonParser.parse(new String(input, UTF_8));
    } catch (LvmParseException expected) {
      // documented
    }
  }
}
