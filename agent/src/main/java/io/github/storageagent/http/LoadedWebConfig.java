package io.github.storageagent.http;

import io.github.storageagent.config.ConfigException;
import io.github.storageagent.config.PemSource;
import io.github.storageagent.config.TlsVersion;
import io.github.storageagent.config.WebConfig;
import io.github.storageagent.config.WebConfigLoader;
import io.github.storageagent.config.WebTlsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A web config file read with everything it names: the YAML, and the certificate, key and client CA
 * files, all checked. What the server runs with, what {@code --check-config} and {@code doctor}
 * report on, and what a reload must produce before it replaces the running one.
 *
 * @param file the web config file
 * @param config its settings
 * @param tls the certificate, key and client CAs, when TLS is on
 */
public record LoadedWebConfig(Path file, WebConfig config, Optional<TlsMaterial> tls) {

  /** Leaf certificates expiring sooner than this are warned about. */
  static final Duration EXPIRY_WARNING = Duration.ofDays(14);

  public static LoadedWebConfig load(Path file) throws ConfigException {
    WebConfig config = new WebConfigLoader().load(file);
    if (config.tls().isEmpty()) {
      return new LoadedWebConfig(file, config, Optional.empty());
    }
    WebTlsConfig tls = config.tls().get();
    List<String> unknown = new ArrayList<>(tls.cipherSuites());
    if (!unknown.isEmpty()) {
      Set<String> supported = ServerTls.supportedCipherSuites();
      unknown.removeIf(supported::contains);
      if (!unknown.isEmpty()) {
        throw new ConfigException(
            file + ": tls_server_config.cipher_suites: unknown to this Java runtime: " + unknown);
      }
    }
    try {
      return new LoadedWebConfig(file, config, Optional.of(TlsMaterial.load(tls)));
    } catch (TlsMaterial.TlsMaterialException e) {
      throw new ConfigException(file + ": tls_server_config." + e.getMessage());
    }
  }

  /** The files whose change means a reload: the web config and the PEM files it names. */
  List<Path> watchedFiles() {
    List<Path> files = new ArrayList<>();
    files.add(file);
    config
        .tls()
        .ifPresent(
            t -> {
              t.cert().file().ifPresent(files::add);
              t.key().file().ifPresent(files::add);
              t.clientCa().flatMap(PemSource::file).ifPresent(files::add);
            });
    return files;
  }

  /** One line on what the file turns on, for the start-up log and {@code --check-config}. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    if (config.tls().isPresent()) {
      WebTlsConfig t = config.tls().get();
      s.append("TLS on (")
          .append(t.minVersion())
          .append('-')
          .append(t.maxVersion())
          .append(", client certificates: ")
          .append(t.clientAuth().yamlName())
          .append(", certificate valid until ")
          .append(tls.orElseThrow().notAfter())
          .append(')');
    } else {
      s.append("TLS off");
    }
    s.append(", basic auth ")
        .append(config.users().isEmpty() ? "off" : "on (" + config.users().size() + " users)");
    if (!config.headers().isEmpty()) {
      s.append(", headers ").append(String.join(", ", config.headers().keySet()));
    }
    config
        .rateLimit()
        .ifPresent(
            r -> s.append(", rate limit ").append(r.burst()).append(" per ").append(r.interval()));
    return s.toString();
  }

  /** What works but deserves the admin's eye: an expiring certificate, a setting not honoured. */
  public List<String> warnings(Instant now) {
    List<String> warnings = new ArrayList<>();
    if (config.tls().isPresent()) {
      WebTlsConfig t = config.tls().get();
      Instant notAfter = tls.orElseThrow().notAfter();
      if (notAfter.isBefore(now)) {
        warnings.add(t.cert().describe() + ": the certificate expired at " + notAfter);
      } else if (notAfter.isBefore(now.plus(EXPIRY_WARNING))) {
        warnings.add(t.cert().describe() + ": the certificate expires at " + notAfter);
      }
      if (t.minVersion().compareTo(TlsVersion.TLS12) < 0) {
        warnings.add(
            "min_version "
                + t.minVersion()
                + ": the Java runtime disables TLS 1.0 and 1.1 (jdk.tls.disabledAlgorithms);"
                + " clients still need TLS 1.2 or later");
      }
      if (!t.curvePreferences().isEmpty() && !ServerTls.canSetCurves()) {
        warnings.add(
            "curve_preferences: needs Java 20 or later; this Java uses its default groups");
      }
    }
    if (!config.users().isEmpty() && config.tls().isEmpty()) {
      warnings.add("basic_auth_users without TLS: passwords cross the network in clear text");
    }
    return warnings;
  }
}
