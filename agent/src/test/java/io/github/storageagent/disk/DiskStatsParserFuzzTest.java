package io.github.storageagent.disk;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** /proc/diskstats: the parser returns unreadable lines, it never throws. */
class DiskStatsParserFuzzTest {

  @FuzzTest
  void parse(byte[] input) {
    DiskStatsParser.parse(new String(input, UTF_8));
  }
}
