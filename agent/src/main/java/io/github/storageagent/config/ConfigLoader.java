package io.github.storageagent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/** Reads the YAML config file into {@link AgentConfig}, refusing unknown keys and bad values. */
public final class ConfigLoader {

  private final Map<String, String> environment;

  /** A loader that resolves environment variables and credentials in the agent's environment. */
  public ConfigLoader() {
    this(System.getenv());
  }

  /**
   * A loader that resolves {@code token_secret_env} and {@code token_secret_credential} in {@code
   * environment} instead of the agent's own (tests stand in a temporary $CREDENTIALS_DIRECTORY).
   */
  public ConfigLoader(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  public AgentConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    return parse(text);
  }

  public AgentConfig parse(String text) throws ConfigException {
    if (text.isBlank()) {
      return AgentConfig.defaults();
    }
    return ConfigYaml.read(
        text, AgentConfig::defaults, node -> AgentConfig.from(node, environment));
  }
}
