package io.github.storageagent.it;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;

/**
 * Debian's single-node {@code victoria-metrics} for integration tests: takes remote writes on
 * {@code /api/v1/write} and answers PromQL (MetricsQL) on the Prometheus query API. Samples are
 * visible to queries after 1 s instead of the default 30 s, so that a test need not wait.
 */
public final class VictoriaMetricsProcess extends LocalService {

  private VictoriaMetricsProcess(List<String> argv, Path dir, int port) throws Exception {
    super("victoria-metrics", argv, dir, port, "/health");
  }

  public static VictoriaMetricsProcess start() throws Exception {
    Path binary = Tools.require("victoria-metrics", "victoria-metrics");
    Path dir = tempDir("victoria-metrics");
    int port = freePort();
    return new VictoriaMetricsProcess(
        List.of(
            binary.toString(),
            "-storageDataPath=" + dir.resolve("data"),
            "-httpListenAddr=127.0.0.1:" + port,
            "-retentionPeriod=1d",
            "-search.latencyOffset=1s",
            "-search.disableCache",
            "-loggerLevel=WARN"),
        dir,
        port);
  }

  /** Where vmagent and vmalert remote-write to. */
  public String writeUrl() {
    return url() + "/api/v1/write";
  }

  /** Stores samples given in the Prometheus text format, with millisecond timestamps. */
  public void importText(String exposition) throws Exception {
    java.net.http.HttpResponse<String> r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(url() + "/api/v1/import/prometheus"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(exposition))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      fail("import answered " + r.statusCode() + ": " + r.body());
    }
  }
}
