package io.github.storageagent.it;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Debian's real Alertmanager for integration tests, running a given configuration with its routes
 * and inhibitions intact but every webhook pointed at a {@link WebhookReceiver} and the grouping
 * delays shortened to seconds.
 */
public final class AlertmanagerProcess extends LocalService {

  private AlertmanagerProcess(List<String> argv, Path dir, int port) throws Exception {
    super("alertmanager", argv, dir, port, "/-/ready");
  }

  public static AlertmanagerProcess start(Path exampleConfig, WebhookReceiver sink)
      throws Exception {
    Path binary = Tools.require("prometheus-alertmanager", "prometheus-alertmanager");
    Path dir = tempDir("alertmanager");
    int port = freePort();
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
    return new AlertmanagerProcess(
        List.of(
            binary.toString(),
            "--config.file=" + configFile,
            "--storage.path=" + dir.resolve("data"),
            "--web.listen-address=127.0.0.1:" + port,
            "--cluster.listen-address=",
            "--log.level=warn"),
        dir,
        port);
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

  public String address() {
    return "127.0.0.1:" + port();
  }

  /** The alerts Alertmanager holds now ({@code /api/v2/alerts}), with their inhibition state. */
  public JsonNode alerts() throws Exception {
    HttpResponse<String> r = get("/api/v2/alerts");
    if (r.statusCode() != 200) {
      fail("alertmanager /api/v2/alerts answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }
}
