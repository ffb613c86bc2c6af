package io.github.storageagent.it;

import static org.assertj.core.api.Assertions.fail;

import io.github.storageagent.testing.Exposition;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
  private final Path config;
  private final int port;
  private final Duration requestTimeout;

  private AgentProcess(Process process, Path log, Path config, int port, Duration requestTimeout) {
    this.process = process;
    this.log = log;
    this.config = config;
    this.port = port;
    this.requestTimeout = requestTimeout;
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
    return launch().env(env).start(args);
  }

  /** A start with more than environment and arguments: PATH, a config file, what to wait for. */
  public static Launch launch() {
    return new Launch();
  }

  /** How to start the agent; {@link #start} runs it. */
  public static final class Launch {
    private final Map<String, String> env = new LinkedHashMap<>();
    private Path pathFirst;
    private String configYaml;
    private boolean awaitReady = true;
    private boolean readyCheck = true;
    private Duration requestTimeout = Duration.ofSeconds(10);

    private Launch() {}

    public Launch env(Map<String, String> vars) {
      env.putAll(vars);
      return this;
    }

    /** Puts {@code dir} first on the agent's PATH (where fake smartctl, lvs, vgs live). */
    public Launch pathFirst(Path dir) {
      pathFirst = dir;
      return this;
    }

    /** Writes {@code yaml} to a temporary file and passes it as --config.file. */
    public Launch config(String yaml) {
      configYaml = yaml;
      return this;
    }

    /**
     * Returns as soon as the agent answers HTTP (/-/healthy), without waiting for the first
     * collection to finish, so that a test can scrape while it still runs.
     */
    public Launch listeningOnly() {
      awaitReady = false;
      return this;
    }

    /**
     * Returns once the process runs, without asking it anything over plain HTTP: for an agent
     * serving TLS or asking for credentials, whose test waits for it its own way.
     */
    public Launch noReadyCheck() {
      readyCheck = false;
      return this;
    }

    /** How long each HTTP request to the agent, scrapes included, may take (default 10 s). */
    public Launch requestTimeout(Duration timeout) {
      requestTimeout = timeout;
      return this;
    }

    public AgentProcess start(String... args) throws Exception {
      int port = LocalService.freePort();
      Path log = Files.createTempFile("storage-agent-it-", ".log");
      Path config = null;
      List<String> argv =
          new ArrayList<>(List.of(javaBinary(), "-Xmx128m", "-jar", jar().toString()));
      argv.add("--web.listen-address=127.0.0.1:" + port);
      if (configYaml != null) {
        config = Files.createTempFile("storage-agent-it-", ".yml");
        Files.writeString(config, configYaml, StandardCharsets.UTF_8);
        argv.add("--config.file=" + config);
      }
      argv.addAll(List.of(args));
      ProcessBuilder pb =
          new ProcessBuilder(argv)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      pb.environment().putAll(env);
      if (pathFirst != null) {
        pb.environment()
            .put("PATH", pathFirst + ":" + pb.environment().getOrDefault("PATH", "/usr/bin:/bin"));
      }
      AgentProcess agent = new AgentProcess(pb.start(), log, config, port, requestTimeout);
      if (readyCheck) {
        agent.await(awaitReady ? "/-/ready" : "/-/healthy", Duration.ofSeconds(60));
      }
      return agent;
    }
  }

  private void await(String path, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("agent exited with " + process.exitValue() + " before it was ready:\n" + logs());
      }
      try {
        if (get(path, Map.of()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYetListening) {
        // still starting
      }
      Thread.sleep(100);
    }
    fail("agent did not answer " + path + " within " + timeout + ":\n" + logs());
  }

  public HttpResponse<byte[]> get(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(requestTimeout);
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
    return scrapeUntil("condition", condition, timeout);
  }

  /** The same, naming in the failure {@code what} was waited for. */
  public Exposition scrapeUntil(String what, Predicate<Exposition> condition, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exposition last = scrape();
    while (!condition.test(last)) {
      if (!process.isAlive()) {
        fail("agent exited with " + process.exitValue() + " waiting for " + what + ":\n" + logs());
      }
      if (System.nanoTime() > deadline) {
        fail(
            what
                + " not met within "
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

  /** Everything the agent has logged so far (stdout and stderr). */
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
    if (config != null) {
      Files.deleteIfExists(config);
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
