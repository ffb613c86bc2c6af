package io.github.storageagent.disk;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** sysfs dm names: anything that is not an LVM-style name is empty, never an exception. */
class DeviceMapperNameFuzzTest {

  @FuzzTest
  void parseLvm(byte[] input) {
    DeviceMapperName.parseLvm(new String(input, UTF_8));
  }
}
