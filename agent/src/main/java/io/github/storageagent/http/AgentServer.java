package io.github.storageagent.http;

import io.github.storageagent.collect.SnapshotStore;
import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The HTTP surface: {@code /metrics} (client_java's scrape handler: text, OpenMetrics or protobuf
 * by Accept, gzip when asked, {@code name[]} filters), health and readiness probes, and a landing
 * page.
 */
public final class AgentServer implements AutoCloseable {

  private final Javalin app;

  public AgentServer(
      ListenAddress address, SnapshotStore store, PrometheusRegistry registry, String version) {
    LandingPage landing = new LandingPage(store, version);
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.jetty.host = address.host();
              config.jetty.port = address.port();
              config.jetty.modifyServletContextHandler(
                  handler ->
                      handler.addServlet(
                          new ServletHolder(new PrometheusMetricsServlet(registry)), "/metrics"));
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
              config.routes.get(
                  "/", ctx -> ctx.contentType(ContentType.TEXT_HTML).result(landing.render()));
            });
  }

  public AgentServer start() {
    app.start();
    return this;
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
