package io.github.storageagent.http;

import io.github.storageagent.collect.SnapshotStore;
import io.github.storageagent.status.History;
import io.github.storageagent.status.StatusService;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.BindException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
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

  /** How long a stop waits for answers under way. */
  static final long STOP_TIMEOUT_MILLIS = 1_000;

  static {
    // Jetty asks the platform MBean server for this unless told, which loads JMX (some 200
    // classes) into an agent that never uses it. 16 = a 64-byte line of compressed references.
    if (System.getProperty("org.eclipse.jetty.util.referencesPerCacheLine") == null) {
      System.setProperty("org.eclipse.jetty.util.referencesPerCacheLine", "16");
    }
  }

  private final Server server;
  private final ServerConnector connector;
  private final ListenAddress address;
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
    this.address = address;
    StatusService status = new StatusService(store, version, History.bounded());
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
    this.server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(true);
    http.setRequestHeaderSize(MAX_HEADER_BYTES);
    http.setOutputBufferSize(OUTPUT_BUFFER_BYTES);
    // Jetty keeps a cache of recent header values per connection, about 20 kB each: 512
    // connections would hold 10 MB of heap to speed up nothing here.
    http.setHeaderCacheSize(0);
    http.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
    // Heap buffers: the JVM's direct memory is capped small, and 512 idle connections must not be
    // able to exhaust it.
    http.setUseInputDirectByteBuffers(false);
    http.setUseOutputDirectByteBuffers(false);
    this.connector =
        new ServerConnector(
            server,
            null,
            null,
            new ArrayByteBufferPool(0, -1, -1, -1, RETAINED_BUFFER_BYTES, RETAINED_BUFFER_BYTES),
            1,
            1,
            connectionFactories(tls, http));
    connector.setHost(address.host());
    connector.setPort(address.port());
    connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, server));
    // The access handler is outermost when configured: no path, /metrics included, is served
    // before it; the page names drives, guests and the collectors' last errors.
    MetricsHandler metrics =
        new MetricsHandler(new ScrapeCache(store, registry::scrape), registry, stats);
    metrics.setHandler(new PagesHandler(store, status));
    if (access != null) {
      access.setHandler(metrics);
      server.setHandler(access);
    } else {
      server.setHandler(metrics);
    }
    server.setStopTimeout(STOP_TIMEOUT_MILLIS);
  }

  /** The web config as loaded at start, and where its reload outcome is reported. */
  public record WebSurface(
      LoadedWebConfig loaded, WebConfigStatus status, ScheduledExecutorService timer) {}

  private static org.eclipse.jetty.server.ConnectionFactory[] connectionFactories(
      ServerTls tls, HttpConfiguration http) {
    HttpConnectionFactory plain = new HttpConnectionFactory(http);
    if (tls == null) {
      return new org.eclipse.jetty.server.ConnectionFactory[] {plain};
    }
    return new org.eclipse.jetty.server.ConnectionFactory[] {
      new SslConnectionFactory(tls, plain.getProtocol()), plain
    };
  }

  public AgentServer start() {
    try {
      server.start();
    } catch (IOException e) {
      stopQuietly();
      // "Port already in use" is what an admin (and the bench scripts) look for.
      String why =
          e.getCause() instanceof BindException
              ? "Port already in use: cannot listen on "
              : "Cannot listen on ";
      throw new IllegalStateException(
          why + address.host() + ":" + address.port() + ": " + e.getMessage(), e);
    } catch (Exception e) {
      stopQuietly();
      throw new IllegalStateException("Cannot start the HTTP server: " + e.getMessage(), e);
    }
    if (reloader != null) {
      reloader.start();
    }
    return this;
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    if (reloader != null) {
      reloader.close();
    }
    stopQuietly();
  }

  private void stopQuietly() {
    try {
      server.stop();
    } catch (Exception e) {
      // Stopping is best effort: the process is going away or the start already failed.
    }
  }
}
