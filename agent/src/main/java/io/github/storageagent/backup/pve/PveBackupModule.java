package io.github.storageagent.backup.pve;

import io.github.storageagent.collect.Collector;
import io.github.storageagent.collect.CollectorModule;
import io.github.storageagent.collect.NodeContext;
import io.github.storageagent.config.AgentConfig;
import io.github.storageagent.config.PveBackupConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;

/** The node's own vzdump jobs and backup tasks, from the files Proxmox VE keeps. */
public final class PveBackupModule implements CollectorModule {

  @Override
  public String name() {
    return "pve_backup";
  }

  @Override
  public List<Collector> create(AgentConfig config, NodeContext node) {
    if (!config.backup().pve().enabled()) {
      return List.of();
    }
    return List.of(new PveBackupCollector(config.backup().pve(), node.clock()));
  }

  @Override
  public boolean doctor(AgentConfig config, NodeContext node, PrintWriter out) {
    PveBackupConfig pve = config.backup().pve();
    if (!pve.enabled()) {
      out.println("pve_backup: disabled");
    } else if (!Files.isDirectory(pve.jobsDir()) && !Files.isDirectory(pve.tasksDir())) {
      out.printf(
          "pve_backup: WARN, neither %s nor %s exists: not a Proxmox VE node, no vzdump series%n",
          pve.jobsDir(), pve.tasksDir());
    } else {
      out.printf(
          "pve_backup: %s, job states in %s, task index %s, schedules %s%n",
          Files.isReadable(pve.tasksDir().resolve("index")) ? "ok" : "WARN",
          Files.isDirectory(pve.jobsDir()) ? pve.jobsDir() : pve.jobsDir() + " (missing)",
          Files.isReadable(pve.tasksDir().resolve("index"))
              ? pve.tasksDir().resolve("index")
              : pve.tasksDir().resolve("index") + " (missing or unreadable)",
          Files.isReadable(pve.jobsCfg())
              ? pve.jobsCfg()
              : pve.jobsCfg() + " (unreadable: next-run only from job states)");
    }
    return true;
  }
}
