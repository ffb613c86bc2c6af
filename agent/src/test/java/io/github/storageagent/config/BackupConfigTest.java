package io.github.storageagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupConfigTest {

  static final String FP =
      "64:D3:FF:3A:50:38:53:5A:9B:F7:50:E3:8C:96:C7:22:8D:6C:7E:9A:0F:1E:2A:B8:2A:E7:11:9B:3A:5F:11:2C";

  @TempDir Path tmp;
  final ConfigLoader loader = new ConfigLoader();

  Path token(String perms) throws Exception {
    Path t = tmp.resolve("pbs01.token");
    Files.deleteIfExists(t);
    Files.writeString(t, "secret-value\n");
    Files.setPosixFilePermissions(t, PosixFilePermissions.fromString(perms));
    return t;
  }

  String target(Path token, String extra) {
    return """
        backup:
          pbs:
            - name: pbs01
              url: https://pbs01.example:8007
              token_id: "monitor@pbs!storage-agent"
              token_secret_file: %s
        %s
        """
        .formatted(token, extra);
  }

  @Test
  void defaultsHaveNoPbsTargetsAndReadTheNodesVzdumpState() throws Exception {
    AgentConfig c = loader.parse("");
    assertThat(c.backup().pbs()).isEmpty();
    assertThat(c.backup().pve().enabled()).isTrue();
    assertThat(c.backup().pve().jobsDir()).isEqualTo(Path.of("/var/lib/pve-manager/jobs"));
    assertThat(c.backup().pve().tasksDir()).isEqualTo(Path.of("/var/log/pve/tasks"));
  }

  @Test
  void readsATarget() throws Exception {
    AgentConfig c =
        loader.parse(
            target(token("rw-r-----"), "      fingerprint: \"" + FP + "\"\n      interval: 30s"));
    var t = c.backup().pbs().get(0);
    assertThat(t.name()).isEqualTo("pbs01");
    assertThat(t.url().toString()).isEqualTo("https://pbs01.example:8007");
    assertThat(t.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(t.snapshotInterval()).isEqualTo(Duration.ofMinutes(15));
    assertThat(t.fingerprint()).isPresent();
    assertThat(t.groupInfo()).isFalse();
    assertThat(t.groupSnapshotSize()).isFalse();
    assertThat(t.secret().read().reveal()).isEqualTo("secret-value");
    assertThat(t.toString()).doesNotContain("secret-value");
  }

  @Test
  void refusesAWorldReadableSecretFileWithItsPath() throws Exception {
    Path t = token("rw-r--r--");
    assertThatThrownBy(() -> loader.parse(target(t, "      fingerprint: \"" + FP + "\"")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("backup.pbs[0].token_secret_file: token secret file")
        .hasMessageContaining("chmod 600")
        .hasMessageNotContaining("secret-value");
  }

  @Test
  void requiresAWayToVerifyTheCertificate() throws Exception {
    Path t = token("rw-------");
    assertThatThrownBy(() -> loader.parse(target(t, "")))
        .hasMessageStartingWith("backup.pbs[0].fingerprint: set fingerprint");
    assertThatThrownBy(() -> loader.parse(target(t, "      fingerprint: \"AB:CD\"")))
        .hasMessageStartingWith("backup.pbs[0].fingerprint: must be a SHA-256 fingerprint");
    assertThat(
            loader
                .parse(target(t, "      insecure_skip_verify: true"))
                .backup()
                .pbs()
                .get(0)
                .insecureSkipVerify())
        .isTrue();
  }

  @Test
  void rejectsBadValuesAndUnknownKeysWithTheirPath() throws Exception {
    Path t = token("rw-------");
    assertThatThrownBy(
            () -> loader.parse(target(t, "      fingerprint: \"" + FP + "\"\n      intervall: 5s")))
        .hasMessageStartingWith("backup.pbs[0].intervall: unknown key");
    assertThatThrownBy(
            () ->
                loader.parse(
                    target(t, "      fingerprint: \"" + FP + "\"").replace("https://", "http://")))
        .hasMessageStartingWith("backup.pbs[0].url: must be https://");
    assertThatThrownBy(
            () ->
                loader.parse(
                    target(t, "      fingerprint: \"" + FP + "\"")
                        .replace("monitor@pbs!", "monitor")))
        .hasMessageStartingWith("backup.pbs[0].token_id:");
    assertThatThrownBy(() -> loader.parse("backup:\n  pve:\n    interval: never\n"))
        .hasMessageStartingWith("backup.pve.interval: must be a duration");
  }

  @Test
  void groupInfoIsOptInAndOnlyTrueOrFalse() throws Exception {
    Path t = token("rw-------");
    String fp = "      fingerprint: \"" + FP + "\"\n";
    assertThat(
            loader
                .parse(target(t, fp + "      group_info: true"))
                .backup()
                .pbs()
                .get(0)
                .groupInfo())
        .isTrue();
    assertThat(
            loader
                .parse(target(t, fp + "      group_info: false"))
                .backup()
                .pbs()
                .get(0)
                .groupInfo())
        .isFalse();
    for (String bad : new String[] {"1", "\"true\"", "[true]", "{}"}) {
      assertThatThrownBy(() -> loader.parse(target(t, fp + "      group_info: " + bad)))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("backup.pbs[0].group_info: must be true or false, got '");
    }
    assertThatThrownBy(() -> loader.parse(target(t, fp + "      group_info: maybe")))
        .hasMessage("backup.pbs[0].group_info: must be true or false, got 'maybe'");
  }

  @Test
  void groupSnapshotSizeIsOptInAndOnlyTrueOrFalse() throws Exception {
    Path t = token("rw-------");
    String fp = "      fingerprint: \"" + FP + "\"\n";
    assertThat(
            loader.parse(target(t, fp.stripTrailing())).backup().pbs().get(0).groupSnapshotSize())
        .isFalse();
    assertThat(
            loader
                .parse(target(t, fp + "      group_snapshot_size: true"))
                .backup()
                .pbs()
                .get(0)
                .groupSnapshotSize())
        .isTrue();
    assertThat(
            loader
                .parse(target(t, fp + "      group_snapshot_size: false"))
                .backup()
                .pbs()
                .get(0)
                .groupSnapshotSize())
        .isFalse();
    for (String bad : new String[] {"1", "\"true\"", "[true]", "{}"}) {
      assertThatThrownBy(() -> loader.parse(target(t, fp + "      group_snapshot_size: " + bad)))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith(
              "backup.pbs[0].group_snapshot_size: must be true or false, got '");
    }
    assertThatThrownBy(() -> loader.parse(target(t, fp + "      group_snapshot_size: maybe")))
        .hasMessage("backup.pbs[0].group_snapshot_size: must be true or false, got 'maybe'");
  }

  @Test
  void targetNamesAreUnique() throws Exception {
    Path t = token("rw-------");
    String one = target(t, "      fingerprint: \"" + FP + "\"");
    String two =
        one
            + """
                - name: pbs01
                  url: https://pbs02.example:8007
                  token_id: "monitor@pbs!storage-agent"
                  token_secret_env: PATH
                  fingerprint: "%s"
            """
                .formatted(FP)
                .replace("        - name", "    - name");
    assertThatThrownBy(() -> loader.parse(two.replace("\n\n", "\n")))
        .hasMessageContaining("pbs[1].name: duplicate target name 'pbs01'");
  }
}
