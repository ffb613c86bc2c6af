package io.github.storageagent.backup.pbs;

import io.github.storageagent.collect.Collector;
import io.github.storageagent.collect.CollectorModule;
import io.github.storageagent.collect.NodeContext;
import io.github.storageagent.config.AgentConfig;
import io.github.storageagent.config.PbsTargetConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/** Proxmox Backup Servers: one collector per {@code backup.pbs[]} target. */
public final class PbsModule implements CollectorModule {

  @Override
  public String name() {
    return "pbs";
  }

  @Override
  public List<Collector> create(AgentConfig config, NodeContext node) {
    List<Collector> collectors = new ArrayList<>();
    for (PbsTargetConfig target : config.backup().pbs()) {
      PbsClient client;
      try {
        client = new PbsClient(target, node.timer());
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException(
            "pbs target " + target.name() + ": cannot set up TLS: " + e.getMessage(), e);
      }
      collectors.add(
          new PbsTargetCollector(new PbsTargetReader(target, client, node.clock()), node.clock()));
    }
    return collectors;
  }

  @Override
  public boolean doctor(AgentConfig config, NodeContext node, PrintWriter out)
      throws InterruptedException {
    if (config.backup().pbs().isEmpty()) {
      out.println("pbs: not configured (no backup.pbs targets in the config file)");
      return true;
    }
    boolean ok = true;
    for (PbsTargetConfig target : config.backup().pbs()) {
      ok &= PbsDoctor.check(target, node.timer(), out);
    }
    return ok;
  }
}
