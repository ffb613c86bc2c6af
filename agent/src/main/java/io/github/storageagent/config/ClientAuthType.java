package io.github.storageagent.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * exporter-toolkit's {@code client_auth_type}: whether a client certificate is asked for, required,
 * and verified against {@code client_ca_file}.
 */
public enum ClientAuthType {
  NO_CLIENT_CERT("NoClientCert", false, false, false),
  REQUEST_CLIENT_CERT("RequestClientCert", true, false, false),
  REQUIRE_ANY_CLIENT_CERT("RequireAnyClientCert", true, true, false),
  VERIFY_CLIENT_CERT_IF_GIVEN("VerifyClientCertIfGiven", true, false, true),
  REQUIRE_AND_VERIFY_CLIENT_CERT("RequireAndVerifyClientCert", true, true, true);

  private final String yamlName;
  private final boolean requests;
  private final boolean requires;
  private final boolean verifies;

  ClientAuthType(String yamlName, boolean requests, boolean requires, boolean verifies) {
    this.yamlName = yamlName;
    this.requests = requests;
    this.requires = requires;
    this.verifies = verifies;
  }

  /** The name in the file; {@code RequireClientCert} is exporter-toolkit's older spelling. */
  static ClientAuthType parse(String value) {
    if (value == null || value.isEmpty()) {
      return NO_CLIENT_CERT;
    }
    if (value.equals("RequireClientCert")) {
      return REQUIRE_ANY_CLIENT_CERT;
    }
    for (ClientAuthType t : values()) {
      if (t.yamlName.equals(value)) {
        return t;
      }
    }
    throw new InvalidValueException(
        "client_auth_type",
        "must be one of "
            + Arrays.stream(values()).map(t -> t.yamlName).collect(Collectors.joining(", "))
            + ", got '"
            + value
            + "'");
  }

  public String yamlName() {
    return yamlName;
  }

  /** The server asks the client for a certificate. */
  public boolean requests() {
    return requests;
  }

  /** The handshake fails without a client certificate. */
  public boolean requires() {
    return requires;
  }

  /** A client certificate given is checked against the client CA. */
  public boolean verifies() {
    return verifies;
  }
}
