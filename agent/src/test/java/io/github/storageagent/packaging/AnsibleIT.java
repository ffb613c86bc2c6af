package io.github.storageagent.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.storageagent.it.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Ansible role and playbook: lint-clean at the production profile, syntactically valid, and a
 * real run against this machine that installs the agent, then a second run that changes nothing.
 */
class AnsibleIT {

  static final Path ANSIBLE =
      Path.of(System.getProperty("storage.project.root", ".."))
          .toAbsolutePath()
          .normalize()
          .resolve("ansible");

  static DebianPackageIT.Result run(List<String> argv) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(argv).directory(ANSIBLE.toFile()).redirectErrorStream(true);
    pb.environment()
        .putAll(Map.of("ANSIBLE_NOCOLOR", "1", "ANSIBLE_FORCE_COLOR", "0", "PY_COLORS", "0"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(600, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", argv) + " did not finish within 600 s");
    }
    return new DebianPackageIT.Result(p.exitValue(), out);
  }

  @Test
  void lintPassesAtTheProductionProfile() throws Exception {
    DebianPackageIT.Result r =
        run(
            List.of(
                Tools.require("ansible-lint", "ansible-lint").toString(),
                "--profile",
                "production",
                "--nocolor"));
    assertThat(r.exit()).as(r.out()).isZero();
  }

  @Test
  void playbookSyntaxIsValid() throws Exception {
    DebianPackageIT.Result r =
        run(
            List.of(
                Tools.require("ansible-playbook", "ansible").toString(),
                "--syntax-check",
                "-i",
                "inventory.example.yml",
                "playbooks/site.yml"));
    assertThat(r.exit()).as(r.out()).isZero();
  }

  @Test
  void realLocalRunInstallsTheAgentAndASecondRunChangesNothing() throws Exception {
    if (!"root".equals(System.getProperty("user.name"))) {
      fail("the local Ansible run installs packages and needs root; CI runs the tests as root");
    }
    String playbook = Tools.require("ansible-playbook", "ansible").toString();
    String deb = DebianPackageIT.deb().toString();
    List<String> argv =
        List.of(
            playbook,
            "-i",
            "tests/inventory.local.yml",
            "playbooks/site.yml",
            "-e",
            "storage_agent_deb_file=" + deb);
    DebianPackageIT.run("dpkg", "--purge", "storage-agent");
    try {
      DebianPackageIT.Result first = run(argv);
      assertThat(first.exit()).as(first.out()).isZero();
      assertThat(changed(first.out())).as(first.out()).isPositive();

      DebianPackageIT.Result second = run(argv);
      assertThat(second.exit()).as(second.out()).isZero();
      assertThat(changed(second.out()))
          .as("second run must change nothing:\n" + second.out())
          .isZero();

      // As systemd will start it: the token secret from $CREDENTIALS_DIRECTORY.
      DebianPackageIT.Result check =
          DebianPackageIT.run(
              "env",
              "CREDENTIALS_DIRECTORY=/etc/storage-agent/credentials",
              "/usr/bin/storage-agent",
              "--check-config",
              "--config.file=/etc/storage-agent/config.yml");
      assertThat(check.exit()).as(check.out()).isZero();
      assertThat(check.out()).contains("config OK");
      assertThat(Files.readString(Path.of("/etc/storage-agent/config.yml")))
          .contains("interval: 2s");
      assertThat(Files.readString(Path.of("/etc/prometheus/file_sd/storage-agent.yml")))
          .contains("127.0.0.1:9958");
      assertThat(Path.of("/etc/prometheus/rules/storage-capacity.rules.yml")).exists();

      // The token secret: a root-only file handed to the service as a systemd credential.
      Path secret = Path.of("/etc/storage-agent/credentials/pbs-pbs01");
      assertThat(Files.readString(secret)).isEqualTo("ansible-it-not-a-real-secret\n");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
          .isEqualTo("rw-------");
      assertThat(Files.getOwner(secret).getName()).isEqualTo("root");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret.getParent())))
          .isEqualTo("rwx------");
      assertThat(
              Files.readString(
                  Path.of("/etc/systemd/system/storage-agent.service.d/credentials.conf")))
          .contains("[Service]\nLoadCredential=pbs-pbs01:/etc/storage-agent/credentials/pbs-pbs01");
      String config = Files.readString(Path.of("/etc/storage-agent/config.yml"));
      assertThat(config)
          .contains("token_secret_credential: pbs-pbs01")
          .doesNotContain("token_secret_file")
          .doesNotContain("ansible-it-not-a-real-secret");
      assertThat(first.out() + second.out()).doesNotContain("ansible-it-not-a-real-secret");
    } finally {
      DebianPackageIT.run("dpkg", "--purge", "storage-agent");
      DebianPackageIT.run(
          "rm",
          "-rf",
          "/etc/storage-agent/credentials",
          "/etc/systemd/system/storage-agent.service.d/credentials.conf");
      DebianPackageIT.run("rmdir", "--ignore-fail-on-non-empty", "/etc/storage-agent");
      DebianPackageIT.run(
          "rmdir", "--ignore-fail-on-non-empty", "/etc/systemd/system/storage-agent.service.d");
      for (String f :
          List.of(
              "rules/storage-agent.rules.yml",
              "rules/storage-backup.rules.yml",
              "rules/storage-capacity.rules.yml",
              "rules/storage-health.rules.yml",
              "file_sd/storage-agent.yml")) {
        Files.deleteIfExists(Path.of("/etc/prometheus", f));
      }
    }
  }

  private static int changed(String recap) {
    Matcher m =
        Pattern.compile("localhost\\s+:\\s+ok=\\d+\\s+changed=(\\d+)\\s+unreachable=0\\s+failed=0")
            .matcher(recap);
    int total = 0;
    boolean found = false;
    while (m.find()) {
      found = true;
      total += Integer.parseInt(m.group(1));
    }
    if (!found) {
      fail("no PLAY RECAP for localhost in:\n" + recap);
    }
    return total;
  }
}
