package io.github.storageagent.lvm;

import io.github.storageagent.collect.Collector;
import io.github.storageagent.collect.CollectorModule;
import io.github.storageagent.collect.NodeContext;
import io.github.storageagent.config.AgentConfig;
import java.io.PrintWriter;
import java.util.List;

/** LVM-thin pools, their volumes and volume groups, through lvs and vgs. */
public final class LvmModule implements CollectorModule {

  @Override
  public String name() {
    return "lvm";
  }

  @Override
  public List<Collector> create(AgentConfig config, NodeContext node) {
    if (!config.lvm().enabled()) {
      return List.of();
    }
    return List.of(new LvmCollector(config.lvm(), node.executables()));
  }

  @Override
  public boolean doctor(AgentConfig config, NodeContext node, PrintWriter out)
      throws InterruptedException {
    return new LvmDoctor(config.lvm(), node.executables()).check(out);
  }
}
