package io.github.storageagent.smart;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The real agent jar as a process for the SMART integration tests: a config file, extra PATH
 * entries first, and scrapes over HTTP. (Private to these tests until the shared helper exists.)
 */
final class SmartAgentProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private SmartAgentProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static SmartAgentProcess start(Path workDir, String configYaml, Path pathFirst, String... extra)
      throws IOException {
    String jar = System.getProperty("storage.agent.jar");
    assertThat(jar)
        .as("system property storage.agent.jar (set by failsafe; run via mvn verify)")
        .isNotBlank();
    assertThat(Path.of(jar)).as("the agent jar; run mvn package first").exists();
    int port = freePort();
    Path config = workDir.resolve("agent.yml");
    Files.writeString(config, configYaml, StandardCharsets.UTF_8);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx128m");
    cmd.add("-jar");
    cmd.add(jar);
    cmd.add("--web.listen-address=127.0.0.1:" + port);
    cmd.add("--config.file=" + config);
    cmd.addAll(List.of(extra));
    Path log = workDir.resolve("agent.log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    if (pathFirst != null) {
      Map<String, String> env = pb.environment();
      env.put("PATH", pathFirst + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    }
    return new SmartAgentProcess(pb.start(), port, log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  long pid() {
    return process.pid();
  }

  /** One scrape; fails the test if it does not answer within two seconds. */
  String scrape() throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(2))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  /** Scrapes until the body satisfies {@code ready}; fails after {@code limit}. */
  String awaitScrape(Duration limit, Predicate<String> ready)
      throws IOException, InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    String last = "";
    while (System.nanoTime() < end) {
      assertThat(process.isAlive()).as("agent still running; log:%n%s", log()).isTrue();
      try {
        last = scrape();
        if (ready.test(last)) {
          return last;
        }
      } catch (java.net.ConnectException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "scrape did not become ready within "
            + limit
            + "; last scrape:\n"
            + last
            + "\nlog:\n"
            + log());
  }

  String log() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** State letter and parent pid of a process from /proc, empty if it does not exist. */
  static java.util.Optional<String[]> procStat(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return java.util.Optional.of(new String[] {rest[0], rest[1]});
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  /** Zombie children of {@code parent} (state Z), by scanning /proc. */
  static List<Long> zombieChildren(long parent) throws IOException {
    List<Long> zombies = new ArrayList<>();
    try (var dirs = Files.list(Path.of("/proc"))) {
      for (Path d : (Iterable<Path>) dirs::iterator) {
        String name = d.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        long pid = Long.parseLong(name);
        procStat(pid)
            .filter(s -> s[0].equals("Z") && Long.parseLong(s[1]) == parent)
            .ifPresent(s -> zombies.add(pid));
      }
    }
    return zombies;
  }
}
