package io.github.storageagent.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's real {@code prometheus} binary for integration tests: scrapes given targets every
 * second, evaluates given rule files every second, optionally sends alerts to an Alertmanager, and
 * answers PromQL over its HTTP API.
 */
public final class PrometheusProcess extends LocalService {

  private PrometheusProcess(List<String> argv, Path dir, int port) throws Exception {
    super("prometheus", argv, dir, port, "/-/ready");
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
    Path dir = tempDir("prometheus");
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
    return new PrometheusProcess(argv, dir, port);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
