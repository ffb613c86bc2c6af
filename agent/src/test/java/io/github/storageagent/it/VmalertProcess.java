package io.github.storageagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's {@code vmalert} for integration tests: evaluates rule files every second against a
 * VictoriaMetrics, writes recording rules and alert state back to it, and sends alerts to an
 * Alertmanager.
 */
public final class VmalertProcess extends LocalService {

  private VmalertProcess(List<String> argv, Path dir, int port) throws Exception {
    super("vmalert", argv, dir, port, "/health");
  }

  public static VmalertProcess start(
      List<Path> ruleFiles, VictoriaMetricsProcess datasource, String alertmanagerUrl)
      throws Exception {
    Path binary = Tools.require("vmalert", "victoria-metrics");
    Path dir = tempDir("vmalert");
    int port = freePort();
    List<String> argv = new ArrayList<>(List.of(binary.toString()));
    for (Path f : ruleFiles) {
      argv.add("-rule=" + f.toAbsolutePath());
    }
    argv.addAll(
        List.of(
            "-datasource.url=" + datasource.url(),
            "-remoteWrite.url=" + datasource.url(),
            "-remoteRead.url=" + datasource.url(),
            "-notifier.url=" + alertmanagerUrl,
            "-evaluationInterval=1s",
            "-httpListenAddr=127.0.0.1:" + port,
            "-external.url=http://127.0.0.1:" + port,
            "-loggerLevel=WARN"));
    return new VmalertProcess(argv, dir, port);
  }

  /** Every alert vmalert holds (pending and firing), as {@code /api/v1/alerts} lists them. */
  public JsonNode alerts() throws Exception {
    return api("/api/v1/alerts").path("alerts");
  }

  /** Rule groups with their rules' health and last error, as {@code /api/v1/rules} lists them. */
  public JsonNode groups() throws Exception {
    return api("/api/v1/rules").path("groups");
  }
}
