package io.github.storageagent;

import ch.qos.logback.classic.Level;
import io.github.storageagent.app.Agent;
import io.github.storageagent.app.CdsTraining;
import io.github.storageagent.app.DemoSetup;
import io.github.storageagent.app.Version;
import io.github.storageagent.cli.DoctorCommand;
import io.github.storageagent.cli.NodePaths;
import io.github.storageagent.config.AgentConfig;
import io.github.storageagent.config.ConfigException;
import io.github.storageagent.config.ConfigLoader;
import io.github.storageagent.demo.DemoNode;
import io.github.storageagent.http.ListenAddress;
import io.github.storageagent.http.LoadedWebConfig;
import io.github.storageagent.log.LogFormat;
import io.github.storageagent.log.Logging;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command line in the style of Prometheus exporters. */
@Command(
    name = "storage-agent",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    sortOptions = false,
    description =
        "Prometheus exporter for Proxmox storage nodes: SMART, LVM-thin, disk IO latency, backups.",
    subcommands = {DoctorCommand.class})
public final class Main implements Callable<Integer> {

  @Option(
      names = "--web.listen-address",
      defaultValue = ":9958",
      description =
          "Address to listen on for the web interface and metrics (default: ${DEFAULT-VALUE}).")
  String listenAddress;

  @Option(
      names = "--web.max-requests",
      defaultValue = "40",
      description =
          "Maximum number of concurrent /metrics requests; beyond it 503 at once. 0 = no limit"
              + " (default: ${DEFAULT-VALUE}).")
  int maxRequests;

  @Option(
      names = "--web.config.file",
      description =
          "Web config file for TLS, basic auth and response headers, in exporter-toolkit's format"
              + " (the file node_exporter takes); re-read when it changes (default: none, plain"
              + " HTTP).")
  Path webConfigFile;

  @Option(
      names = "--config.file",
      description = "YAML config file (default: none, every option at its default).")
  Path configFile;

  @Option(
      names = "--log.level",
      defaultValue = "info",
      description =
          "Only log at or above this level: debug, info, warn, error (default: ${DEFAULT-VALUE}).")
  String logLevel;

  @Option(
      names = "--log.format",
      defaultValue = "logfmt",
      description = "Log line format: logfmt or json (default: ${DEFAULT-VALUE}).")
  String logFormat;

  @CommandLine.Mixin NodePaths paths = new NodePaths();

  @Option(
      names = "--demo",
      description = "Run on a built-in simulated Proxmox node instead of this machine.")
  boolean demo;

  @Option(
      names = "--check-config",
      description = "Check the config file and flags, print the result and exit.")
  boolean checkConfig;

  @Option(
      names = "--cds.train",
      hidden = true,
      description =
          "Exercise the agent once on the demo node and exit (builds the AppCDS archive).")
  boolean cdsTrain;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Level level = Level.toLevel(logLevel.toUpperCase(Locale.ROOT), null);
    if (level == null
        || !java.util.Set.of("debug", "info", "warn", "error")
            .contains(logLevel.toLowerCase(Locale.ROOT))) {
      err.println("--log.level: must be one of debug, info, warn, error, got '" + logLevel + "'");
      return 2;
    }
    LogFormat format;
    try {
      format = LogFormat.valueOf(logFormat.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      err.println("--log.format: must be logfmt or json, got '" + logFormat + "'");
      return 2;
    }
    Logging.configure(level, format);
    Logger log = LoggerFactory.getLogger(Main.class);

    ListenAddress listen;
    AgentConfig config;
    Optional<LoadedWebConfig> webConfig;
    if (maxRequests < 0) {
      err.println("--web.max-requests: must be 0 (no limit) or more, got " + maxRequests);
      return 2;
    }
    try {
      listen = ListenAddress.parse(listenAddress);
      config = configFile == null ? AgentConfig.defaults() : new ConfigLoader().load(configFile);
    } catch (IllegalArgumentException e) {
      err.println("--web.listen-address: " + e.getMessage());
      return 2;
    } catch (ConfigException e) {
      err.println("config error: " + e.getMessage());
      return 2;
    }
    try {
      webConfig =
          webConfigFile == null
              ? Optional.empty()
              : Optional.of(LoadedWebConfig.load(webConfigFile));
    } catch (ConfigException e) {
      err.println("web config error: " + e.getMessage());
      return 2;
    }
    if (cdsTrain) {
      return CdsTraining.run();
    }
    if (checkConfig) {
      PrintWriter out = spec.commandLine().getOut();
      out.println("config OK" + (configFile == null ? " (defaults, no file)" : ": " + configFile));
      webConfig.ifPresent(
          w -> {
            out.println("web config OK: " + w.file() + ": " + w.summary());
            w.warnings(Instant.now()).forEach(warning -> out.println("  warning: " + warning));
          });
      return 0;
    }

    DemoNode demoNode = demo ? DemoNode.start() : null;
    if (demoNode != null) {
      config = DemoSetup.config(config, demoNode);
    }
    Agent.Sources sources =
        demoNode != null
            ? DemoSetup.sources(demoNode)
            : new Agent.Sources(paths.procfs, paths.sysfs);
    Agent agent;
    try {
      agent = Agent.start(config, sources, new Agent.Web(listen, maxRequests, webConfig));
    } catch (RuntimeException e) {
      log.error("cannot start: {}", e.getMessage());
      if (demoNode != null) {
        demoNode.close();
      }
      return 1;
    }
    log.info(
        "storage-agent {} listening on {} (java {}){}",
        Version.agent(),
        listenAddress,
        Version.java(),
        demo ? ", demo node" : "");
    webConfig.ifPresent(
        w -> {
          log.info("web config {}: {}", w.file(), w.summary());
          w.warnings(Instant.now()).forEach(warning -> log.warn("web config: {}", warning));
        });
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("shutting down");
                  agent.close();
                  if (demoNode != null) {
                    demoNode.close();
                  }
                  stopped.countDown();
                },
                "shutdown"));
    stopped.await();
    return 0;
  }

  /** Prints the agent's and the runtime's version. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"storage-agent " + Version.agent() + " (java " + Version.java() + ")"};
    }
  }
}
