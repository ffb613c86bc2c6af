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
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A server binary started for a test on a loopback port, with its own temporary folder and log; the
 * common part of the Prometheus, VictoriaMetrics, vmagent and vmalert helpers, which all answer the
 * Prometheus query API or part of it.
 */
abstract class LocalService implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final Process process;
  private final Path dir;
  private final int port;
  private final String readyPath;

  /**
   * Starts {@code argv} and returns once {@code readyPath} answers 200 ({@code /health} for the
   * VictoriaMetrics components, {@code /-/ready} for Prometheus).
   */
  LocalService(String name, List<String> argv, Path dir, int port, String readyPath)
      throws Exception {
    this.name = name;
    this.dir = dir;
    this.port = port;
    this.readyPath = readyPath;
    this.process =
        new ProcessBuilder(argv)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile())
            .start();
    awaitReady();
  }

  static Path tempDir(String name) throws IOException {
    return Files.createTempDirectory("storage-agent-" + name + "-");
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail(name + " exited with " + process.exitValue() + ":\n" + logs());
      }
      try {
        if (get(readyPath).statusCode() == 200) {
          return;
        }
      } catch (IOException starting) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    fail(name + " not ready within 60 s:\n" + logs());
  }

  HttpResponse<String> get(String pathAndQuery) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url() + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** GET a Prometheus-style API path and return its {@code data}; fails on an error answer. */
  public JsonNode api(String pathAndQuery) throws Exception {
    HttpResponse<String> r = get(pathAndQuery);
    JsonNode body = JSON.readTree(r.body());
    if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
      fail(name + " " + pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
    }
    return body.path("data");
  }

  /** An instant query's result vector (or scalar), as the Prometheus query API returns it. */
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

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  Path dir() {
    return dir;
  }

  public String logs() throws IOException {
    Path log = dir.resolve(name + ".log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
