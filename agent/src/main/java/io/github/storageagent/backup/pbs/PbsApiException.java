package io.github.storageagent.backup.pbs;

/**
 * A PBS call that failed. The message names the endpoint path and the HTTP status or transport
 * problem only: never a header, a query value or the token.
 */
public final class PbsApiException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int status;

  public PbsApiException(String message, int status) {
    super(message);
    this.status = status;
  }

  /** HTTP status, or 0 when no answer was received (connection, TLS, timeout). */
  public int status() {
    return status;
  }
}
