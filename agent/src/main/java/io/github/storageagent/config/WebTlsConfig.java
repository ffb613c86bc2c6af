package io.github.storageagent.config;

import java.nio.file.InvalidPathException;
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

  private static final String NO_VALUE = "an entry has no value";

  public WebTlsConfig {
    cipherSuites = List.copyOf(cipherSuites);
    curvePreferences = List.copyOf(curvePreferences);
    clientAllowedSans = List.copyOf(clientAllowedSans);
    if (minVersion.compareTo(maxVersion) > 0) {
      throw new InvalidValueException(
          "min_version", "is newer than max_version (" + maxVersion + ")");
    }
  }

  /**
   * The section as written, before its keys are checked together.
   *
   * @param directory the web config file's directory, which relative file names are taken from
   */
  record Yaml(
      String certFile,
      String certText,
      String keyFile,
      String keyText,
      String clientAuthType,
      String clientCaFile,
      String clientCaText,
      String minVersion,
      String maxVersion,
      List<String> cipherSuites,
      List<String> curvePreferences,
      Object preferServerCipherSuites,
      List<String> clientAllowedSans,
      Path directory) {

    static Yaml from(ConfigNode node, Path directory) {
      return new Yaml(
          node.string("cert_file"),
          node.string("cert"),
          node.string("key_file"),
          node.string("key"),
          node.string("client_auth_type"),
          node.string("client_ca_file"),
          node.string("client_ca"),
          node.string("min_version"),
          node.string("max_version"),
          node.stringList("cipher_suites"),
          node.stringList("curve_preferences"),
          node.value("prefer_server_cipher_suites"),
          node.stringList("client_allowed_sans"),
          directory);
    }

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
        if (curve == null) {
          throw new InvalidValueException("curve_preferences", NO_VALUE);
        }
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
      noEmptyEntry("cipher_suites", cipherSuites);
      noEmptyEntry("client_allowed_sans", clientAllowedSans);
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
      Path path;
      try {
        path = directory.resolve(file);
      } catch (InvalidPathException e) {
        throw new InvalidValueException(key + "_file", "not a valid path: " + e.getReason());
      }
      return Optional.of(PemSource.ofFile(key + "_file", path));
    }
    return set(text) ? Optional.of(PemSource.ofInline(key, text)) : Optional.empty();
  }

  /** An entry given without a value ({@code - } or {@code ~}), which a list of names cannot use. */
  private static void noEmptyEntry(String key, List<String> values) {
    if (values != null && values.contains(null)) {
      throw new InvalidValueException(key, NO_VALUE);
    }
  }

  private static boolean set(String value) {
    return value != null && !value.isEmpty();
  }

  private static List<String> nonNull(List<String> values) {
    return values == null ? List.of() : values;
  }
}
