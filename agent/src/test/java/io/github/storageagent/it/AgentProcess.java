package io.github.storageagent.it;

import static org.assertj.core.api.Assertions.fail;

import io.github.storageagent.testing.Exposition;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real agent jar in its own JVM, as an admin would run it, for integration tests: started on a
 * free loopback port, waited for until ready, scraped over HTTP, stopped and reaped at the end.
 */
public final class AgentProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final Path log;
  private final int port;

  private AgentProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** The shaded jar under test; failsafe passes its path. */
  public static Path jar() {
    String jar = System.getProperty("storage.agent.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      fail(
          "storage.agent.jar not set or missing ("
              + jar
              + "): run integration tests with ./mvnw verify");
    }
    return Path.of(jar);
  }

  /**
   * Runs the jar to completion with the given arguments (for --version, --check-config, doctor).
   */
  public static Finished run(Map<String, String> env, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of(javaBinary(), "-jar", jar().toString()));
    argv.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(argv)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().putAll(env);
    Process p = pb.start();
    var out = p.getInputStream().readAllBytes();
    var err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("agent did not exit within 60 s: " + argv);
    }
    return new Finished(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  /** Output of a finished run. */
  public record Finished(int exitCode, String stdout, String stderr) {}

  /** Starts the agent and waits until /-/ready answers 200. */
  public static AgentProcess start(Map<String, String> env, String... args) throws Exception {
    int port = freePort();
    Path log = Files.createTempFile("storage-agent-it-", ".log");
    List<String> argv =
        new ArrayList<>(List.of(javaBinary(), "-Xmx128m", "-jar", jar().toString()));
    argv.add("--web.listen-address=127.0.0.1:" + port);
    argv.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(argv)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().putAll(env);
    AgentProcess agent = new AgentProcess(pb.start(), log, port);
    agent.awaitReady(Duration.ofSeconds(60));
    return agent;
  }

  private void awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("agent exited with " + process.exitValue() + " before it was ready:\n" + logs());
      }
      try {
        if (get("/-/ready", Map.of()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYetListening) {
        // still starting
      }
      Thread.sleep(100);
    }
    fail("agent not ready within " + timeout + ":\n" + logs());
  }

  public HttpResponse<byte[]> get(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10));
    headers.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** One scrape in the Prometheus text format. */
  public Exposition scrape() throws Exception {
    HttpResponse<byte[]> r = get("/metrics", Map.of());
    if (r.statusCode() != 200) {
      fail("/metrics answered " + r.statusCode());
    }
    return Exposition.parse(new String(r.body(), StandardCharsets.UTF_8));
  }

  /** Scrapes until {@code condition} holds, failing with the last scrape after {@code timeout}. */
  public Exposition scrapeUntil(Predicate<Exposition> condition, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exposition last = scrape();
    while (!condition.test(last)) {
      if (System.nanoTime() > deadline) {
        fail(
            "condition not met within "
                + timeout
                + "; last scrape:\n"
                + last.text()
                + "\nlog:\n"
                + logs());
      }
      Thread.sleep(200);
      last = scrape();
    }
    return last;
  }

  public String logs() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    Files.deleteIfExists(log);
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
