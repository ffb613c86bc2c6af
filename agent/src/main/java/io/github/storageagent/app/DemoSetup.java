package io.github.storageagent.app;

import io.github.storageagent.config.AgentConfig;
import io.github.storageagent.config.BackupConfig;
import io.github.storageagent.config.PbsTargetConfig;
import io.github.storageagent.config.PveBackupConfig;
import io.github.storageagent.demo.DemoNode;
import io.github.storageagent.exec.Executables;
import java.io.File;
import java.nio.file.Path;
import java.util.List;

/**
 * Points the agent at a running demo node: its trees for procfs and sysfs, its stand-in programs
 * ahead of the PATH, and a backup section naming its PBS simulator and PVE tree. The demo module
 * hands out plain paths and values; the config is made here, by the agent's own config types.
 */
public final class DemoSetup {

  /** The demo reads and writes quickly so that a first look shows data within seconds. */
  static final String DEMO_INTERVAL = "15s";

  private DemoSetup() {}

  public static Agent.Sources sources(DemoNode node) {
    String path = System.getenv("PATH");
    return new Agent.Sources(
        node.procfs(),
        node.sysfs(),
        new Executables(
            node.binDir() + (path == null ? "" : File.pathSeparator + path),
            List.of(Path.of("/usr/sbin"), Path.of("/sbin"))));
  }

  /** {@code config} with its backup section replaced by one that reads the demo's. */
  public static AgentConfig config(AgentConfig config, DemoNode node) {
    DemoNode.Pbs pbs = node.pbs();
    PbsTargetConfig target =
        PbsTargetConfig.fromYaml(
            pbs.name(),
            pbs.url(),
            pbs.tokenId(),
            pbs.tokenSecretFile().toString(),
            null,
            pbs.fingerprint(),
            null,
            null,
            DEMO_INTERVAL,
            null,
            null,
            null,
            null,
            // opt-in on a real node; the demo shows the families
            true,
            true);
    Path pve = node.pveRoot();
    PveBackupConfig pveConfig =
        new PveBackupConfig(
            true,
            DEMO_INTERVAL,
            null,
            pve.resolve("jobs").toString(),
            pve.resolve("tasks").toString(),
            pve.resolve("jobs.cfg").toString());
    return config.withBackup(new BackupConfig(List.of(target), pveConfig));
  }
}
