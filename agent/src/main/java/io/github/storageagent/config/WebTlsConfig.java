package io.github.storageagent.config;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code tls_server_config} of the web config file, in exporter-toolkit's meaning.
 *
 * @param cert the server's certificate chain, leaf first
 * @param key the server's private key (PKCS#1, SEC1 or PKCS#8 PEM, unencrypted)
 * @param clientAuth whether client certificates are asked for, required and verified
 * @param clientCa the CA client certificates are verified against (default: the JVM's CAs)
 * @param minVersion the oldest TLS version accepted (default TLS12)
 * @param maxVersion the newest TLS version accepted (default TLS13)
 * @param cipherSuites the TLS 1.2 cipher suites allowed, IANA names (empty: the JVM's defaults);
 *     like Go, TLS 1.3's suites are not configurable
 * @param curvePreferences the key exchange groups, JSSE names (empty: the JVM's defaults)
 * @param preferServerCipherSuites the server's order of cipher suites wins over the client's
 * @param clientAllowedSans a verified client certificate must carry one of these SANs (empty: any)
 */
public record WebTlsConfig(
    PemSource cert,
    PemSource key,
    ClientAuthType clientAuth,
    Optional<PemSource> clientCa,
    TlsVersion minVersion,
    TlsVersion maxVersion,
    List<String> cipherSuites,
    List<String> curvePreferences,
    boolean preferServerCipherSuites,
    List<String> clientAllowedSans) {

  /** exporter-toolkit's curve names, and the named groups JSSE knows them by. */
  static final Map<String, String> CURVES =
      Map.of(
          "CurveP256", "secp256r1",
          "CurveP384", "secp384r1",
          "CurveP521", "secp521r1",
          "X25519", "x25519");

  public WebTlsConfig {
    cipherSuites = List.copyOf(cipherSuites);
    curvePreferences = List.copyOf(curvePreferences);
    clientAllowedSans = List.copyOf(clientAllowedSans);
    if (minVersion.compareTo(maxVersion) > 0) {
      throw new InvalidValueException(
          "min_version", "is newer than max_version (" + maxVersion + ")");
    }
  }

  /** The section as written, before its keys are checked together. */
  record Yaml(
      @JsonProperty("cert_file") String certFile,
      @JsonProperty("cert") String certText,
      @JsonProperty("key_file") String keyFile,
      @JsonProperty("key") String keyText,
      @JsonProperty("client_auth_type") String clientAuthType,
      @JsonProperty("client_ca_file") String clientCaFile,
      @JsonProperty("client_ca") String clientCaText,
      @JsonProperty("min_version") String minVersion,
      @JsonProperty("max_version") String maxVersion,
      @JsonProperty("cipher_suites") List<String> cipherSuites,
      @JsonProperty("curve_preferences") List<String> curvePreferences,
      @JsonProperty("prefer_server_cipher_suites") Object preferServerCipherSuites,
      @JsonProperty("client_allowed_sans") List<String> clientAllowedSans,
      @JacksonInject(value = WebConfigLoader.DIRECTORY, useInput = OptBoolean.FALSE)
          Path directory) {

    @Override
    public String toString() {
      return "tls_server_config";
    }

    /**
     * The section's meaning; empty when none of its TLS keys is set (then the agent serves plain
     * HTTP, as exporter-toolkit does).
     */
    Optional<WebTlsConfig> resolve() {
      boolean enabled =
          set(certFile)
              || set(certText)
              || set(keyFile)
              || set(keyText)
              || set(clientCaFile)
              || set(clientCaText)
              || set(clientAuthType);
      Optional<PemSource> cert = pem("cert", certFile, certText, directory);
      Optional<PemSource> key = pem("key", keyFile, keyText, directory);
      Optional<PemSource> clientCa = pem("client_ca", clientCaFile, clientCaText, directory);
      ClientAuthType clientAuth = ClientAuthType.parse(clientAuthType);
      TlsVersion min = TlsVersion.parse("min_version", minVersion, TlsVersion.TLS12);
      TlsVersion max = TlsVersion.parse("max_version", maxVersion, TlsVersion.TLS13);
      List<String> groups = new ArrayList<>();
      for (String curve : nonNull(curvePreferences)) {
        String group = CURVES.get(curve);
        if (group == null) {
          throw new InvalidValueException(
              "curve_preferences",
              "unknown curve '" + curve + "' (known: CurveP256, CurveP384, CurveP521, X25519)");
        }
        groups.add(group);
      }
      boolean preferServer =
          ConfigValues.bool("prefer_server_cipher_suites", preferServerCipherSuites, true);
      if (!enabled) {
        return Optional.empty();
      }
      if (cert.isEmpty()) {
        throw new InvalidValueException("cert_file", "missing one of cert or cert_file");
      }
      if (key.isEmpty()) {
        throw new InvalidValueException("key_file", "missing one of key or key_file");
      }
      if (clientCa.isPresent() && clientAuth == ClientAuthType.NO_CLIENT_CERT) {
        throw new InvalidValueException(
            "client_auth_type",
            "client_ca_file is set but client_auth_type is not: set it to"
                + " RequireAndVerifyClientCert (or VerifyClientCertIfGiven)");
      }
      return Optional.of(
          new WebTlsConfig(
              cert.get(),
              key.get(),
              clientAuth,
              clientCa,
              min,
              max,
              nonNull(cipherSuites),
              groups,
              preferServer,
              nonNull(clientAllowedSans)));
    }
  }

  private static Optional<PemSource> pem(String key, String file, String text, Path directory) {
    if (set(file) && set(text)) {
      throw new InvalidValueException(key + "_file", "set either " + key + " or " + key + "_file");
    }
    if (set(file)) {
      return Optional.of(PemSource.ofFile(key + "_file", directory.resolve(file)));
    }
    return set(text) ? Optional.of(PemSource.ofInline(key, text)) : Optional.empty();
  }

  private static boolean set(String value) {
    return value != null && !value.isEmpty();
  }

  private static List<String> nonNull(List<String> values) {
    return values == null ? List.of() : values;
  }
}
