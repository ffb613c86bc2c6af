package io.github.storageagent.config;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** The YAML config: only {@link ConfigException} may escape. */
class ConfigLoaderFuzzTest {

  private final ConfigLoader loader = new ConfigLoader();

  @FuzzTest
  void parse(byte[] input) {
    try {
      loader.parse(new String(input, UTF_8));
    } catch (ConfigException expected) {
      // documented
    }
  }
}
