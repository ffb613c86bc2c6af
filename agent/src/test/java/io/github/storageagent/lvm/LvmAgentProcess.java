package io.github.storageagent.lvm;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real agent jar as a process, for the LVM integration tests; a stand-in until the shared
 * {@code it/AgentProcess} helper exists in this branch.
 */
final class LvmAgentProcess implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private LvmAgentProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts the jar with {@code args}; {@code binFirst}, if not null, goes first on its PATH (where
   * the fake lvs and vgs live).
   */
  static LvmAgentProcess start(Path workDir, Path binFirst, String... args) throws IOException {
    String jar = System.getProperty("storage.agent.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      fail("storage.agent.jar is not set or missing (" + jar + "): run with mvn verify");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> argv = new ArrayList<>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    argv.add("-Xmx96m");
    argv.add("-jar");
    argv.add(jar);
    argv.add("--web.listen-address=127.0.0.1:" + port);
    argv.addAll(List.of(args));
    Path log = workDir.resolve("agent.log");
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    if (binFirst != null) {
      pb.environment().put("PATH", binFirst + ":" + System.getenv("PATH"));
    }
    return new LvmAgentProcess(pb.start(), log, port);
  }

  String log() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int get(String path) {
    try {
      return http.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One scrape in the Prometheus text format, "" while the agent is not listening yet. */
  String scrape() {
    try {
      HttpResponse<String> r = http.send(request("/metrics"), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5))
        .build();
  }

  /** Scrapes until {@code condition} holds; fails with the last scrape and the log otherwise. */
  String awaitScrape(String what, Predicate<String> condition, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        fail("agent exited (" + process.exitValue() + ") waiting for " + what + "; log:\n" + log());
      }
      last = scrape();
      if (condition.test(last)) {
        return last;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return fail("timed out waiting for " + what + "\nlast scrape:\n" + last + "\nlog:\n" + log());
  }

  boolean alive() {
    return process.isAlive();
  }

  /** The value of a series given exactly as the text format prints it, e.g. {@code a{b="c"}}. */
  static OptionalDouble sample(String scrape, String series) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(series + " ")) {
        return OptionalDouble.of(Double.parseDouble(line.substring(series.length() + 1).strip()));
      }
    }
    return OptionalDouble.empty();
  }

  static boolean has(String scrape, String series, double value) {
    OptionalDouble v = sample(scrape, series);
    return v.isPresent() && v.getAsDouble() == value;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
