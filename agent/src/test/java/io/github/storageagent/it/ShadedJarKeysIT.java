package io.github.storageagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.testing.TestPki;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar carries only the part of Bouncy Castle the agent uses (reading PEM keys, bcrypt):
 * every key form an admin may have must still load from the jar itself, and an encrypted key must
 * still be refused with its reason, not with a missing class. (Bcrypt through the jar:
 * WebConfigIT.)
 */
class ShadedJarKeysIT {

  @TempDir Path dir;

  @Test
  void everyKeyFormLoadsFromTheJar() throws Exception {
    KeyPair rsa = TestPki.rsa();
    KeyPair ec = TestPki.ec();
    assertLoads("rsa-pkcs1", rsa, TestPki.pem(rsa.getPrivate()));
    assertLoads("rsa-pkcs8", rsa, TestPki.pkcs8(rsa.getPrivate()));
    assertLoads("ec-sec1", ec, TestPki.sec1(ec.getPrivate()));
    assertLoads("ec-pkcs8", ec, TestPki.pkcs8(ec.getPrivate()));
  }

  @Test
  void anEncryptedKeyIsRefusedWithItsReason() throws Exception {
    KeyPair rsa = TestPki.rsa();
    StringWriter encrypted = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(encrypted)) {
      w.writeObject(
          rsa.getPrivate(),
          new JcePEMEncryptorBuilder("AES-128-CBC")
              .setProvider(new BouncyCastleProvider())
              .build("pass".toCharArray()));
    }
    AgentProcess.Finished run = checkConfig("encrypted", rsa, encrypted.toString());
    assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
    assertThat(run.stderr()).contains("the key is encrypted").doesNotContain("ClassNotFound");
  }

  private void assertLoads(String name, KeyPair keys, String keyPem) throws Exception {
    AgentProcess.Finished run = checkConfig(name, keys, keyPem);
    assertThat(run.exitCode()).as(name + ": " + run.stderr()).isZero();
    assertThat(run.stdout()).as(name).contains("web config OK");
  }

  private AgentProcess.Finished checkConfig(String name, KeyPair keys, String keyPem)
      throws Exception {
    Path sub = Files.createDirectories(dir.resolve(name));
    Files.writeString(
        sub.resolve("web.crt"), TestPki.pem(TestPki.selfSigned(keys, Duration.ofDays(30))));
    Files.writeString(sub.resolve("web.key"), keyPem);
    Path web =
        Files.writeString(
            sub.resolve("web.yml"),
            """
            tls_server_config:
              cert_file: web.crt
              key_file: web.key
            """);
    return AgentProcess.run(Map.of(), "--check-config", "--web.config.file=" + web);
  }
}
