package io.github.storageagent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.storageagent.config.ConfigException;
import io.github.storageagent.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadedWebConfigTest {

  @TempDir Path dir;

  private Path webConfig(String key) throws Exception {
    return Files.writeString(
        dir.resolve("web.yml"),
        "tls_server_config:\n  cert_file: web.crt\n  key_file: " + key + "\n");
  }

  @Test
  void takesTheKeyFormsNodeExporterTakes() throws Exception {
    KeyPair rsa = TestPki.rsa();
    KeyPair ec = TestPki.ec();
    for (var c :
        new Object[][] {
          {rsa, TestPki.pem(rsa.getPrivate()), "BEGIN RSA PRIVATE KEY"},
          {rsa, TestPki.pkcs8(rsa.getPrivate()), "BEGIN PRIVATE KEY"},
          {ec, TestPki.sec1(ec.getPrivate()), "BEGIN EC PRIVATE KEY"},
          {ec, TestPki.pkcs8(ec.getPrivate()), "BEGIN PRIVATE KEY"},
        }) {
      KeyPair keys = (KeyPair) c[0];
      String keyPem = (String) c[1];
      assertThat(keyPem).contains((String) c[2]);
      Files.writeString(dir.resolve("web.crt"), TestPki.pem(TestPki.selfSigned(keys, days(30))));
      Files.writeString(dir.resolve("web.key"), keyPem);
      LoadedWebConfig loaded = LoadedWebConfig.load(webConfig("web.key"));
      assertThat(loaded.tls().orElseThrow().key().getAlgorithm())
          .isEqualTo(keys.getPrivate().getAlgorithm());
      assertThat(loaded.summary()).startsWith("TLS on (TLS12-TLS13");
    }
  }

  @Test
  void saysWhatIsWrongWithTheKeysPath() throws Exception {
    KeyPair keys = TestPki.ec();
    Files.writeString(dir.resolve("web.crt"), TestPki.pem(TestPki.selfSigned(keys, days(30))));
    Files.writeString(dir.resolve("other.key"), TestPki.pkcs8(TestPki.ec().getPrivate()));
    Files.writeString(dir.resolve("cert-as-key.pem"), Files.readString(dir.resolve("web.crt")));
    Files.writeString(dir.resolve("garbage.key"), "-----BEGIN PRIVATE KEY-----\n!!\n");

    assertThatThrownBy(() -> LoadedWebConfig.load(webConfig("missing.key")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tls_server_config.key_file " + dir.resolve("missing.key"))
        .hasMessageContaining("no such file");
    assertThatThrownBy(() -> LoadedWebConfig.load(webConfig("other.key")))
        .hasMessageContaining("key_file " + dir.resolve("other.key"))
        .hasMessageContaining("does not match the certificate in cert_file");
    assertThatThrownBy(() -> LoadedWebConfig.load(webConfig("cert-as-key.pem")))
        .hasMessageContaining("no PEM private key in it");
    assertThatThrownBy(() -> LoadedWebConfig.load(webConfig("garbage.key")))
        .hasMessageContaining("not a PEM private key");
  }

  @Test
  void refusesAnEncryptedKey() throws Exception {
    KeyPair keys = TestPki.rsa();
    Files.writeString(dir.resolve("web.crt"), TestPki.pem(TestPki.selfSigned(keys, days(30))));
    var encryptor =
        new org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder("AES-128-CBC")
            .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
            .build("pass".toCharArray());
    var out = new java.io.StringWriter();
    try (var w = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(out)) {
      w.writeObject(keys.getPrivate(), encryptor);
    }
    Files.writeString(dir.resolve("enc.key"), out.toString());
    assertThatThrownBy(() -> LoadedWebConfig.load(webConfig("enc.key")))
        .hasMessageContaining("the key is encrypted");
  }

  @Test
  void warnsOfAnExpiringCertificateAndOfPasswordsInClearText() throws Exception {
    KeyPair keys = TestPki.ec();
    X509Certificate cert = TestPki.selfSigned(keys, days(3));
    Files.writeString(dir.resolve("web.crt"), TestPki.pem(cert));
    Files.writeString(dir.resolve("web.key"), TestPki.pkcs8(keys.getPrivate()));
    assertThat(LoadedWebConfig.load(webConfig("web.key")).warnings(Instant.now()))
        .singleElement()
        .asString()
        .contains("the certificate expires at");
    Path plain =
        Files.writeString(
            dir.resolve("plain.yml"), "basic_auth_users:\n  a: $2y$10$" + "a".repeat(53) + "\n");
    assertThat(LoadedWebConfig.load(plain).warnings(Instant.now()))
        .containsExactly("basic_auth_users without TLS: passwords cross the network in clear text");
  }

  @Test
  void refusesCipherSuitesTheRuntimeDoesNotKnow() throws Exception {
    KeyPair keys = TestPki.ec();
    Files.writeString(dir.resolve("web.crt"), TestPki.pem(TestPki.selfSigned(keys, days(30))));
    Files.writeString(dir.resolve("web.key"), TestPki.pkcs8(keys.getPrivate()));
    Path file =
        Files.writeString(
            dir.resolve("web.yml"),
            "tls_server_config:\n  cert_file: web.crt\n  key_file: web.key\n"
                + "  cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_MADE_UP]\n");
    assertThatThrownBy(() -> LoadedWebConfig.load(file))
        .hasMessageContaining("cipher_suites: unknown to this Java runtime: [TLS_MADE_UP]");
  }

  private static Duration days(int n) {
    return Duration.ofDays(n);
  }
}
