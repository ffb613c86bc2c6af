package io.github.storageagent.app;

import io.github.storageagent.config.AgentConfig;
import io.github.storageagent.demo.DemoNode;
import io.github.storageagent.http.ListenAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Exercises the agent once end to end (demo node, collectors, every exposition format) and exits,
 * so that {@code -XX:ArchiveClassesAtExit} captures the classes a real run loads. Used by the
 * packaged storage-agent-cds.service. Its requests use HttpURLConnection, as the PBS client does:
 * java.net.http would put classes into the archive that a real run never loads.
 */
public final class CdsTraining {

  private static final List<String> ACCEPTS =
      List.of(
          "text/plain; version=0.0.4",
          "application/openmetrics-text; version=1.0.0",
          "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited");

  private CdsTraining() {}

  public static int run() throws Exception {
    try (DemoNode node = DemoNode.start();
        Agent agent =
            Agent.start(
                DemoSetup.config(AgentConfig.defaults(), node),
                DemoSetup.sources(node),
                new Agent.Web(new ListenAddress("127.0.0.1", 0)))) {
      String base = "http://127.0.0.1:" + agent.port();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (get(base + "/-/ready", "*/*", false) != 200) {
        if (System.nanoTime() > deadline) {
          return 1;
        }
        Thread.sleep(100);
      }
      for (String accept : ACCEPTS) {
        get(base + "/metrics", accept, false);
        get(base + "/metrics", accept, true);
      }
      get(base + "/", "text/html", false);
      return 0;
    }
  }

  private static int get(String url, String accept, boolean gzip) throws IOException {
    HttpURLConnection c =
        (HttpURLConnection) URI.create(url).toURL().openConnection(Proxy.NO_PROXY);
    c.setConnectTimeout(5_000);
    c.setReadTimeout(10_000);
    c.setUseCaches(false);
    c.setRequestProperty("Accept", accept);
    if (gzip) {
      c.setRequestProperty("Accept-Encoding", "gzip");
    }
    int status = c.getResponseCode();
    // read the answer through, as a scraper does
    InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream();
    if (body != null) {
      try (body) {
        body.transferTo(OutputStream.nullOutputStream());
      }
    }
    return status;
  }
}
