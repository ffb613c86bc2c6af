package io.github.storageagent.it;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Debian's real Alertmanager for integration tests, running a given configuration with its routes
 * and inhibitions intact but every webhook pointed at a {@link WebhookReceiver} and the grouping
 * delays shortened to seconds.
 */
public final class AlertmanagerProcess implements AutoCloseable {

  private final Process process;
  private final Path dir;
  private final int port;

  private AlertmanagerProcess(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  public static AlertmanagerProcess start(Path exampleConfig, WebhookReceiver sink)
      throws Exception {
    Path binary = Tools.require("prometheus-alertmanager", "prometheus-alertmanager");
    Path dir = Files.createTempDirectory("storage-agent-alertmanager-");
    int port = PrometheusProcess.freePort();
    Map<String, Object> config = new Yaml().load(Files.readString(exampleConfig));
    retime(config.get("route"));
    for (Object r : (List<?>) config.get("receivers")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> receiver = (Map<String, Object>) r;
      Object hooks = receiver.get("webhook_configs");
      if (hooks instanceof List<?> list) {
        for (Object h : list) {
          @SuppressWarnings("unchecked")
          Map<String, Object> hook = (Map<String, Object>) h;
          hook.put("url", sink.url() + receiver.get("name"));
        }
      }
    }
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    Path configFile =
        Files.writeString(dir.resolve("alertmanager.yml"), new Yaml(options).dump(config));
    Process p =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + configFile,
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("alertmanager.log").toFile())
            .start();
    AlertmanagerProcess am = new AlertmanagerProcess(p, dir, port);
    am.awaitReady();
    return am;
  }

  /** Seconds instead of minutes, in the route and every sub-route. */
  @SuppressWarnings("unchecked")
  private static void retime(Object route) {
    if (!(route instanceof Map<?, ?>)) {
      return;
    }
    Map<String, Object> r = (Map<String, Object>) route;
    if (r.containsKey("group_wait")) {
      r.put("group_wait", "1s");
    }
    if (r.containsKey("group_interval")) {
      r.put("group_interval", "1s");
    }
    if (r.containsKey("repeat_interval")) {
      r.put("repeat_interval", "1h");
    }
    if (r.get("routes") instanceof List<?> children) {
      children.forEach(AlertmanagerProcess::retime);
    }
  }

  private void awaitReady() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("alertmanager exited with " + process.exitValue() + ":\n" + logs());
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException starting) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    fail("alertmanager not ready within 60 s:\n" + logs());
  }

  public String address() {
    return "127.0.0.1:" + port;
  }

  /** The alerts Alertmanager holds now ({@code /api/v2/alerts}), with their inhibition state. */
  public JsonNode alerts() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/alerts"))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      fail("alertmanager /api/v2/alerts answered " + r.statusCode() + ": " + r.body());
    }
    return new ObjectMapper().readTree(r.body());
  }

  public String logs() throws IOException {
    Path log = dir.resolve("alertmanager.log");
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
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
