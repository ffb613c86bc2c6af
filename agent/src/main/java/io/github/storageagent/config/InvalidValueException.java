package io.github.storageagent.config;

/**
 * A config value that has the right type but a wrong value; names the key relative to its record.
 */
public final class InvalidValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String key;

  public InvalidValueException(String key, String reason) {
    super(reason);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
