package io.github.storageagent.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs real processes: the point of this package is how it treats them. */
class CommandRunnerTest {

  private final CommandRunner runner = new CommandRunner();
  @TempDir Path dir;

  private Path script(String name, String body) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void returnsExitCodeAndBothStreams() throws Exception {
    Path p = script("talk", "echo out; echo err >&2; exit 4");

    CommandResult r = runner.run(Command.of(Duration.ofSeconds(10), p.toString()));

    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.stdoutText()).isEqualTo("out\n");
    assertThat(r.stderrFirstLine()).isEqualTo("err");
    assertThat(r.completed()).isTrue();
  }

  @Test
  void passesArgumentsVerbatimWithoutAShell() throws Exception {
    Path p = script("args", "for a in \"$@\"; do echo \"[$a]\"; done");

    CommandResult r =
        runner.run(
            Command.of(Duration.ofSeconds(10), p.toString(), "a b", "$HOME", "*", "; rm -rf x"));

    assertThat(r.stdoutText()).isEqualTo("[a b]\n[$HOME]\n[*]\n[; rm -rf x]\n");
  }

  @Test
  void setsTheRequestedEnvironment() throws Exception {
    Path p = script("env", "echo \"$LC_ALL\"");

    CommandResult r =
        runner.run(
            Command.of(Duration.ofSeconds(10), p.toString())
                .withEnvironment(Map.of("LC_ALL", "C")));

    assertThat(r.stdoutText()).isEqualTo("C\n");
  }

  static final String SECRET = "3f1e9b2c-agent-env-secret";

  /** The agent's environment as a node's might be: a token secret, systemd's variables. */
  static final Map<String, String> AGENT_ENV =
      Map.of(
          "PATH", "/opt/tools:/usr/bin:/bin",
          "PBS_TOKEN_SECRET", SECRET,
          "CREDENTIALS_DIRECTORY", "/run/credentials/storage-agent.service",
          "HOME", "/root",
          "JAVA_TOOL_OPTIONS", "-Dx=" + SECRET,
          "LANG", "de_DE.UTF-8");

  private static Map<String, String> parseEnv(String text) {
    Map<String, String> env = new java.util.TreeMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return env;
  }

  @Test
  void aChildGetsOnlyTheSearchPathAndTheCLocaleNeverTheAgentsEnvironment() throws Exception {
    // /usr/bin/env, started without a shell, prints exactly the environment it was given.
    CommandResult r =
        new CommandRunner(AGENT_ENV).run(Command.of(Duration.ofSeconds(10), "/usr/bin/env"));

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdoutText()).doesNotContain(SECRET);
    assertThat(parseEnv(r.stdoutText()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "PATH", "/opt/tools:/usr/bin:/bin:/usr/sbin:/sbin",
                "LC_ALL", "C",
                "LANG", "C"));
  }

  @Test
  void theCommandsOwnEntriesComeOnTopAndLvmsDirectoriesPassOnlyWhenSet() throws Exception {
    Map<String, String> agent = new java.util.HashMap<>(AGENT_ENV);
    agent.put("LVM_SYSTEM_DIR", "/etc/lvm-alt");
    CommandResult r =
        new CommandRunner(agent)
            .run(
                Command.of(Duration.ofSeconds(10), "/usr/bin/env")
                    .withEnvironment(Map.of("LVM_SUPPRESS_FD_WARNINGS", "1")));

    assertThat(parseEnv(r.stdoutText()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "PATH", "/opt/tools:/usr/bin:/bin:/usr/sbin:/sbin",
                "LC_ALL", "C",
                "LANG", "C",
                "LVM_SYSTEM_DIR", "/etc/lvm-alt",
                "LVM_SUPPRESS_FD_WARNINGS", "1"));
    assertThat(new CommandRunner(AGENT_ENV).baseEnvironment()).doesNotContainKey("LVM_SYSTEM_DIR");
  }

  @Test
  void theDefaultRunnerPassesNothingOfThisJvmsEnvironmentButThePath() throws Exception {
    CommandResult r = new CommandRunner().run(Command.of(Duration.ofSeconds(10), "/usr/bin/env"));

    Map<String, String> child = parseEnv(r.stdoutText());
    assertThat(child.keySet()).isSubsetOf("PATH", "LC_ALL", "LANG", "LVM_SYSTEM_DIR", "DM_DEV_DIR");
    for (var e : System.getenv().entrySet()) {
      if (!child.containsKey(e.getKey())) {
        continue;
      }
      assertThat(e.getKey()).isIn("PATH", "LANG", "LC_ALL", "LVM_SYSTEM_DIR", "DM_DEV_DIR");
    }
  }

  @Test
  void aFakeToolSeesNoSecretInItsEnvironmentOrItsCommandLine() throws Exception {
    // Like the fake smartctl: a program that reports what it was started with, via /proc.
    Path p =
        script(
            "fake-tool",
            "tr '\\0' '\\n' < /proc/$$/environ; echo ---; tr '\\0' ' ' < /proc/$$/cmdline");

    CommandResult r =
        new CommandRunner(AGENT_ENV)
            .run(Command.of(Duration.ofSeconds(10), p.toString(), "--json", "/dev/sda"));

    assertThat(r.exitCode()).isZero();
    String[] parts = r.stdoutText().split("---\n");
    assertThat(parseEnv(parts[0])).doesNotContainKeys("PBS_TOKEN_SECRET", "HOME");
    assertThat(parts[1]).contains(p + " --json /dev/sda");
    assertThat(r.stdoutText()).doesNotContain(SECRET);
  }

  @Test
  @Timeout(30)
  void killsAProcessTreeThatOutlivesItsTimeoutAndLeavesNoZombie() throws Exception {
    Path pidFile = dir.resolve("child.pid");
    Path p = script("hang", "sleep 300 & echo $! > " + pidFile + "; wait");

    CommandResult r = runner.run(Command.of(Duration.ofMillis(500), p.toString()));

    assertThat(r.timedOut()).isTrue();
    assertThat(r.completed()).isFalse();
    long grandchild = Long.parseLong(Files.readString(pidFile).strip());
    // The killed grandchild is reparented to init, which reaps it; it must not go on sleeping.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (isRunning(grandchild) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(isRunning(grandchild)).as("grandchild %d still running", grandchild).isFalse();
    assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList())
        .isEmpty();
  }

  /** Running means present in /proc and neither a zombie nor dead. */
  static boolean isRunning(long pid) throws Exception {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (!Files.exists(stat)) {
      return false;
    }
    String text;
    try {
      text = Files.readString(stat);
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
    char state = text.charAt(text.lastIndexOf(')') + 2);
    return state != 'Z' && state != 'X';
  }

  @Test
  @Timeout(60)
  void capsOutputAndStopsAProcessThatPrintsFiftyMegabytes() throws Exception {
    Path p = script("flood", "head -c 52428800 /dev/zero");

    CommandResult r =
        runner.run(
            Command.of(Duration.ofSeconds(30), p.toString()).withMaxOutputBytes(1024 * 1024));

    assertThat(r.outputCapped()).isTrue();
    assertThat(r.stdout()).hasSize(1024 * 1024);
    assertThat(r.completed()).isFalse();
  }

  @Test
  void aMissingProgramIsAnExecExceptionNamingIt() {
    assertThatThrownBy(
            () ->
                runner.run(
                    Command.of(Duration.ofSeconds(5), dir.resolve("no-such-tool").toString())))
        .isInstanceOf(ExecException.class)
        .hasMessageContaining("no-such-tool");
  }

  @Test
  void executablesResolveBareNamesOnThePathThenFallbacks() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path sbin = Files.createDirectories(dir.resolve("sbin"));
    Path tool = sbin.resolve("lvs");
    Files.writeString(tool, "#!/bin/sh\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path notExecutable = bin.resolve("vgs");
    Files.writeString(notExecutable, "");

    Executables exe = new Executables(bin.toString(), List.of(sbin));

    assertThat(exe.find("lvs")).contains(tool);
    assertThat(exe.find("vgs")).isEmpty();
    assertThat(exe.find(tool.toString())).contains(tool);
    assertThat(exe.find("smartctl")).isEmpty();
  }
}
