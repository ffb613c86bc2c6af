package io.github.storageagent.demo;

import io.github.storageagent.config.BackupConfig;
import io.github.storageagent.config.PbsTargetConfig;
import io.github.storageagent.config.PveBackupConfig;
import io.github.storageagent.demo.pbs.PbsScenario;
import io.github.storageagent.demo.pbs.PbsSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The demo node's backups: a PBS simulator on loopback (two stores, a namespace, 30 groups, one
 * failed backup, one never-verified and one failed-verify group, a failed GC, a store filling up)
 * and a Proxmox VE jobs and task-log tree with one {@code job errors} run. The agent reads both
 * through its normal code path: a {@code pbs} target with the simulator's real fingerprint, a token
 * file and {@code group_info: true}, and {@code backup.pve} paths into the demo root.
 */
final class DemoBackup implements AutoCloseable {

  static final String TOKEN_ID = "monitor@pbs!storage-agent";

  private final PbsSimulator simulator;
  private final BackupConfig config;

  private DemoBackup(PbsSimulator simulator, BackupConfig config) {
    this.simulator = simulator;
    this.config = config;
  }

  static DemoBackup start(Path root) throws IOException {
    Instant now = Instant.now();
    String secret = UUID.randomUUID().toString();
    Path tokenFile = root.resolve("pbs-demo.token");
    Files.createFile(
        tokenFile,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tokenFile, secret + "\n", StandardCharsets.UTF_8);
    PbsSimulator simulator = PbsSimulator.start(PbsScenario.demo(now), TOKEN_ID, secret);
    Path pve = root.resolve("pve");
    DemoPveTree.write(pve, now);
    PbsTargetConfig target =
        PbsTargetConfig.fromYaml(
            "demo-pbs",
            simulator.url(),
            TOKEN_ID,
            tokenFile.toString(),
            null,
            simulator.fingerprint(),
            null,
            null,
            "15s",
            null,
            null,
            null,
            null,
            // opt-in on a real node; the demo shows the family
            true);
    PveBackupConfig pveConfig =
        new PveBackupConfig(
            true,
            "15s",
            null,
            pve.resolve("jobs").toString(),
            pve.resolve("tasks").toString(),
            pve.resolve("jobs.cfg").toString());
    return new DemoBackup(simulator, new BackupConfig(List.of(target), pveConfig));
  }

  BackupConfig config() {
    return config;
  }

  @Override
  public void close() {
    simulator.close();
  }
}
