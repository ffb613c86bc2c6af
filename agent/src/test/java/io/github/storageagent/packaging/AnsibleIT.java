package io.github.storageagent.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.storageagent.it.Tools;
import io.github.storageagent.testing.OpenSsl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Ansible role and playbook: lint-clean at the production profile, syntactically valid, and a
 * real run against this machine that installs the agent, then a second run that changes nothing.
 */
class AnsibleIT {

  static final Path ANSIBLE =
      Path.of(System.getProperty("storage.project.root", ".."))
          .toAbsolutePath()
          .normalize()
          .resolve("ansible");

  static DebianPackageIT.Result run(List<String> argv) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(argv).directory(ANSIBLE.toFile()).redirectErrorStream(true);
    pb.environment()
        .putAll(Map.of("ANSIBLE_NOCOLOR", "1", "ANSIBLE_FORCE_COLOR", "0", "PY_COLORS", "0"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(600, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", argv) + " did not finish within 600 s");
    }
    return new DebianPackageIT.Result(p.exitValue(), out);
  }

  @Test
  void lintPassesAtTheProductionProfile() throws Exception {
    DebianPackageIT.Result r =
        run(
            List.of(
                Tools.require("ansible-lint", "ansible-lint").toString(),
                "--profile",
                "production",
                "--nocolor"));
    assertThat(r.exit()).as(r.out()).isZero();
  }

  @Test
  void playbookSyntaxIsValid() throws Exception {
    DebianPackageIT.Result r =
        run(
            List.of(
                Tools.require("ansible-playbook", "ansible").toString(),
                "--syntax-check",
                "-i",
                "inventory.example.yml",
                "playbooks/site.yml"));
    assertThat(r.exit()).as(r.out()).isZero();
  }

  @Test
  void realLocalRunInstallsTheAgentAndASecondRunChangesNothing() throws Exception {
    if (!"root".equals(System.getProperty("user.name"))) {
      fail("the local Ansible run installs packages and needs root; CI runs the tests as root");
    }
    String playbook = Tools.require("ansible-playbook", "ansible").toString();
    String deb = DebianPackageIT.deb().toString();
    List<String> argv =
        List.of(
            playbook,
            "-i",
            "tests/inventory.local.yml",
            "playbooks/site.yml",
            "-e",
            "storage_agent_deb_file=" + deb);
    DebianPackageIT.run("dpkg", "--purge", "storage-agent");
    try {
      DebianPackageIT.Result[] runs = runTwice(argv);
      DebianPackageIT.Result first = runs[0];
      DebianPackageIT.Result second = runs[1];

      // As systemd will start it: the token secret from $CREDENTIALS_DIRECTORY.
      DebianPackageIT.Result check =
          DebianPackageIT.run(
              "env",
              "CREDENTIALS_DIRECTORY=/etc/storage-agent/credentials",
              "/usr/bin/storage-agent",
              "--check-config",
              "--config.file=/etc/storage-agent/config.yml");
      assertThat(check.exit()).as(check.out()).isZero();
      assertThat(check.out()).contains("config OK");
      assertThat(Files.readString(Path.of("/etc/storage-agent/config.yml")))
          .contains("interval: 2s");
      assertThat(Files.readString(Path.of("/etc/prometheus/file_sd/storage-agent.yml")))
          .contains("127.0.0.1:9958");
      assertThat(Path.of("/etc/prometheus/rules/storage-capacity.rules.yml")).exists();

      // No web config variables: no web.yml, no flag, and a plain http scrape job.
      assertThat(Path.of("/etc/storage-agent/web.yml")).doesNotExist();
      assertThat(Files.readString(Path.of("/etc/default/storage-agent")))
          .doesNotContain("--web.config.file");
      JsonNode job = YAML.readTree(SCRAPE_FILE.toFile()).path("scrape_configs").path(0);
      assertThat(job.path("job_name").asText()).isEqualTo("storage-agent");
      assertThat(job.path("scheme").asText()).isEqualTo("http");
      assertThat(job.has("tls_config")).as(job.toString()).isFalse();
      assertThat(job.has("basic_auth")).as(job.toString()).isFalse();
      assertPromtoolAccepts(SCRAPE_FILE);

      // The token secret: a root-only file handed to the service as a systemd credential.
      Path secret = Path.of("/etc/storage-agent/credentials/pbs-pbs01");
      assertThat(Files.readString(secret)).isEqualTo("ansible-it-not-a-real-secret\n");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
          .isEqualTo("rw-------");
      assertThat(Files.getOwner(secret).getName()).isEqualTo("root");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret.getParent())))
          .isEqualTo("rwx------");
      assertThat(
              Files.readString(
                  Path.of("/etc/systemd/system/storage-agent.service.d/credentials.conf")))
          .contains("[Service]\nLoadCredential=pbs-pbs01:/etc/storage-agent/credentials/pbs-pbs01");
      String config = Files.readString(Path.of("/etc/storage-agent/config.yml"));
      assertThat(config)
          .contains("token_secret_credential: pbs-pbs01")
          .doesNotContain("token_secret_file")
          .doesNotContain("ansible-it-not-a-real-secret");
      assertThat(first.out() + second.out()).doesNotContain("ansible-it-not-a-real-secret");
    } finally {
      DebianPackageIT.run("dpkg", "--purge", "storage-agent");
      cleanUp();
    }
  }

  /**
   * Rollout at fleet size: the Prometheus play alone, for a generated inventory of 1,000 storage
   * nodes, renders a file_sd targets file with one entry per node that promtool accepts, and a
   * scrape job that both promtool and vmagent (the sharded path) accept.
   */
  @Test
  void prometheusWiringForAThousandNodeInventoryIsValid(@TempDir Path dir) throws Exception {
    if (!"root".equals(System.getProperty("user.name"))) {
      fail("the local Ansible run writes files owned by root; CI runs the tests as root");
    }
    int nodes = 1000;
    StringBuilder inventory =
        new StringBuilder("all:\n  children:\n    storage_nodes:\n      hosts:\n");
    for (int i = 1; i <= nodes; i++) {
      inventory.append(
          String.format(
              "        node%04d:%n          ansible_host: 10.20.%d.%d%n", i, i / 256, i % 256));
    }
    inventory.append(
        "    prometheus:\n      hosts:\n        prometheus-fleet:\n"
            + "          ansible_connection: local\n"
            + "          storage_agent_prometheus_reload: false\n");
    Path inventoryFile = Files.writeString(dir.resolve("inventory.yml"), inventory);
    Path out = dir.resolve("etc");
    Path scrapeFile = out.resolve("scrape_configs/storage-agent.yml");
    Path targetsFile = out.resolve("file_sd/storage-agent.yml");
    ObjectNode vars = new ObjectMapper().createObjectNode();
    vars.put("storage_agent_prometheus_rules_dir", out.resolve("rules").toString());
    vars.put("storage_agent_prometheus_file_sd_dir", targetsFile.getParent().toString());
    vars.put("storage_agent_prometheus_scrape_file", scrapeFile.toString());
    vars.put("storage_agent_prometheus_secrets_dir", out.resolve("secrets").toString());

    // Only the Prometheus play: the storage nodes are in the inventory but not reachable.
    DebianPackageIT.Result r =
        run(
            List.of(
                Tools.require("ansible-playbook", "ansible").toString(),
                "-i",
                inventoryFile.toString(),
                "playbooks/site.yml",
                "--limit",
                "prometheus",
                "-e",
                vars.toString()));
    assertThat(r.exit()).as(r.out()).isZero();

    JsonNode targets = YAML.readTree(targetsFile.toFile());
    assertThat(targets.size()).isEqualTo(nodes);
    Set<String> addresses = new java.util.HashSet<>();
    Set<String> names = new java.util.HashSet<>();
    for (JsonNode group : targets) {
      assertThat(group.path("targets").size()).as(group.toString()).isEqualTo(1);
      addresses.add(group.path("targets").path(0).asText());
      names.add(group.path("labels").path("node").asText());
    }
    assertThat(addresses).hasSize(nodes).contains("10.20.0.1:9958", "10.20.3.232:9958");
    assertThat(names).hasSize(nodes).contains("node0001", "node1000");
    assertThat(out.resolve("rules/storage-health.rules.yml")).exists();

    // promtool also checks the file_sd file the job names.
    assertPromtoolAccepts(scrapeFile);
    DebianPackageIT.Result vmagent =
        DebianPackageIT.run(
            Tools.require("vmagent", "victoria-metrics").toString(),
            "-dryRun",
            "-promscrape.config=" + scrapeFile,
            "-promscrape.config.strictParse");
    assertThat(vmagent.exit()).as(vmagent.out()).isZero();
  }

  static final YAMLMapper YAML = new YAMLMapper();
  static final Path SCRAPE_FILE = Path.of("/etc/prometheus/scrape_configs/storage-agent.yml");
  static final Path PROMETHEUS_FILES = Path.of("/etc/prometheus/storage-agent");
  static final List<Path> WEB_FILES =
      List.of(
          Path.of("/etc/storage-agent/web.yml"),
          Path.of("/etc/storage-agent/web.crt"),
          Path.of("/etc/storage-agent/web.key"),
          Path.of("/etc/storage-agent/web-client-ca.crt"));

  /** Test-only bcrypt hash (cost 10) of {@link #WEB_PASSWORD}. */
  static final String WEB_HASH = "$2b$10$w0LGKMuj/Uug8fng0bsS9.kl.CMQoVNEzA7NkybqyY/5z/zn1iPBK";

  static final String WEB_PASSWORD = "prometheus-it-not-a-real-password";

  @Test
  void realLocalRunWithAWebConfigDeploysItAndPointsPrometheusAtHttps(
      @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    if (!"root".equals(System.getProperty("user.name"))) {
      fail("the local Ansible run installs packages and needs root; CI runs the tests as root");
    }
    String playbook = Tools.require("ansible-playbook", "ansible").toString();
    String openssl = Tools.require("openssl", "openssl").toString();
    // Test-only keys, made here and deleted with the temporary folder.
    new OpenSsl(tmp).selfSigned("server", "/CN=localhost", "DNS:localhost,IP:127.0.0.1");
    new OpenSsl(tmp).selfSigned("client", "/CN=prometheus", "DNS:prometheus");
    String serverCert = Files.readString(tmp.resolve("server.crt"));
    String serverKey = Files.readString(tmp.resolve("server.key"));
    String clientCert = Files.readString(tmp.resolve("client.crt"));
    String clientKey = Files.readString(tmp.resolve("client.key"));

    // Extra vars as JSON (a YAML subset ansible-playbook -e @FILE reads), for both plays.
    ObjectMapper json = new ObjectMapper();
    ObjectNode vars = json.createObjectNode();
    vars.put("storage_agent_web_tls_cert", serverCert);
    vars.put("storage_agent_web_tls_key", serverKey);
    vars.put("storage_agent_web_tls_client_ca", clientCert);
    vars.put("storage_agent_web_tls_min_version", "TLS13");
    vars.putObject("storage_agent_web_basic_auth_users").put("prometheus", WEB_HASH);
    vars.putObject("storage_agent_web_headers").put("X-Content-Type-Options", "nosniff");
    vars.put("storage_agent_prometheus_tls_ca", serverCert);
    vars.put("storage_agent_prometheus_tls_cert", clientCert);
    vars.put("storage_agent_prometheus_tls_key", clientKey);
    vars.put("storage_agent_prometheus_tls_server_name", "localhost");
    vars.put("storage_agent_prometheus_basic_auth_username", "prometheus");
    vars.put("storage_agent_prometheus_basic_auth_password", WEB_PASSWORD);
    Path varsFile = tmp.resolve("web-vars.json");
    json.writeValue(varsFile.toFile(), vars);

    List<String> plain =
        List.of(
            playbook,
            "-i",
            "tests/inventory.local.yml",
            "playbooks/site.yml",
            "-e",
            "storage_agent_deb_file=" + DebianPackageIT.deb());
    List<String> withWebConfig = new ArrayList<>(plain);
    withWebConfig.addAll(List.of("-e", "@" + varsFile));
    List<String> argv = new ArrayList<>(withWebConfig);
    DebianPackageIT.run("dpkg", "--purge", "storage-agent");
    try {
      DebianPackageIT.Result[] runs = runTwice(argv);
      DebianPackageIT.Result first = runs[0];
      DebianPackageIT.Result second = runs[1];
      String logs = first.out() + second.out();
      assertThat(logs)
          .doesNotContain(WEB_PASSWORD)
          .doesNotContain(WEB_HASH)
          .doesNotContain(pemBody(serverKey))
          .doesNotContain(pemBody(clientKey));

      // web.yml: exporter-toolkit's keys only (it rejects unknown ones), naming the files written.
      Path web = Path.of("/etc/storage-agent/web.yml");
      assertMode(web, "rw-r-----", "root");
      JsonNode config = YAML.readTree(web.toFile());
      assertThat(fieldNames(config))
          .containsExactlyInAnyOrder("tls_server_config", "http_server_config", "basic_auth_users");
      JsonNode tls = config.path("tls_server_config");
      assertThat(fieldNames(tls))
          .containsExactlyInAnyOrder(
              "cert_file", "key_file", "client_ca_file", "client_auth_type", "min_version");
      assertThat(tls.path("cert_file").asText()).isEqualTo("/etc/storage-agent/web.crt");
      assertThat(tls.path("key_file").asText()).isEqualTo("/etc/storage-agent/web.key");
      assertThat(tls.path("client_ca_file").asText())
          .isEqualTo("/etc/storage-agent/web-client-ca.crt");
      assertThat(tls.path("client_auth_type").asText()).isEqualTo("RequireAndVerifyClientCert");
      assertThat(tls.path("min_version").asText()).isEqualTo("TLS13");
      assertThat(fieldNames(config.path("http_server_config"))).containsExactly("headers");
      assertThat(
              config
                  .path("http_server_config")
                  .path("headers")
                  .path("X-Content-Type-Options")
                  .asText())
          .isEqualTo("nosniff");
      assertThat(fieldNames(config.path("basic_auth_users"))).containsExactly("prometheus");
      assertThat(config.path("basic_auth_users").path("prometheus").asText()).isEqualTo(WEB_HASH);

      // The files it names: contents, modes, and a key that belongs to the certificate.
      Path crt = Path.of(tls.path("cert_file").asText());
      Path key = Path.of(tls.path("key_file").asText());
      Path ca = Path.of(tls.path("client_ca_file").asText());
      assertMode(crt, "rw-r--r--", "root");
      assertMode(key, "rw-------", "root");
      assertMode(ca, "rw-r--r--", "root");
      assertThat(Files.readString(crt)).isEqualTo(serverCert);
      assertThat(Files.readString(key)).isEqualTo(serverKey);
      assertThat(Files.readString(ca)).isEqualTo(clientCert);
      assertThat(DebianPackageIT.ok(openssl, "pkey", "-in", key.toString(), "-pubout").out())
          .isEqualTo(
              DebianPackageIT.ok(openssl, "x509", "-in", crt.toString(), "-noout", "-pubkey")
                  .out());
      assertThat(Files.readString(Path.of("/etc/default/storage-agent")))
          .contains("--web.config.file=/etc/storage-agent/web.yml");

      DebianPackageIT.Result check =
          DebianPackageIT.run(
              "/usr/bin/storage-agent", "--check-config", "--web.config.file=" + web);
      assertThat(check.exit()).as(check.out()).isZero();
      assertThat(check.out()).contains("web config OK: " + web);

      // A web.yml the agent would refuse (exporter-toolkit allows X-Frame-Options deny or
      // sameorigin only): the role's check runs the agent on it, the run fails at that task and
      // the web.yml in place stays.
      String before = Files.readString(web);
      List<String> checked = new ArrayList<>(withWebConfig);
      checked.addAll(
          List.of("-e", "{\"storage_agent_web_headers\": {\"X-Frame-Options\": \"DENY\"}}"));
      DebianPackageIT.Result refused = run(checked);
      assertThat(refused.exit()).as(refused.out()).isNotZero();
      assertThat(refused.out())
          .as("the web.yml check runs the agent with --web.config.file")
          .contains("TASK [storage_agent : Write the web config")
          .contains("failed to validate")
          .contains("X-Frame-Options: must be one of [deny, sameorigin]");
      assertThat(refused.out()).doesNotContain(WEB_HASH);
      assertThat(Files.readString(web)).isEqualTo(before);

      // Prometheus: an https job with the CA, the client certificate and a password file.
      JsonNode job = YAML.readTree(SCRAPE_FILE.toFile()).path("scrape_configs").path(0);
      assertThat(job.path("scheme").asText()).isEqualTo("https");
      JsonNode tlsConfig = job.path("tls_config");
      assertThat(tlsConfig.path("ca_file").asText()).isEqualTo(PROMETHEUS_FILES + "/ca.crt");
      assertThat(tlsConfig.path("cert_file").asText()).isEqualTo(PROMETHEUS_FILES + "/client.crt");
      assertThat(tlsConfig.path("key_file").asText()).isEqualTo(PROMETHEUS_FILES + "/client.key");
      assertThat(tlsConfig.path("server_name").asText()).isEqualTo("localhost");
      JsonNode basicAuth = job.path("basic_auth");
      assertThat(fieldNames(basicAuth)).containsExactlyInAnyOrder("username", "password_file");
      assertThat(basicAuth.path("username").asText()).isEqualTo("prometheus");
      assertThat(basicAuth.path("password_file").asText())
          .isEqualTo(PROMETHEUS_FILES + "/password");
      assertThat(Files.readString(SCRAPE_FILE)).doesNotContain(WEB_PASSWORD);
      assertThat(job.path("file_sd_configs").path(0).path("files").path(0).asText())
          .isEqualTo("/etc/prometheus/file_sd/storage-agent.yml");
      assertPromtoolAccepts(SCRAPE_FILE);

      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(PROMETHEUS_FILES)))
          .isEqualTo("rwxr-x---");
      assertThat(
              Files.readAttributes(
                      PROMETHEUS_FILES, java.nio.file.attribute.PosixFileAttributes.class)
                  .group()
                  .getName())
          .isEqualTo("prometheus");
      assertPrometheusFile("ca.crt", "rw-r--r--", serverCert);
      assertPrometheusFile("client.crt", "rw-r--r--", clientCert);
      assertPrometheusFile("client.key", "rw-r-----", clientKey);
      assertPrometheusFile("password", "rw-r-----", WEB_PASSWORD + "\n");

      // Variables unset again: the files go, and so do the flag and the https job.
      DebianPackageIT.Result off = run(plain);
      assertThat(off.exit()).as(off.out()).isZero();
      for (Path f : WEB_FILES) {
        assertThat(f).doesNotExist();
      }
      assertThat(Files.readString(Path.of("/etc/default/storage-agent")))
          .doesNotContain("--web.config.file");
      assertThat(YAML.readTree(SCRAPE_FILE.toFile()).path("scrape_configs").path(0).toString())
          .contains("\"scheme\":\"http\"")
          .doesNotContain("tls_config")
          .doesNotContain("basic_auth");
      for (String f : List.of("ca.crt", "client.crt", "client.key", "password")) {
        assertThat(PROMETHEUS_FILES.resolve(f)).doesNotExist();
      }
      assertPromtoolAccepts(SCRAPE_FILE);
    } finally {
      DebianPackageIT.run("dpkg", "--purge", "storage-agent");
      for (Path f : WEB_FILES) {
        Files.deleteIfExists(f);
      }
      cleanUp();
    }
  }

  /** What a run leaves that the package's purge does not take: credentials, drop-in, Prometheus. */
  private static void cleanUp() throws Exception {
    DebianPackageIT.run(
        "rm",
        "-rf",
        "/etc/storage-agent/credentials",
        "/etc/systemd/system/storage-agent.service.d/credentials.conf");
    DebianPackageIT.run("rmdir", "--ignore-fail-on-non-empty", "/etc/storage-agent");
    DebianPackageIT.run(
        "rmdir", "--ignore-fail-on-non-empty", "/etc/systemd/system/storage-agent.service.d");
    cleanUpPrometheus();
  }

  private static void cleanUpPrometheus() throws Exception {
    for (String f :
        List.of(
            "rules/storage-agent.rules.yml",
            "rules/storage-backup.rules.yml",
            "rules/storage-capacity.rules.yml",
            "rules/storage-health.rules.yml",
            "file_sd/storage-agent.yml",
            "scrape_configs/storage-agent.yml")) {
      Files.deleteIfExists(Path.of("/etc/prometheus", f));
    }
    DebianPackageIT.run("rm", "-rf", PROMETHEUS_FILES.toString());
    DebianPackageIT.run("rmdir", "--ignore-fail-on-non-empty", SCRAPE_FILE.getParent().toString());
  }

  /** Two runs of the playbook: the first changes something, the second nothing. */
  private static DebianPackageIT.Result[] runTwice(List<String> argv) throws Exception {
    DebianPackageIT.Result first = run(argv);
    assertThat(first.exit()).as(first.out()).isZero();
    assertThat(changed(first.out())).as(first.out()).isPositive();
    DebianPackageIT.Result second = run(argv);
    assertThat(second.exit()).as(second.out()).isZero();
    assertThat(changed(second.out()))
        .as("second run must change nothing:\n" + second.out())
        .isZero();
    return new DebianPackageIT.Result[] {first, second};
  }

  private static void assertPromtoolAccepts(Path config) throws Exception {
    DebianPackageIT.Result r =
        DebianPackageIT.run(
            Tools.require("promtool", "prometheus").toString(),
            "check",
            "config",
            config.toString());
    assertThat(r.exit()).as(r.out()).isZero();
  }

  private static void assertPrometheusFile(String name, String mode, String content)
      throws Exception {
    Path f = PROMETHEUS_FILES.resolve(name);
    assertMode(f, mode, "root");
    assertThat(
            Files.readAttributes(f, java.nio.file.attribute.PosixFileAttributes.class)
                .group()
                .getName())
        .as(f.toString())
        .isEqualTo("prometheus");
    assertThat(Files.readString(f)).as(f.toString()).isEqualTo(content);
  }

  private static void assertMode(Path f, String mode, String owner) throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
        .as(f.toString())
        .isEqualTo(mode);
    assertThat(Files.getOwner(f).getName()).as(f.toString()).isEqualTo(owner);
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new java.util.TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  /** The base64 lines of a PEM block, which must never show in Ansible's output. */
  private static String pemBody(String pem) {
    return pem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
  }

  private static int changed(String recap) {
    Matcher m =
        Pattern.compile("localhost\\s+:\\s+ok=\\d+\\s+changed=(\\d+)\\s+unreachable=0\\s+failed=0")
            .matcher(recap);
    int total = 0;
    boolean found = false;
    while (m.find()) {
      found = true;
      total += Integer.parseInt(m.group(1));
    }
    if (!found) {
      fail("no PLAY RECAP for localhost in:\n" + recap);
    }
    return total;
  }
}
