package io.github.storageagent.demo;

import io.github.storageagent.demo.pbs.PbsScenario;
import io.github.storageagent.demo.pbs.PbsSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.UUID;

/**
 * The demo node's backups: a PBS simulator on loopback (two stores, a namespace, 30 groups, one
 * failed backup, one never-verified and one failed-verify group, a failed GC, a store filling up)
 * and a Proxmox VE jobs and task-log tree with one {@code job errors} run. The agent reads both
 * through its normal code path: the agent makes a {@code pbs} target of the simulator's URL, real
 * fingerprint and token file, and {@code backup.pve} paths of the tree.
 */
final class DemoBackup implements AutoCloseable {

  static final String TOKEN_ID = "monitor@pbs!storage-agent";

  private final PbsSimulator simulator;
  private final DemoNode.Pbs pbs;
  private final Path pveRoot;

  private DemoBackup(PbsSimulator simulator, DemoNode.Pbs pbs, Path pveRoot) {
    this.simulator = simulator;
    this.pbs = pbs;
    this.pveRoot = pveRoot;
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
    return new DemoBackup(
        simulator,
        new DemoNode.Pbs("demo-pbs", simulator.url(), TOKEN_ID, tokenFile, simulator.fingerprint()),
        pve);
  }

  DemoNode.Pbs pbs() {
    return pbs;
  }

  Path pveRoot() {
    return pveRoot;
  }

  @Override
  public void close() {
    simulator.close();
  }
}
