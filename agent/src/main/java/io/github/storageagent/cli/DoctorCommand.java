package io.github.storageagent.cli;

import io.github.storageagent.app.Agent;
import io.github.storageagent.collect.CollectorModule;
import io.github.storageagent.collect.NodeContext;
import io.github.storageagent.config.AgentConfig;
import io.github.storageagent.config.ConfigException;
import io.github.storageagent.config.ConfigLoader;
import io.github.storageagent.exec.Executables;
import io.github.storageagent.http.LoadedWebConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Tells, per collector, what works on this node and what is missing. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = "Check what each collector can read on this node.")
public final class DoctorCommand implements Callable<Integer> {

  @CommandLine.Mixin NodePaths paths = new NodePaths();

  @Option(
      names = "--config.file",
      description =
          "YAML config file whose collector settings and PBS targets to check (default: none).")
  Path configFile;

  @Option(
      names = "--web.config.file",
      description = "Web config file (TLS, basic auth) to check with its certificate files.")
  Path webConfigFile;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    AgentConfig config;
    try {
      config = configFile == null ? AgentConfig.defaults() : new ConfigLoader().load(configFile);
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("config error: " + e.getMessage());
      return 2;
    }
    ScheduledExecutorService timer = NodeContext.newTimer();
    NodeContext node =
        new NodeContext(
            paths.procfs, paths.sysfs, Executables.fromEnvironment(), Clock.systemUTC(), timer);
    boolean ok = true;
    try {
      for (CollectorModule module : Agent.MODULES) {
        ok &= module.doctor(config, node, out);
      }
    } finally {
      timer.shutdownNow();
    }
    ok &= checkWebConfig(out);
    return ok ? 0 : 1;
  }

  private boolean checkWebConfig(PrintWriter out) {
    if (webConfigFile == null) {
      out.println("web: no --web.config.file: plain HTTP, no authentication");
      return true;
    }
    try {
      LoadedWebConfig web = LoadedWebConfig.load(webConfigFile);
      out.printf("web: ok, %s: %s%n", webConfigFile, web.summary());
      web.warnings(Instant.now()).forEach(w -> out.printf("web: WARN, %s%n", w));
      return true;
    } catch (ConfigException e) {
      out.printf("web: FAIL, %s%n", e.getMessage());
      return false;
    }
  }
}
