package io.github.storageagent.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's {@code vmagent} for integration tests: one member of a scrape cluster that shards the
 * given targets by {@code -promscrape.cluster.membersCount}/{@code memberNum}, scraping every
 * second and remote-writing to a VictoriaMetrics.
 */
public final class VmagentProcess extends LocalService {

  private VmagentProcess(List<String> argv, Path dir, int port) throws Exception {
    super("vmagent", argv, dir, port, "/health");
  }

  /**
   * Starts member {@code memberNum} of {@code membersCount}, scraping job {@code jobName} on all
   * {@code targets} (each member keeps its share) and writing to {@code writeUrl}.
   */
  public static VmagentProcess start(
      String jobName, List<String> targets, int membersCount, int memberNum, String writeUrl)
      throws Exception {
    Path binary = Tools.require("vmagent", "victoria-metrics");
    Path dir = tempDir("vmagent");
    int port = freePort();
    StringBuilder config = new StringBuilder();
    config.append("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n");
    config.append("scrape_configs:\n  - job_name: \"").append(jobName).append("\"\n");
    config.append("    static_configs:\n      - targets:\n");
    for (String t : targets) {
      config.append("          - \"").append(t).append("\"\n");
    }
    Path configFile = Files.writeString(dir.resolve("scrape.yml"), config.toString());
    return new VmagentProcess(
        List.of(
            binary.toString(),
            "-promscrape.config=" + configFile,
            "-promscrape.config.strictParse",
            "-promscrape.cluster.membersCount=" + membersCount,
            "-promscrape.cluster.memberNum=" + memberNum,
            "-remoteWrite.url=" + writeUrl,
            "-remoteWrite.tmpDataPath=" + dir.resolve("queue"),
            "-httpListenAddr=127.0.0.1:" + port,
            "-loggerLevel=WARN"),
        dir,
        port);
  }

  /** The targets this member scrapes, by health: {@code /api/v1/targets}' active targets. */
  public List<String> activeTargets() throws Exception {
    var out = new java.util.ArrayList<String>();
    for (var t : api("/api/v1/targets").path("activeTargets")) {
      out.add(t.path("labels").path("instance").asText());
    }
    return out;
  }
}
