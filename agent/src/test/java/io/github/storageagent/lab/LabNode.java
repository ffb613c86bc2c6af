package io.github.storageagent.lab;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The lab node of {@code lab/}: a Debian 13 VM under QEMU, driven through the same scripts an admin
 * runs by hand (boot, ssh, qmp, stop, rollout), each with a deadline. Its state (ports, QMP socket,
 * console log, disks) lives in {@code runDir}, passed to the scripts as {@code
 * STORAGE_AGENT_LAB_RUN}.
 */
final class LabNode implements AutoCloseable {

  /** What a script printed and how it ended. */
  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private final Path lab;
  private final Path runDir;

  LabNode(Path projectRoot, Path runDir) {
    this.lab = projectRoot.resolve("lab");
    this.runDir = runDir;
  }

  Path runDir() {
    return runDir;
  }

  /**
   * Boots the node ({@code lab/boot} options such as --reuse, --swap-nvme); fails if it does not.
   * Returns what lab/boot printed (it says so when it had to boot twice).
   */
  String boot(String... options) throws Exception {
    List<String> argv = new ArrayList<>(List.of(lab.resolve("boot").toString()));
    argv.addAll(List.of(options));
    // A cold image build (debootstrap) comes first when the lab's inputs changed.
    return require(
        run("boot", argv, Duration.ofMinutes(15)), "lab/boot " + String.join(" ", options));
  }

  void stop() throws Exception {
    run("stop", List.of(lab.resolve("stop").toString()), Duration.ofMinutes(1));
  }

  /** Runs {@code lab/rollout} (the playbook twice, then its checks) with extra playbook options. */
  Result rollout(String... playbookOptions) throws Exception {
    List<String> argv = new ArrayList<>(List.of(lab.resolve("rollout").toString()));
    argv.addAll(List.of(playbookOptions));
    return run("rollout", argv, Duration.ofMinutes(15));
  }

  /** Runs a shell command on the node as root. */
  Result ssh(String command, Duration timeout) throws Exception {
    return run("ssh", List.of(lab.resolve("ssh").toString(), command), timeout);
  }

  /** Runs a command on the node and returns its output; fails the test if it fails. */
  String sshOk(String command) throws Exception {
    return require(ssh(command, Duration.ofMinutes(2)), command);
  }

  /** Sets an emulated NVMe drive's SMART critical warning (QEMU device id, e.g. nvme0). */
  void nvmeCriticalWarning(String qemuDeviceId, int value) throws Exception {
    String command =
        "{\"execute\":\"qom-set\",\"arguments\":{\"path\":\"/machine/peripheral/%s\",\"property\":\"smart_critical_warning\",\"value\":%d}}"
            .formatted(qemuDeviceId, value);
    require(
        run("qmp", List.of(lab.resolve("qmp").toString(), command), Duration.ofSeconds(30)),
        "lab/qmp " + command);
  }

  /** A value from lab.env (SSH_PORT, AGENT_PORT, KEY, QMP, PID). */
  String env(String name) throws IOException {
    for (String line : Files.readAllLines(runDir.resolve("lab.env"))) {
      if (line.startsWith(name + "=")) {
        return line.substring(name.length() + 1);
      }
    }
    throw new IOException("no " + name + " in " + runDir.resolve("lab.env"));
  }

  String consoleTail() {
    try {
      List<String> lines = Files.readAllLines(runDir.resolve("console.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no console log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws Exception {
    stop();
  }

  private Result run(String name, List<String> argv, Duration timeout) throws Exception {
    Path log = Files.createTempFile(runDir, name + "-", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(argv)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Map<String, String> env = pb.environment();
    env.put("STORAGE_AGENT_LAB_RUN", runDir.toString());
    Process p = pb.start();
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
      fail(
          String.join(" ", argv)
              + " did not end within "
              + timeout
              + ":\n"
              + Files.readString(log, StandardCharsets.UTF_8));
    }
    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private String require(Result result, String what) {
    if (!result.ok()) {
      fail(what + " exited " + result.exitCode() + ":\n" + result.output());
    }
    return result.output();
  }
}
