package io.github.storageagent.config;

import java.util.Objects;

/**
 * An API token secret. {@link #toString()} is redacted so the value cannot reach a log line, an
 * exception message or a page by accident; only {@link #reveal()} gives it, at the one place the
 * Authorization header is built.
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value);
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "Secret[redacted]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && java.security.MessageDigest.isEqual(bytes(), s.bytes());
  }

  @Override
  public int hashCode() {
    return 0;
  }

  private byte[] bytes() {
    return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
