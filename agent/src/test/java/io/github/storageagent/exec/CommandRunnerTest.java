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
