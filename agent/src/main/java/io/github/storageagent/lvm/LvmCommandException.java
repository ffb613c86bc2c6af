package io.github.storageagent.lvm;

import java.io.IOException;

/** lvs or vgs could not be run, failed, hung or printed too much; the message is one line. */
public final class LvmCommandException extends IOException {
  private static final long serialVersionUID = 1L;

  public LvmCommandException(String message) {
    super(message);
  }

  public LvmCommandException(String message, Throwable cause) {
    super(message, cause);
  }
}
