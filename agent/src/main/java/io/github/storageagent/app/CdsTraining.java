package io.github.storageagent.app;

import io.github.storageagent.config.AgentConfig;
import io.github.storageagent.demo.DemoNode;
import io.github.storageagent.http.ListenAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Exercises the agent once end to end (demo node, collectors, every exposition format) and exits,
 * so that {@code -XX:ArchiveClassesAtExit} captures the classes a real run loads. Used by the
 * packaged storage-agent-cds.service.
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
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      String base = "http://127.0.0.1:" + agent.port();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (get(http, base + "/-/ready", "*/*", false) != 200) {
        if (System.nanoTime() > deadline) {
          return 1;
        }
        Thread.sleep(100);
      }
      for (String accept : ACCEPTS) {
        get(http, base + "/metrics", accept, false);
        get(http, base + "/metrics", accept, true);
      }
      get(http, base + "/", "text/html", false);
      return 0;
    }
  }

  private static int get(HttpClient http, String url, String accept, boolean gzip)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Accept", accept);
    if (gzip) {
      b.header("Accept-Encoding", "gzip");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
