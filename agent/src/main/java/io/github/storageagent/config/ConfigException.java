package io.github.storageagent.config;

/** A config file the agent refuses to start with: the message is "path.to.key: reason". */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
