package io.github.storageagent.backup;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Task ids from PBS answers and PVE task files: anything else is empty, never an exception. */
class UpidFuzzTest {

  @FuzzTest
  void parse(byte[] input) {
    String text = new String(input, UTF_8);
    Upid.parse(text);
    Upid.unescape(text);
  }
}
