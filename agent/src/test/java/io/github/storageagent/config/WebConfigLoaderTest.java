package io.github.storageagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebConfigLoaderTest {

  private static final Path DIR = Path.of("/etc/storage-agent");
  private static final String HASH = "$2y$10$" + "a".repeat(53);

  private static WebConfig parse(String yaml) throws ConfigException {
    return new WebConfigLoader().parse(yaml, DIR);
  }

  @Test
  void readsExporterToolkitsKeysWithPathsRelativeToTheFile() throws Exception {
    WebConfig c =
        parse(
            """
            tls_server_config:
              cert_file: web.crt
              key_file: /secure/web.key
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: ca.crt
              min_version: TLS13
              cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]
              curve_preferences: [X25519, CurveP256]
              prefer_server_cipher_suites: false
              client_allowed_sans: [prometheus.example.org]
            http_server_config:
              http2: false
              headers:
                X-Frame-Options: deny
                Strict-Transport-Security: max-age=31536000
            basic_auth_users:
              prometheus: %s
            rate_limit:
              burst: 10
              interval: 1s
            """
                .formatted(HASH));
    WebTlsConfig tls = c.tls().orElseThrow();
    assertThat(tls.cert().file()).contains(DIR.resolve("web.crt"));
    assertThat(tls.key().file()).contains(Path.of("/secure/web.key"));
    assertThat(tls.clientCa().orElseThrow().file()).contains(DIR.resolve("ca.crt"));
    assertThat(tls.clientAuth()).isEqualTo(ClientAuthType.REQUIRE_AND_VERIFY_CLIENT_CERT);
    assertThat(tls.minVersion()).isEqualTo(TlsVersion.TLS13);
    assertThat(tls.maxVersion()).isEqualTo(TlsVersion.TLS13);
    assertThat(tls.curvePreferences()).containsExactly("x25519", "secp256r1");
    assertThat(tls.cipherSuites()).containsExactly("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    assertThat(tls.preferServerCipherSuites()).isFalse();
    assertThat(tls.clientAllowedSans()).containsExactly("prometheus.example.org");
    assertThat(c.http2()).isFalse();
    assertThat(c.headers()).containsEntry("X-Frame-Options", "deny").hasSize(2);
    assertThat(c.users()).containsOnlyKeys("prometheus");
    assertThat(c.rateLimit()).contains(new WebConfig.RateLimit(10, Duration.ofSeconds(1)));
  }

  @Test
  void anEmptyFileOrSectionMeansPlainHttpAndNoAuth() throws Exception {
    assertThat(parse("")).isEqualTo(WebConfig.none());
    WebConfig c = parse("tls_server_config: {}\nbasic_auth_users: {}\n");
    assertThat(c.tls()).isEmpty();
    assertThat(c.users()).isEmpty();
    assertThat(parse("tls_server_config:\n  min_version: TLS13\n").tls()).isEmpty();
  }

  @Test
  void inlineKeysAreNeverShown() throws Exception {
    WebConfig c =
        parse(
            "tls_server_config:\n  cert: \"-----BEGIN CERTIFICATE-----\"\n"
                + "  key: \"-----BEGIN PRIVATE KEY-----SECRETKEYTEXT\"\n");
    assertThat(c.toString()).doesNotContain("SECRETKEYTEXT").contains("key (inline)");
  }

  @Test
  void refusesWhatExporterToolkitRefusesNamingTheKey() {
    List<String[]> cases =
        List.of(
            new String[] {"tls_server_config:\n  cert_fle: a.crt\n", "cert_fle: unknown key"},
            new String[] {"tls_srever_config: {}\n", "tls_srever_config: unknown key"},
            new String[] {
              "tls_server_config:\n  cert_file: a.crt\n", "tls_server_config.key_file: missing"
            },
            new String[] {
              "tls_server_config:\n  key_file: a.key\n", "tls_server_config.cert_file: missing"
            },
            new String[] {
              "tls_server_config:\n  cert_file: a\n  key_file: b\n  client_auth_type: Require\n",
              "tls_server_config.client_auth_type: must be one of NoClientCert"
            },
            new String[] {
              "tls_server_config:\n  cert_file: a\n  key_file: b\n  client_ca_file: ca\n",
              "client_ca_file is set but client_auth_type is not"
            },
            new String[] {
              "tls_server_config:\n  cert_file: a\n  key_file: b\n  min_version: TLS14\n",
              "tls_server_config.min_version: must be one of TLS10"
            },
            new String[] {
              "tls_server_config:\n  cert_file: a\n  key_file: b\n  min_version: TLS13\n"
                  + "  max_version: TLS12\n",
              "min_version: is newer than max_version"
            },
            new String[] {
              "tls_server_config:\n  cert_file: a\n  key_file: b\n  curve_preferences: [P256]\n",
              "unknown curve 'P256'"
            },
            new String[] {
              "tls_server_config:\n  cert_file: a\n  cert: x\n  key_file: b\n",
              "set either cert or cert_file"
            },
            new String[] {
              "http_server_config:\n  headers:\n    Server: nginx\n",
              "headers.Server: this header can not be configured"
            },
            new String[] {
              "http_server_config:\n  headers:\n    X-Frame-Options: allow\n",
              "must be one of [deny, sameorigin]"
            },
            new String[] {"basic_auth_users:\n  alice: secret\n", "basic_auth_users.alice: not a"},
            new String[] {
              "basic_auth_users:\n  alice: $2y$03$" + "a".repeat(53) + "\n", "not a bcrypt hash"
            },
            new String[] {"basic_auth_users: [alice]\n", "basic_auth_users: expected"},
            new String[] {"rate_limit:\n  burst: 0\n  interval: 1s\n", "rate_limit.burst"},
            new String[] {"rate_limit:\n  burst: 1\n  interval: soon\n", "rate_limit.interval"},
            new String[] {"basic_auth_users: 'unterminated\n", "not valid YAML"});
    for (String[] c : cases) {
      assertThatThrownBy(() -> parse(c[0]))
          .as(c[0])
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(c[1]);
    }
  }

  @Test
  void knowsExporterToolkitsKeysOnly() {
    assertThatThrownBy(() -> parse("tls: {}\n"))
        .hasMessage(
            "tls: unknown key (known keys here: basic_auth_users, http_server_config, rate_limit,"
                + " tls_server_config)");
    // The directory relative file names are taken from is the file's, never a key.
    assertThatThrownBy(() -> parse("tls_server_config:\n  directory: /x\n"))
        .hasMessage(
            "tls_server_config.directory: unknown key (known keys here: cert, cert_file,"
                + " cipher_suites, client_allowed_sans, client_auth_type, client_ca, client_ca_file,"
                + " curve_preferences, key, key_file, max_version, min_version,"
                + " prefer_server_cipher_suites)");
  }

  @Test
  void takesValuesAsTheLoaderAlwaysDid() throws Exception {
    WebConfig c =
        parse(
            """
            http_server_config:
              http2: no
              headers:
                X-XSS-Protection: 0
            rate_limit:
              burst: "20"
              interval: 1s
            tls_server_config:
              cipher_suites: [~]
            """);
    assertThat(c.http2()).isFalse();
    assertThat(c.headers()).containsEntry("X-XSS-Protection", "0");
    assertThat(c.rateLimit()).contains(new WebConfig.RateLimit(20, Duration.ofSeconds(1)));
    // Without a certificate TLS is off, and its other keys are not looked at.
    assertThat(c.tls()).isEmpty();
    assertThatThrownBy(() -> parse("rate_limit:\n  burst: 1.5\n  interval: 1s\n"))
        .hasMessage("rate_limit.burst: expected a number, got '1.5'");
  }

  @Test
  void namesTheKeyWhereDatabindShowedItsInternals() {
    String tls = "tls_server_config:\n  cert_file: a\n  key_file: b\n";
    assertThatThrownBy(() -> parse(tls + "  cipher_suites: [TLS_AES_128_GCM_SHA256, ~]\n"))
        .hasMessage("tls_server_config.cipher_suites: an entry has no value");
    assertThatThrownBy(() -> parse(tls + "  curve_preferences: [~]\n"))
        .hasMessage("tls_server_config.curve_preferences: an entry has no value");
    assertThatThrownBy(() -> parse("tls_server_config:\n  cert_file: \"a\\0b\"\n  key_file: b\n"))
        .hasMessage("tls_server_config.cert_file: not a valid path: Nul character not allowed");
    assertThatThrownBy(() -> parse("rate_limit:\n  burst: 1\n  interval: 9999999999999999d\n"))
        .hasMessage("rate_limit.interval: long overflow");
  }

  @Test
  void aBadHashIsNotEchoed() {
    assertThatThrownBy(() -> parse("basic_auth_users:\n  alice: hunter2hunter2\n"))
        .isInstanceOf(ConfigException.class)
        .message()
        .doesNotContain("hunter2");
  }

  @Test
  void acceptsTheBcryptVersionsHtpasswdAndGoWrite() {
    for (String v : List.of("2a", "2b", "2y")) {
      assertThat(WebConfig.isBcryptHash("$" + v + "$12$" + "./".repeat(26) + "A")).isTrue();
    }
    assertThat(WebConfig.isBcryptHash("$1$abc$def")).isFalse();
    assertThat(WebConfig.isBcryptHash("$2y$10$" + "a".repeat(52))).isFalse();
  }

  @Test
  void loadNamesTheFileAndRefusesHugeOnes(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    Path missing = tmp.resolve("web.yml");
    assertThatThrownBy(() -> new WebConfigLoader().load(missing))
        .hasMessageContaining(missing + ": no such file");
    java.nio.file.Files.write(missing, new byte[SmallFile.MAX_BYTES + 1]);
    assertThatThrownBy(() -> new WebConfigLoader().load(missing))
        .hasMessageContaining("larger than");
  }
}
