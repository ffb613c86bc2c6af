package io.github.storageagent.smart;

import io.github.storageagent.collect.Collector;
import io.github.storageagent.collect.CollectorModule;
import io.github.storageagent.collect.NodeContext;
import io.github.storageagent.config.AgentConfig;
import io.github.storageagent.exec.CommandRunner;
import java.io.PrintWriter;
import java.util.List;

/** SMART health of every disk, through one smartctl call per device. */
public final class SmartModule implements CollectorModule {

  @Override
  public String name() {
    return "smart";
  }

  @Override
  public List<Collector> create(AgentConfig config, NodeContext node) {
    if (!config.smart().enabled()) {
      return List.of();
    }
    return List.of(new SmartCollector(client(config, node), config.smart(), node.sysfs()));
  }

  @Override
  public boolean doctor(AgentConfig config, NodeContext node, PrintWriter out)
      throws InterruptedException {
    return SmartDoctor.check(client(config, node), config.smart(), out);
  }

  private static SmartctlClient client(AgentConfig config, NodeContext node) {
    return new SmartctlClient(node.executables(), config.smart(), new CommandRunner());
  }
}
