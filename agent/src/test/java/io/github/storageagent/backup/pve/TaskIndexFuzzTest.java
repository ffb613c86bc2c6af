package io.github.storageagent.backup.pve;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** /var/log/pve/tasks/index and active: bad lines are counted, never thrown. */
class TaskIndexFuzzTest {

  @FuzzTest
  void parse(byte[] input) {
    for (TaskIndex.Entry e : TaskIndex.parse(new String(input, UTF_8)).entries()) {
      TaskIndex.logPath(e.upid(), e.parsed());
    }
  }
}
