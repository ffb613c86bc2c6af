package io.github.storageagent.lvm;

import java.io.IOException;

/** lvs or vgs printed something that is not an lvm JSON report. */
public final class LvmParseException extends IOException {
  private static final long serialVersionUID = 1L;

  public LvmParseException(String message, Throwable cause) {
    super(message, cause);
  }
}
