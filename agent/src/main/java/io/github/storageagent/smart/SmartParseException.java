package io.github.storageagent.smart;

/** smartctl printed something that is not the JSON it promises (garbage, truncated, empty). */
public final class SmartParseException extends Exception {
  private static final long serialVersionUID = 1L;

  public SmartParseException(String message) {
    super(message);
  }
}
