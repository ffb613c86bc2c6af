package io.github.storageagent.backup.pve;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** /etc/pve/jobs.cfg: lines the parser does not understand are ignored, never thrown. */
class JobsCfgFuzzTest {

  @FuzzTest
  void parse(byte[] input) {
    JobsCfg.parse(new String(input, UTF_8));
  }
}
