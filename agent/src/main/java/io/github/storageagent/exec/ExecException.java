package io.github.storageagent.exec;

import java.io.IOException;

/** A command could not be started at all (missing, not executable). */
public final class ExecException extends IOException {
  private static final long serialVersionUID = 1L;

  public ExecException(String message, Throwable cause) {
    super(message, cause);
  }
}
