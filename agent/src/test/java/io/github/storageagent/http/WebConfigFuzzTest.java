package io.github.storageagent.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.storageagent.config.ConfigException;
import io.github.storageagent.config.WebConfig;
import io.github.storageagent.config.WebConfigLoader;
import java.nio.file.Path;

/**
 * The web config file and the PEM files it names: only {@link ConfigException} (bad YAML or keys)
 * and {@link TlsMaterial.TlsMaterialException} (bad certificate or key) may escape.
 */
class WebConfigFuzzTest {

  private final WebConfigLoader loader = new WebConfigLoader();

  @FuzzTest
  void parse(byte[] input) {
    try {
      loader.parse(new String(input, UTF_8), Path.of("/etc/storage-agent"));
    } catch (ConfigException expected) {
      // documented
    }
  }

  /** A certificate and a key given inline, as the {@code cert} and {@code key} keys take them. */
  @FuzzTest
  void pem(FuzzedDataProvider data) {
    String cert = data.consumeString(4096);
    String key = data.consumeRemainingAsString();
    String yaml = "tls_server_config:\n  cert: " + quoted(cert) + "\n  key: " + quoted(key) + "\n";
    WebConfig config;
    try {
      config = loader.parse(yaml, Path.of("/etc/storage-agent"));
    } catch (ConfigException notThisTargetsConcern) {
      return;
    }
    if (config.tls().isEmpty()) {
      return;
    }
    try {
      TlsMaterial.load(config.tls().get());
    } catch (TlsMaterial.TlsMaterialException expected) {
      // documented
    }
  }

  private static String quoted(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c < 0x20 || c > 0x7e) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
