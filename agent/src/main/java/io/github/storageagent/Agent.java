package io.github.storageagent;

import io.github.storageagent.backup.pbs.PbsCollector;
import io.github.storageagent.backup.pve.PveBackupCollector;
import io.github.storageagent.collect.Collector;
import io.github.storageagent.collect.CollectorScheduler;
import io.github.storageagent.collect.SelfMetrics;
import io.github.storageagent.collect.SnapshotStore;
import io.github.storageagent.config.AgentConfig;
import io.github.storageagent.disk.DiskCollector;
import io.github.storageagent.exec.CommandRunner;
import io.github.storageagent.exec.Executables;
import io.github.storageagent.http.AgentServer;
import io.github.storageagent.http.ListenAddress;
import io.github.storageagent.http.LoadedWebConfig;
import io.github.storageagent.http.ScrapeStats;
import io.github.storageagent.http.SnapshotRegistry;
import io.github.storageagent.http.WebConfigStatus;
import io.github.storageagent.lvm.LvmCollector;
import io.github.storageagent.smart.SmartCollector;
import io.github.storageagent.smart.SmartctlClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
  }

  private final CollectorScheduler scheduler;
  private final AgentServer server;

  private Agent(CollectorScheduler scheduler, AgentServer server) {
    this.scheduler = scheduler;
    this.server = server;
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

  public static Agent start(AgentConfig config, Sources sources, Web web) {
    List<Collector> collectors = collectors(config, sources);
    SnapshotStore store = new SnapshotStore(collectors, Clock.systemUTC());
    String version = Version.agent();
    ScrapeStats scrapes = new ScrapeStats(web.maxRequests());
    Optional<AgentServer.WebSurface> surface =
        web.webConfig()
            .map(
                loaded ->
                    new AgentServer.WebSurface(
                        loaded, new WebConfigStatus(System.currentTimeMillis())));
    var registry =
        SnapshotRegistry.create(
            store,
            new SelfMetrics(version, Version.java()),
            scrapes,
            surface.map(AgentServer.WebSurface::status));
    CollectorScheduler scheduler = new CollectorScheduler(store);
    AgentServer server = new AgentServer(web.listen(), store, registry, scrapes, version, surface);
    scheduler.start();
    try {
      server.start();
    } catch (RuntimeException e) {
      scheduler.close();
      throw e;
    }
    return new Agent(scheduler, server);
  }

  /** The collectors the config enables, reading the node through {@code sources}. */
  public static List<Collector> collectors(AgentConfig config, Sources sources) {
    List<Collector> collectors = new ArrayList<>();
    if (config.disk().enabled()) {
      collectors.add(new DiskCollector(sources.procfs(), sources.sysfs(), config.disk()));
    }
    if (config.smart().enabled()) {
      collectors.add(
          new SmartCollector(
              new SmartctlClient(sources.executables(), config.smart(), new CommandRunner()),
              config.smart()));
    }
    if (config.lvm().enabled()) {
      collectors.add(new LvmCollector(config.lvm(), sources.executables()));
    }
    if (!config.backup().pbs().isEmpty()) {
      collectors.add(PbsCollector.create(config.backup().pbs(), Clock.systemUTC()));
    }
    if (config.backup().pve().enabled()) {
      collectors.add(new PveBackupCollector(config.backup().pve(), Clock.systemUTC()));
    }
    return collectors;
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
    scheduler.close();
  }
}
