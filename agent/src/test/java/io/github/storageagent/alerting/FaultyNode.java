package io.github.storageagent.alerting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.storageagent.demo.pbs.PbsScenario;
import io.github.storageagent.demo.pbs.PbsSimulator;
import io.github.storageagent.smart.FakeSmartctlScript;
import io.github.storageagent.testing.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A node with injected faults, for the tests that run the real agent on it: an NVMe raising the
 * reliability warning, a failing SATA disk (which also has pending sectors), a thin pool out of
 * data space, a PBS group whose last backup task failed and a PBS datastore whose garbage
 * collection failed. Fake smartctl, lvs and vgs go into {@code dir/bin}, an idle diskstats into
 * {@code dir/proc}; the PBS simulator is the caller's to start with {@link #pbsScenario} and close.
 */
public final class FaultyNode {

  static final ObjectMapper JSON = new ObjectMapper();
  public static final String TOKEN_ID = "monitor@pbs!e2e";
  public static final String TOKEN_SECRET = "0b6e2f1c-5d7a-4e39-9c1a-7f3e2d8b4a60";

  /** The failing NVMe's serial and its kernel name. */
  public static final String NVME_SERIAL = "S64GNE0R601234";

  public static final String NVME_DEVICE = "nvme0";

  private final Path dir;
  private final Path bin;
  private final Path procfs;

  private FaultyNode(Path dir, Path bin, Path procfs) {
    this.dir = dir;
    this.bin = bin;
    this.procfs = procfs;
  }

  /** Writes the node's fake tools and procfs under {@code dir}. */
  public static FaultyNode create(Path dir) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    fakeSmartctl(bin);
    fakeLvm(dir, bin, resource("lvs-out-of-data.json"), resource("vgs.json"));
    Path procfs = Files.createDirectories(dir.resolve("proc"));
    Files.writeString(procfs.resolve("diskstats"), resource("diskstats-idle.txt"));
    return new FaultyNode(dir, bin, procfs);
  }

  /** The PBS simulator for this node, to close after the test. */
  public static PbsSimulator startPbs(Instant now) throws Exception {
    return PbsSimulator.start(pbsScenario(now), TOKEN_ID, TOKEN_SECRET);
  }

  /** The agent's environment: the fake tools first on PATH. */
  public Map<String, String> env() {
    return Map.of("PATH", bin + ":" + System.getenv("PATH"));
  }

  /** The agent's arguments besides the listen address: config, procfs and sysfs. */
  public List<String> args(PbsSimulator pbs) throws IOException {
    return List.of(
        "--config.file=" + agentConfig(pbs),
        "--path.procfs=" + procfs,
        "--path.sysfs=" + dir.resolve("sys"));
  }

  private Path agentConfig(PbsSimulator pbs) throws IOException {
    return agentConfig(dir, pbs, TOKEN_ID, TOKEN_SECRET);
  }

  /**
   * An agent config for end-to-end tests: SMART and LVM every 2 s, no disk histograms, no vzdump,
   * one PBS target ({@code pbs1}) with its token in a file of {@code dir}.
   */
  static Path agentConfig(Path dir, PbsSimulator pbs, String tokenId, String tokenSecret)
      throws IOException {
    Path token = dir.resolve("pbs1.token");
    Files.writeString(token, tokenSecret + "\n");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    return Files.writeString(
        dir.resolve("agent.yml"),
        """
        disk:
          histograms: false
        smart:
          interval: 2s
          timeout: 5s
        lvm:
          interval: 2s
          timeout: 5s
        backup:
          pve:
            enabled: false
          pbs:
            - name: pbs1
              url: %s
              token_id: "%s"
              token_secret_file: %s
              fingerprint: "%s"
              interval: 5s
              snapshot_interval: 5s
        """
            .formatted(pbs.url(), tokenId, token, pbs.fingerprint()));
  }

  /**
   * One datastore, healthy but for two faults: the newest backup task of vm/100 failed (its last
   * good backup is two hours old, so it is not missing), and the store's garbage collection failed.
   */
  public static PbsScenario pbsScenario(Instant now) {
    long t = now.getEpochSecond();
    long day = Duration.ofDays(1).toSeconds();
    long gib = 1024L * 1024 * 1024;
    List<PbsScenario.Group> groups =
        List.of(
            new PbsScenario.Group("", "vm", "100", "web01", 14, t - 7200, day, "ok", "ok", true),
            new PbsScenario.Group("", "vm", "101", "db01", 14, t - 7200, day, "ok", "ok", false),
            new PbsScenario.Group("", "ct", "100", "dns", 14, t - 7200, day, "ok", "ok", false));
    PbsScenario.Gc failedGc =
        new PbsScenario.Gc(
            900 * gib,
            300 * gib,
            2 * gib,
            "TASK ERROR: unable to access chunk store",
            t - 3600,
            t + day,
            "daily");
    PbsScenario.Store main =
        new PbsScenario.Store(
            "main", 4000 * gib, 1600 * gib, 0L, null, true, failedGc, List.of(), groups);
    return new PbsScenario(List.of(main), List.of());
  }

  private static void fakeSmartctl(Path bin) throws Exception {
    FakeSmartctlScript smartctl = new FakeSmartctlScript(bin);
    ObjectNode nvme = (ObjectNode) JSON.readTree(smartResource("nvme-samsung-pm9a3-healthy.json"));
    // Bit 2: NVM subsystem reliability degraded. smartctl sets exit bit 3 only for a failed
    // overall status, which the drive still reports as passed.
    ((ObjectNode) nvme.path("nvme_smart_health_information_log")).put("critical_warning", 4);
    ((ObjectNode) nvme.path("device")).put("name", "/dev/" + NVME_DEVICE);
    smartctl.deviceJson(NVME_DEVICE, "nvme", JSON.writeValueAsString(nvme), 0);
    smartctl.deviceJson("sda", "sat", smartResource("sata-hdd-wdc-failing-exit56.json"), 56);
  }

  /** Stand-in lvs and vgs in {@code bin} that print these reports (kept under {@code dir}). */
  static void fakeLvm(Path dir, Path bin, String lvsJson, String vgsJson) throws IOException {
    Files.writeString(dir.resolve("lvs.json"), lvsJson);
    Files.writeString(dir.resolve("vgs.json"), vgsJson);
    executable(bin.resolve("lvs"), "#!/bin/sh\ncat " + dir.resolve("lvs.json") + "\n");
    executable(bin.resolve("vgs"), "#!/bin/sh\ncat " + dir.resolve("vgs.json") + "\n");
  }

  private static void executable(Path file, String content) throws IOException {
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  static String resource(String name) {
    return Resources.text("/alerting/" + name);
  }

  static String smartResource(String name) {
    return Resources.text("/smart/" + name);
  }
}
