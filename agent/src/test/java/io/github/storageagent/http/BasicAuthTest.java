package io.github.storageagent.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

class BasicAuthTest {

  private static String hash(String version, String password) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return OpenBSDBCrypt.generate(version, password.toCharArray(), salt, 4);
  }

  @Test
  void acceptsOnlyTheRightPasswordOfAKnownUser() {
    var outcomes = BasicAuth.newOutcomeCache();
    BasicAuth auth =
        new BasicAuth(
            Map.of("prometheus", hash("2y", "s3cret"), "grafana", hash("2a", "other")),
            outcomes,
            new Object());
    assertThat(auth.enabled()).isTrue();
    assertThat(auth.authenticate("prometheus", "s3cret")).isTrue();
    assertThat(auth.authenticate("grafana", "other")).isTrue();
    assertThat(auth.authenticate("prometheus", "other")).isFalse();
    assertThat(auth.authenticate("grafana", "s3cret")).isFalse();
    assertThat(auth.authenticate("nobody", "s3cret")).isFalse();
    assertThat(auth.authenticate("prometheus", "")).isFalse();
    assertThat(auth.authenticate("prometheus", "x".repeat(100))).isFalse();
    // Remembered outcomes answer the same way, and hold no password.
    assertThat(auth.authenticate("prometheus", "s3cret")).isTrue();
    assertThat(auth.authenticate("prometheus", "other")).isFalse();
    assertThat(outcomes.asMap().keySet()).noneMatch(k -> k.contains("s3cret"));
  }

  @Test
  void aChangedHashIsNotAnsweredFromMemory() {
    var outcomes = BasicAuth.newOutcomeCache();
    Object lock = new Object();
    assertThat(
            new BasicAuth(Map.of("p", hash("2y", "old")), outcomes, lock).authenticate("p", "old"))
        .isTrue();
    assertThat(
            new BasicAuth(Map.of("p", hash("2y", "new")), outcomes, lock).authenticate("p", "old"))
        .isFalse();
  }

  @Test
  void noUsersMeansNoAuth() {
    assertThat(new BasicAuth(Map.of(), BasicAuth.newOutcomeCache(), new Object()).enabled())
        .isFalse();
  }
}
