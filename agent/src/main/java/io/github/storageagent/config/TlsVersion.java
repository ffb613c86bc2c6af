package io.github.storageagent.config;

/** exporter-toolkit's {@code min_version}/{@code max_version}, with the JSSE protocol names. */
public enum TlsVersion {
  TLS10("TLSv1"),
  TLS11("TLSv1.1"),
  TLS12("TLSv1.2"),
  TLS13("TLSv1.3");

  private final String protocol;

  TlsVersion(String protocol) {
    this.protocol = protocol;
  }

  static TlsVersion parse(String key, String value, TlsVersion fallback) {
    if (value == null) {
      return fallback;
    }
    for (TlsVersion v : values()) {
      if (v.name().equals(value)) {
        return v;
      }
    }
    throw new InvalidValueException(
        key, "must be one of TLS10, TLS11, TLS12, TLS13, got '" + value + "'");
  }

  /** The JSSE name, e.g. {@code TLSv1.2}. */
  public String protocol() {
    return protocol;
  }
}
