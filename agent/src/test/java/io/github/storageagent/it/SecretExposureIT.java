package io.github.storageagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.demo.pbs.PbsScenario;
import io.github.storageagent.demo.pbs.PbsSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real jar with three PBS targets, one per way to give the token secret (file, environment
 * variable, systemd credential under a stand-in $CREDENTIALS_DIRECTORY), and fake smartctl, lvs and
 * vgs first on its PATH that record, from /proc, the environment and command line they were started
 * with. No secret may show in the agent's own command line, in any child's environment or command
 * line, or in the log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretExposureIT {

  static final String TOKEN = "monitor@pbs!storage-agent";
  static final String SECRET_ENV = "STORAGE_AGENT_IT_PBS_SECRET";

  /** What a child may be given: the search path, the C locale, lvm's directories if set. */
  static final Set<String> CHILD_KEYS =
      Set.of("PATH", "LC_ALL", "LANG", "LVM_SYSTEM_DIR", "DM_DEV_DIR", "LVM_SUPPRESS_FD_WARNINGS");

  final Map<String, String> secrets = new LinkedHashMap<>();
  final List<PbsSimulator> sims = new ArrayList<>();
  Path dir;
  Path seen;
  AgentProcess agent;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("secret-exposure-it-");
    seen = Files.createDirectories(dir.resolve("seen"));
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path creds = Files.createDirectories(dir.resolve("credentials"));
    String record =
        "tr '\\0' '\\n' < /proc/$$/environ > '"
            + seen
            + "'/\"$(basename \"$0\").$$.environ\"\n"
            + "tr '\\0' '\\n' < /proc/$$/cmdline > '"
            + seen
            + "'/\"$(basename \"$0\").$$.cmdline\"\n";
    fake(
        bin,
        "smartctl",
        record
            + "case \" $* \" in\n"
            + "  *\" --scan-open \"*) echo '{\"smartctl\":{\"version\":[7,3],\"exit_status\":0},"
            + "\"devices\":[{\"name\":\"/dev/sda\",\"info_name\":\"/dev/sda\",\"type\":\"sat\","
            + "\"protocol\":\"ATA\"}]}' ;;\n"
            + "  *\" --version \"*) echo 'smartctl 7.3 2022-02-28 r5338 (local build)' ;;\n"
            + "  *) echo '{}' ;;\n"
            + "esac");
    fake(bin, "lvs", record + "echo '{\"report\":[{\"lv\":[]}]}'");
    fake(bin, "vgs", record + "echo '{\"report\":[{\"vg\":[]}]}'");

    StringBuilder yaml =
        new StringBuilder(
            "lvm:\n  interval: 2s\nsmart:\n  interval: 2s\nbackup:\n  pve:\n    enabled: false\n"
                + "  pbs:\n");
    Map<String, String> env = new LinkedHashMap<>();
    for (String way : List.of("file", "env", "credential")) {
      String secret = "s3cr3t-" + way + "-" + UUID.randomUUID();
      secrets.put(way, secret);
      PbsSimulator sim = PbsSimulator.start(PbsScenario.demo(Instant.now()), TOKEN, secret);
      sims.add(sim);
      yaml.append("    - name: by-")
          .append(way)
          .append("\n      url: ")
          .append(sim.url())
          .append("\n      token_id: \"")
          .append(TOKEN)
          .append("\"\n      fingerprint: \"")
          .append(sim.fingerprint())
          .append("\"\n      interval: 5s\n      timeout: 10s\n");
      switch (way) {
        case "file" -> {
          Path token = dir.resolve("pbs.token");
          Files.writeString(token, secret + "\n");
          Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
          yaml.append("      token_secret_file: ").append(token).append('\n');
        }
        case "env" -> {
          env.put(SECRET_ENV, secret);
          yaml.append("      token_secret_env: ").append(SECRET_ENV).append('\n');
        }
        default -> {
          Path cred = creds.resolve("pbs-main");
          Files.writeString(cred, secret + "\n");
          Files.setPosixFilePermissions(cred, PosixFilePermissions.fromString("r--------"));
          env.put("CREDENTIALS_DIRECTORY", creds.toString());
          yaml.append("      token_secret_credential: pbs-main\n");
        }
      }
    }
    agent = AgentProcess.launch().pathFirst(bin).env(env).config(yaml.toString()).start();
    agent.scrapeUntil(
        "all three targets up, smartctl, lvs and vgs run",
        e ->
            Double.valueOf(1).equals(e.value("storage_pbs_up{target=\"by-file\"}"))
                && Double.valueOf(1).equals(e.value("storage_pbs_up{target=\"by-env\"}"))
                && Double.valueOf(1).equals(e.value("storage_pbs_up{target=\"by-credential\"}"))
                && recorded("smartctl")
                && recorded("lvs")
                && recorded("vgs"),
        Duration.ofSeconds(60));
  }

  private static void fake(Path bin, String name, String body) throws Exception {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/bin/bash\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private boolean recorded(String tool) {
    try (Stream<Path> files = Files.list(seen)) {
      return files.anyMatch(p -> p.getFileName().toString().startsWith(tool + "."));
    } catch (Exception e) {
      return false;
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (agent != null) {
      agent.close();
    }
    sims.forEach(PbsSimulator::close);
  }

  @Test
  void theAgentsOwnCommandLineHasNoSecret() throws Exception {
    String cmdline =
        new String(
                Files.readAllBytes(Path.of("/proc/" + agent.pid() + "/cmdline")),
                StandardCharsets.UTF_8)
            .replace('\0', ' ');
    // The right process: the agent's jar with its config file, and no secret among its arguments.
    assertThat(cmdline).contains("-jar").contains("--config.file=");
    for (var s : secrets.entrySet()) {
      assertThat(cmdline).as(s.getKey()).doesNotContain(s.getValue());
    }
  }

  @Test
  void noChildGetsASecretOrTheAgentsEnvironment() throws Exception {
    List<Path> environs;
    try (Stream<Path> files = Files.list(seen)) {
      environs = files.filter(p -> p.toString().endsWith(".environ")).sorted().toList();
    }
    assertThat(environs).isNotEmpty();
    for (Path p : environs) {
      String text = Files.readString(p);
      Map<String, String> env = new TreeMap<>();
      for (String line : text.split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          env.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      // bash exports nothing new here: /proc/PID/environ is what the process was started with.
      assertThat(env.keySet()).as(p.getFileName().toString()).isSubsetOf(CHILD_KEYS);
      assertThat(env).containsEntry("LC_ALL", "C").containsKey("PATH");
      for (var s : secrets.entrySet()) {
        assertThat(text).as(p.getFileName() + " / " + s.getKey()).doesNotContain(s.getValue());
      }
    }
  }

  @Test
  void noChildCommandLineHasASecret() throws Exception {
    List<Path> cmdlines;
    try (Stream<Path> files = Files.list(seen)) {
      cmdlines = files.filter(p -> p.toString().endsWith(".cmdline")).sorted().toList();
    }
    assertThat(cmdlines).isNotEmpty();
    for (Path p : cmdlines) {
      String text = Files.readString(p);
      for (var s : secrets.entrySet()) {
        assertThat(text).as(p.getFileName() + " / " + s.getKey()).doesNotContain(s.getValue());
      }
    }
  }

  @Test
  void noSecretInTheLogOrTheScrape() throws Exception {
    String logs = agent.logs();
    String page = new String(agent.get("/metrics", Map.of()).body(), StandardCharsets.UTF_8);
    for (var s : secrets.entrySet()) {
      assertThat(logs).as(s.getKey()).doesNotContain(s.getValue());
      assertThat(page).as(s.getKey()).doesNotContain(s.getValue());
    }
  }
}
