package io.github.storageagent.backup.pbs;

/** An answer that is not the JSON shape the PBS API documents. */
public final class PbsFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public PbsFormatException(String message) {
    super(message);
  }
}
