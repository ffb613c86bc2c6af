package io.github.storageagent.backup.pve;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** vzdump task logs: whatever the log holds, the parser never throws. */
class VzdumpLogFuzzTest {

  @FuzzTest
  void parse(byte[] input) {
    VzdumpLog.parse(new String(input, UTF_8));
  }
}
