package io.github.storageagent.it;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Debian's real {@code prometheus} binary for integration tests: scrapes given targets every
 * second, evaluates given rule files every second, optionally sends alerts to an Alertmanager, and
 * answers PromQL over its HTTP API.
 */
public final class PrometheusProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path dir;
  private final int port;

  private PrometheusProcess(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** What to start Prometheus with. */
  public record Options(
      List<String> scrapeTargets,
      List<Path> ruleFiles,
      String alertmanager,
      String jobName,
      String jobSettings) {
    public static Options scraping(String target) {
      return new Options(List.of(target), List.of(), null, "storage-agent", "");
    }

    public Options withRuleFiles(List<Path> files) {
      return new Options(scrapeTargets, files, alertmanager, jobName, jobSettings);
    }

    public Options withAlertmanager(String hostPort) {
      return new Options(scrapeTargets, ruleFiles, hostPort, jobName, jobSettings);
    }

    /**
     * Extra keys of the scrape job (e.g. {@code scheme}, {@code tls_config}, {@code basic_auth}),
     * as YAML lines indented by four spaces.
     */
    public Options withJobSettings(String yaml) {
      return new Options(scrapeTargets, ruleFiles, alertmanager, jobName, yaml);
    }
  }

  public static PrometheusProcess start(Options options) throws Exception {
    Path binary = Tools.require("prometheus", "prometheus");
    Path dir = Files.createTempDirectory("storage-agent-prometheus-");
    int port = freePort();
    StringBuilder config = new StringBuilder();
    config.append(
        "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n");
    if (!options.ruleFiles().isEmpty()) {
      config.append("rule_files:\n");
      for (Path f : options.ruleFiles()) {
        config.append("  - ").append(quote(f.toAbsolutePath().toString())).append('\n');
      }
    }
    if (options.alertmanager() != null) {
      config
          .append("alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: [")
          .append(quote(options.alertmanager()))
          .append("]\n");
    }
    config.append("scrape_configs:\n  - job_name: ").append(quote(options.jobName())).append('\n');
    config.append(options.jobSettings());
    config.append("    static_configs:\n      - targets: [");
    config.append(
        String.join(", ", options.scrapeTargets().stream().map(PrometheusProcess::quote).toList()));
    config.append("]\n");
    Path configFile = Files.writeString(dir.resolve("prometheus.yml"), config.toString());
    List<String> argv =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn"));
    Process p =
        new ProcessBuilder(argv)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    PrometheusProcess prometheus = new PrometheusProcess(p, dir, port);
    prometheus.awaitReady();
    return prometheus;
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("prometheus exited with " + process.exitValue() + ":\n" + logs());
      }
      try {
        HttpResponse<String> r = get("/-/ready");
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException starting) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    fail("prometheus not ready within 60 s:\n" + logs());
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * GET an API path ({@code /api/v1/...}) and return its {@code data}; fails on an error answer.
   */
  public JsonNode api(String pathAndQuery) throws Exception {
    HttpResponse<String> r = get(pathAndQuery);
    JsonNode body = JSON.readTree(r.body());
    if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
      fail("prometheus " + pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
    }
    return body.path("data");
  }

  /** An instant query's result vector (or scalar), as Prometheus returns it. */
  public JsonNode query(String promql) throws Exception {
    return api("/api/v1/query?query=" + encode(promql));
  }

  /** A range query over the last {@code range}, with the given step. */
  public JsonNode queryRange(String promql, Duration range, Duration step) throws Exception {
    long end = System.currentTimeMillis() / 1000;
    long start = end - range.toSeconds();
    return api(
        "/api/v1/query_range?query="
            + encode(promql)
            + "&start="
            + start
            + "&end="
            + end
            + "&step="
            + step.toSeconds());
  }

  /** Polls an instant query until its result satisfies {@code condition}. */
  public JsonNode awaitQuery(String promql, Predicate<JsonNode> condition, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode last = query(promql);
    while (!condition.test(last)) {
      if (System.nanoTime() > deadline) {
        fail(
            "query "
                + promql
                + " did not reach the expected result within "
                + timeout
                + "; last: "
                + last);
      }
      Thread.sleep(500);
      last = query(promql);
    }
    return last;
  }

  public String logs() throws IOException {
    Path log = dir.resolve("prometheus.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  public int port() {
    return port;
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
