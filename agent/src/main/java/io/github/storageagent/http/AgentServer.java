package io.github.storageagent.http;

import io.github.storageagent.collect.SnapshotStore;
import io.github.storageagent.status.History;
import io.github.storageagent.status.StatusService;
import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP surface: {@code /metrics} (see {@link MetricsHandler}), health and readiness probes, and
 * the node's status page and its JSON (see {@link StatusService}).
 *
 * <p>Sized for one node, not for a web site: a handful of threads (writes are asynchronous, so a
 * thread is busy only while a request is parsed and handed its cached body), and a cap on open
 * connections, so that a scrape storm or a crowd of slow clients meets 503s or waits in the
 * kernel's accept queue instead of exhausting heap, threads or file descriptors.
 */
public final class AgentServer implements AutoCloseable {

  /** Jetty needs one acceptor and one selector thread besides the workers. */
  static final int MAX_THREADS = 8;

  static final int MIN_THREADS = 2;
  static final int THREAD_IDLE_MILLIS = 30_000;

  /** Open connections beyond this wait in the kernel's accept queue. */
  static final int MAX_CONNECTIONS = 512;

  static final int MAX_HEADER_BYTES = 8 * 1024;
  static final int OUTPUT_BUFFER_BYTES = 8 * 1024;
  static final long IDLE_TIMEOUT_MILLIS = 30_000;

  /** What Jetty may keep of released buffers for reuse, heap and direct each. */
  static final long RETAINED_BUFFER_BYTES = 1024 * 1024;

  static {
    // Jetty asks the platform MBean server for this unless told, which loads JMX (some 200
    // classes) into an agent that never uses it. 16 = a 64-byte line of compressed references.
    if (System.getProperty("org.eclipse.jetty.util.referencesPerCacheLine") == null) {
      System.setProperty("org.eclipse.jetty.util.referencesPerCacheLine", "16");
    }
  }

  private final Javalin app;
  private final WebConfigReloader reloader;

  /**
   * @param web the web config (TLS, basic auth, headers) with its status metrics; empty serves
   *     plain HTTP to anyone, as without {@code --web.config.file}
   */
  public AgentServer(
      ListenAddress address,
      SnapshotStore store,
      PrometheusRegistry registry,
      ScrapeStats stats,
      String version,
      Optional<WebSurface> web) {
    StatusService status = new StatusService(store, version, History.bounded());
    MetricsHandler metrics =
        new MetricsHandler(new ScrapeCache(store, registry::scrape), registry, stats);
    ServerTls tls =
        web.flatMap(
                w ->
                    w.loaded()
                        .tls()
                        .map(m -> new ServerTls(w.loaded().config().tls().orElseThrow(), m)))
            .orElse(null);
    var outcomes = BasicAuth.newOutcomeCache();
    Object bcryptLock = new Object();
    WebConfigReloader.BasicAuthFactory auth =
        loaded -> new BasicAuth(loaded.config().users(), outcomes, bcryptLock);
    AccessHandler access =
        web.map(
                w ->
                    new AccessHandler(
                        AccessHandler.Rules.of(w.loaded().config(), auth.create(w.loaded()))))
            .orElse(null);
    this.reloader =
        web.map(
                w ->
                    new WebConfigReloader(
                        w.loaded(), access, tls, w.status(), auth, Clock.systemUTC(), w.timer()))
            .orElse(null);
    // The job queue stays unbounded (Jetty's advice): the connection cap already bounds it.
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS, THREAD_IDLE_MILLIS);
    threads.setReservedThreads(0);
    threads.setName("http");
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.jetty.threadPool = threads;
              config.jetty.modifyHttpConfiguration(
                  http -> {
                    http.setSendServerVersion(false);
                    http.setRequestHeaderSize(MAX_HEADER_BYTES);
                    http.setOutputBufferSize(OUTPUT_BUFFER_BYTES);
                    // Jetty keeps a cache of recent header values per connection, about 20 kB
                    // each: 512 connections would hold 10 MB of heap to speed up nothing here.
                    http.setHeaderCacheSize(0);
                    http.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
                    // Heap buffers: the JVM's direct memory is capped small, and 512 idle
                    // connections must not be able to exhaust it.
                    http.setUseInputDirectByteBuffers(false);
                    http.setUseOutputDirectByteBuffers(false);
                  });
              config.jetty.addConnector(
                  (server, http) -> {
                    ServerConnector connector =
                        new ServerConnector(
                            server,
                            null,
                            null,
                            new ArrayByteBufferPool(
                                0, -1, -1, -1, RETAINED_BUFFER_BYTES, RETAINED_BUFFER_BYTES),
                            1,
                            1,
                            connectionFactories(tls, http));
                    connector.setHost(address.host());
                    connector.setPort(address.port());
                    return connector;
                  });
              config.jetty.modifyServer(
                  server -> {
                    server.insertHandler(metrics);
                    if (access != null) {
                      // Outermost: no path, /metrics included, is served before it.
                      server.insertHandler(access);
                    }
                    server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, server));
                  });
              config.routes.get("/-/healthy", ctx -> ctx.result("Healthy.\n"));
              config.routes.get(
                  "/-/ready",
                  ctx -> {
                    if (store.ready()) {
                      ctx.result("Ready.\n");
                    } else {
                      ctx.status(503).result("Not ready: first collection still running.\n");
                    }
                  });
              // Behind the same access handler as /metrics: the page names drives, guests and
              // the collectors' last errors.
              config.routes.get(
                  "/", ctx -> ctx.contentType(ContentType.TEXT_HTML).result(status.page()));
              config.routes.get(
                  "/api/v1/status",
                  ctx -> ctx.contentType(ContentType.APPLICATION_JSON).result(status.json()));
            });
  }

  /** The web config as loaded at start, and where its reload outcome is reported. */
  public record WebSurface(
      LoadedWebConfig loaded, WebConfigStatus status, ScheduledExecutorService timer) {}

  private static org.eclipse.jetty.server.ConnectionFactory[] connectionFactories(
      ServerTls tls, org.eclipse.jetty.server.HttpConfiguration http) {
    HttpConnectionFactory plain = new HttpConnectionFactory(http);
    if (tls == null) {
      return new org.eclipse.jetty.server.ConnectionFactory[] {plain};
    }
    return new org.eclipse.jetty.server.ConnectionFactory[] {
      new SslConnectionFactory(tls, plain.getProtocol()), plain
    };
  }

  public AgentServer start() {
    app.start();
    if (reloader != null) {
      reloader.start();
    }
    return this;
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    if (reloader != null) {
      reloader.close();
    }
    app.stop();
  }
}
