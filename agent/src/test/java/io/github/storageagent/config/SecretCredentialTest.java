package io.github.storageagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code token_secret_credential}: a temporary directory stands in for the $CREDENTIALS_DIRECTORY
 * systemd gives a unit with LoadCredential=, through an injected environment.
 */
class SecretCredentialTest {

  static final String SECRET = "7c0f6a52-credential-secret";

  @TempDir Path creds;

  static String target(String secretKeys) {
    return """
        backup:
          pbs:
            - name: pbs01
              url: https://pbs01.example:8007
              token_id: "monitor@pbs!storage-agent"
              fingerprint: "%s"
        %s
        """
        .formatted(BackupConfigTest.FP, secretKeys);
  }

  ConfigLoader loaderWithCredentials() {
    return new ConfigLoader(Map.of("CREDENTIALS_DIRECTORY", creds.toString()));
  }

  @Test
  void readsTheCredentialFromTheCredentialsDirectoryAtEachUse() throws Exception {
    Files.writeString(creds.resolve("pbs-main"), SECRET + "\n");

    AgentConfig c =
        loaderWithCredentials().parse(target("      token_secret_credential: pbs-main"));

    var t = c.backup().pbs().get(0);
    assertThat(t.secret().read().reveal()).isEqualTo(SECRET);
    assertThat(t.secret().describe()).isEqualTo("systemd credential pbs-main");
    assertThat(t.toString()).doesNotContain(SECRET);
    // A new secret behind the same credential (rotation, then restart) is what the next use sees.
    Files.writeString(creds.resolve("pbs-main"), "rotated-secret\n");
    assertThat(t.secret().read().reveal()).isEqualTo("rotated-secret");
  }

  @Test
  void saysTheAgentWasNotStartedWithLoadCredentialWhenTheDirectoryIsUnset() {
    assertThatThrownBy(
            () ->
                new ConfigLoader(Map.of("PATH", "/usr/bin"))
                    .parse(target("      token_secret_credential: pbs-main")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("backup.pbs[0].token_secret_credential: credential pbs-main")
        .hasMessageContaining("$CREDENTIALS_DIRECTORY is not set")
        .hasMessageContaining("not started by systemd with LoadCredential=pbs-main:");
  }

  @Test
  void namesAMissingCredentialFile() {
    assertThatThrownBy(
            () -> loaderWithCredentials().parse(target("      token_secret_credential: pbs-x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("backup.pbs[0].token_secret_credential: systemd credential pbs-x")
        .hasMessageContaining("does not exist")
        .hasMessageContaining("LoadCredential=pbs-x:");
  }

  @Test
  void refusesAnEmptySecret() throws Exception {
    Files.writeString(creds.resolve("pbs-main"), " \n");
    assertThatThrownBy(
            () -> loaderWithCredentials().parse(target("      token_secret_credential: pbs-main")))
        .hasMessageStartingWith("backup.pbs[0].token_secret_credential: systemd credential")
        .hasMessageEndingWith("is empty");
  }

  @Test
  void refusesNamesThatLeaveTheCredentialsDirectory() throws Exception {
    Files.writeString(creds.resolve("inside"), SECRET);
    for (String bad : new String[] {"../etc/shadow", "a/b", "..", ".", "x..y", "\"a:b\"", "\"\""}) {
      assertThatThrownBy(
              () -> loaderWithCredentials().parse(target("      token_secret_credential: " + bad)))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("backup.pbs[0].token_secret_credential: ")
          .hasMessageContaining("is not a credential name")
          .hasMessageNotContaining(SECRET);
    }
  }

  @Test
  void takesExactlyOneWayToGiveTheSecret() throws Exception {
    Files.writeString(creds.resolve("pbs-main"), SECRET);
    assertThatThrownBy(
            () ->
                loaderWithCredentials()
                    .parse(
                        target(
                            "      token_secret_credential: pbs-main\n"
                                + "      token_secret_env: PATH")))
        .hasMessage(
            "backup.pbs[0].token_secret_file: set exactly one of token_secret_file,"
                + " token_secret_env and token_secret_credential");
  }

  @Test
  void theCredentialIsReadWhereTheEnvironmentSaysNotFromTheProcessEnvironment() {
    SecretSource s = SecretSource.ofCredential("pbs-main", Map.of("CREDENTIALS_DIRECTORY", "/x"));
    assertThat(s.file()).isEqualTo(Path.of("/x/pbs-main"));
    assertThat(s.credential()).isEqualTo("pbs-main");
  }
}
