package io.github.storageagent.backup.pve;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/** vzdump job state files: only {@link IOException} (Jackson's) may escape. */
class VzdumpJobStateFuzzTest {

  @FuzzTest
  void parse(byte[] input) {
    try {
      VzdumpJobState.parse(new String(input, UTF_8));
    } catch (IOException expected) {
      // documented
    }
  }
}
