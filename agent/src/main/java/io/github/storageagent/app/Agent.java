package io.github.storageagent.app;

import io.github.storageagent.backup.pbs.PbsModule;
import io.github.storageagent.backup.pve.PveBackupModule;
import io.github.storageagent.collect.Collector;
import io.github.storageagent.collect.CollectorModule;
import io.github.storageagent.collect.CollectorScheduler;
import io.github.storageagent.collect.NodeContext;
import io.github.storageagent.collect.SelfMetrics;
import io.github.storageagent.collect.SnapshotStore;
import io.github.storageagent.config.AgentConfig;
import io.github.storageagent.disk.DiskModule;
import io.github.storageagent.exec.Executables;
import io.github.storageagent.http.AgentServer;
import io.github.storageagent.http.ListenAddress;
import io.github.storageagent.http.LoadedWebConfig;
import io.github.storageagent.http.ScrapeStats;
import io.github.storageagent.http.SnapshotRegistry;
import io.github.storageagent.http.WebConfigStatus;
import io.github.storageagent.lvm.LvmModule;
import io.github.storageagent.smart.SmartModule;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A running agent: collectors on their schedules, and the HTTP server that serves their snapshots.
 */
public final class Agent implements AutoCloseable {

  /**
   * Where the agent reads the node from; the demo node points these at its own trees and puts its
   * own programs first on the executables' search path.
   */
  public record Sources(Path procfs, Path sysfs, Executables executables) {

    public Sources(Path procfs, Path sysfs) {
      this(procfs, sysfs, Executables.fromEnvironment());
    }

    /** The collectors' view of these sources, with the agent's clock and timer. */
    public NodeContext context(ScheduledExecutorService timer) {
      return new NodeContext(procfs, sysfs, executables, Clock.systemUTC(), timer);
    }
  }

  private final CollectorScheduler scheduler;
  private final AgentServer server;
  private final ScheduledExecutorService timer;

  private Agent(CollectorScheduler scheduler, AgentServer server, ScheduledExecutorService timer) {
    this.scheduler = scheduler;
    this.server = server;
    this.timer = timer;
  }

  /**
   * Where and how the HTTP surface listens.
   *
   * @param listen the address
   * @param maxRequests concurrent /metrics requests beyond which 503 is answered (0: no limit)
   * @param webConfig TLS, basic auth and headers from {@code --web.config.file}, loaded and checked
   */
  public record Web(ListenAddress listen, int maxRequests, Optional<LoadedWebConfig> webConfig) {

    /** node_exporter's default for {@code --web.max-requests}. */
    public static final int DEFAULT_MAX_REQUESTS = 40;

    public Web {
      if (maxRequests < 0) {
        throw new IllegalArgumentException("--web.max-requests must be >= 0, got " + maxRequests);
      }
    }

    public Web(ListenAddress listen) {
      this(listen, DEFAULT_MAX_REQUESTS, Optional.empty());
    }
  }

  /** Every collector module, in the order the agent registers and doctor checks them. */
  public static final List<CollectorModule> MODULES =
      List.of(
          new DiskModule(),
          new SmartModule(),
          new LvmModule(),
          new PbsModule(),
          new PveBackupModule());

  public static Agent start(AgentConfig config, Sources sources, Web web) {
    ScheduledExecutorService timer = NodeContext.newTimer();
    try {
      return start(config, sources.context(timer), web, timer);
    } catch (RuntimeException e) {
      timer.shutdownNow();
      throw e;
    }
  }

  private static Agent start(
      AgentConfig config, NodeContext node, Web web, ScheduledExecutorService timer) {
    List<Collector> collectors = collectors(config, node);
    SnapshotStore store = new SnapshotStore(collectors, node.clock());
    String version = Version.agent();
    ScrapeStats scrapes = new ScrapeStats(web.maxRequests());
    Optional<AgentServer.WebSurface> surface =
        web.webConfig()
            .map(
                loaded ->
                    new AgentServer.WebSurface(
                        loaded, new WebConfigStatus(System.currentTimeMillis()), timer));
    var registry =
        SnapshotRegistry.create(
            store,
            new SelfMetrics(version, Version.java()),
            scrapes,
            surface.map(AgentServer.WebSurface::status));
    CollectorScheduler scheduler = new CollectorScheduler(store, timer);
    AgentServer server = new AgentServer(web.listen(), store, registry, scrapes, version, surface);
    scheduler.start();
    try {
      server.start();
    } catch (RuntimeException e) {
      scheduler.close();
      throw e;
    }
    return new Agent(scheduler, server, timer);
  }

  /**
   * The collectors the config enables, from every module, reading the node through {@code node}.
   */
  public static List<Collector> collectors(AgentConfig config, NodeContext node) {
    List<Collector> collectors = new ArrayList<>();
    for (CollectorModule module : MODULES) {
      collectors.addAll(module.create(config, node));
    }
    return collectors;
  }

  /** The same for tools that run collectors outside the agent (benchmarks), on their own timer. */
  public static List<Collector> collectors(AgentConfig config, Sources sources) {
    return collectors(config, sources.context(NodeContext.newTimer()));
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
    scheduler.close();
    timer.shutdownNow();
  }
}
