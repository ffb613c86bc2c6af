package io.github.storageagent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a web config file ({@code --web.config.file}) into {@link WebConfig}, refusing unknown keys
 * and bad values as exporter-toolkit does. Relative paths in it are taken from the file's
 * directory. It does not read the certificate and key files: the HTTP surface does, so that a
 * replaced certificate is seen.
 */
public final class WebConfigLoader {

  public WebConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = new String(SmallFile.read(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    Path directory = file.toAbsolutePath().getParent();
    try {
      return parse(text, directory);
    } catch (ConfigException e) {
      throw new ConfigException(file + ": " + e.getMessage());
    }
  }

  /** Parses {@code text}, resolving relative file names against {@code directory}. */
  public WebConfig parse(String text, Path directory) throws ConfigException {
    if (text.isBlank()) {
      return WebConfig.none();
    }
    return ConfigYaml.read(text, WebConfig::none, node -> WebConfig.from(node, directory));
  }
}
