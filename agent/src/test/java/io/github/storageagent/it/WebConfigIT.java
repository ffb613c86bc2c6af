package io.github.storageagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.storageagent.testing.OpenSsl;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The web config as an admin uses it: certificates made with {@code openssl}, Debian's Prometheus
 * scraping the agent over TLS with basic auth and with client certificates, {@code curl} and {@code
 * openssl s_client} as the clients that must be refused, a certificate rotated on disk while the
 * agent runs, and Debian's node_exporter started with the very same file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebConfigIT {

  static final String USER = "prometheus";
  static final String PASSWORD = "correct-horse-" + Long.toHexString(new SecureRandom().nextLong());

  Path dir;
  String hash;
  final List<AutoCloseable> running = new ArrayList<>();

  @BeforeAll
  void makeCertificates() throws Exception {
    Tools.require("openssl", "openssl");
    Tools.require("curl", "curl");
    dir = Files.createTempDirectory("web-config-it-");
    Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
    OpenSsl openssl = new OpenSsl(dir);
    openssl.selfSigned("ca", "/CN=storage-agent test CA", null);
    // The first server key as OpenSSL 3 writes it (PKCS#8), the replacement as older tools and
    // many admins' files have it (PKCS#1 "RSA PRIVATE KEY").
    openssl.run(
        "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "a.key");
    signed(openssl, "a", "localhost", "server.ext");
    openssl.run("genrsa", "-traditional", "-out", "b.key", "2048");
    signed(openssl, "b", "localhost", "server.ext");
    openssl.run(
        "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "client.key");
    signed(openssl, "client", "prometheus", "client.ext");
    openssl.selfSigned("rogue", "/CN=rogue", null);
    Files.writeString(dir.resolve("password"), PASSWORD);
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    hash = OpenBSDBCrypt.generate("2y", PASSWORD.toCharArray(), salt, 10);
  }

  @AfterAll
  void stop() throws Exception {
    for (AutoCloseable c : running) {
      c.close();
    }
  }

  @Test
  void prometheusScrapesOverTlsWithBasicAuthAndOthersAreRefused() throws Exception {
    Path site = Files.createDirectories(dir.resolve("basic"));
    install("a", site);
    Path web =
        Files.writeString(
            site.resolve("web.yml"),
            """
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
            http_server_config:
              headers:
                X-Content-Type-Options: nosniff
            basic_auth_users:
              %s: %s
            """
                .formatted(USER, hash));
    AgentProcess agent = startAgent(web);
    String base = "https://127.0.0.1:" + agent.port();

    // Every path asks for credentials: metrics, the landing page and the probes alike.
    for (String path : List.of("/metrics", "/", "/-/healthy", "/-/ready", "/nope")) {
      Curl anonymous = curl(base + path);
      assertThat(anonymous.status()).as(path).isEqualTo(401);
      assertThat(anonymous.headers()).as(path).containsIgnoringCase("WWW-Authenticate: Basic");
      assertThat(anonymous.headers()).containsIgnoringCase("X-Content-Type-Options: nosniff");
      assertThat(curl(base + path, "-u", USER + ":wrong").status()).as(path).isEqualTo(401);
    }
    Curl scrape = curl(base + "/metrics", "-u", USER + ":" + PASSWORD);
    assertThat(scrape.status()).isEqualTo(200);
    assertThat(scrape.headers()).containsIgnoringCase("X-Content-Type-Options: nosniff");
    assertThat(scrape.body()).contains("storage_web_config_last_reload_successful 1");
    assertThat(curl("http://127.0.0.1:" + agent.port() + "/metrics").status())
        .as("plain HTTP on the TLS port")
        .isNotEqualTo(200);

    try (PrometheusProcess prometheus =
        PrometheusProcess.start(
            PrometheusProcess.Options.scraping("127.0.0.1:" + agent.port())
                .withJobSettings(
                    """
                        scheme: https
                        tls_config:
                          ca_file: %s
                          server_name: localhost
                        basic_auth:
                          username: %s
                          password_file: %s
                    """
                        .formatted(dir.resolve("ca.crt"), USER, dir.resolve("password"))))) {
      awaitAgentUp(prometheus);

      // TLS 1.1 is refused by the server (the client is allowed to offer it here).
      String tls11 =
          run(
                  "openssl",
                  "s_client",
                  "-connect",
                  "127.0.0.1:" + agent.port(),
                  "-tls1_1",
                  "-cipher",
                  "DEFAULT:@SECLEVEL=0")
              .output();
      assertThat(tls11).contains("alert protocol version");
      String tls12 =
          run(
                  "openssl",
                  "s_client",
                  "-connect",
                  "127.0.0.1:" + agent.port(),
                  "-tls1_2",
                  "-CAfile",
                  dir.resolve("ca.crt").toString())
              .output();
      assertThat(tls12).contains("Protocol  : TLSv1.2").doesNotContain("alert");

      // A certificate replaced on disk is served without a restart, and Prometheus follows.
      BigInteger before = servedSerial(agent.port());
      assertThat(before).isEqualTo(serial(site.resolve("server.crt")));
      install("b", site);
      BigInteger after = serial(site.resolve("server.crt"));
      awaitTrue(
          "the replaced certificate served",
          () -> servedSerial(agent.port()).equals(after),
          Duration.ofSeconds(30));
      assertThat(agent.isAlive()).isTrue();
      long scrapesBefore = scrapeCount(prometheus);
      awaitTrue(
          "Prometheus scraping over the new certificate",
          () -> scrapeCount(prometheus) > scrapesBefore + 2,
          Duration.ofSeconds(30));
      assertThat(
              prometheus
                  .query("up{job=\"storage-agent\"}")
                  .path("result")
                  .get(0)
                  .path("value")
                  .get(1)
                  .asText())
          .isEqualTo("1");

      // A broken change is refused, logged and reported; the last good config keeps serving.
      String good = Files.readString(web);
      replace(web, "tls_server_config:\n  cert_file: server.crt\n  key_file: missing.key\n");
      awaitTrue(
          "storage_web_config_last_reload_successful 0",
          () ->
              curl(base + "/metrics", "-u", USER + ":" + PASSWORD)
                  .body()
                  .contains("storage_web_config_last_reload_successful 0"),
          Duration.ofSeconds(30));
      assertThat(agent.logs())
          .contains("web config not reloaded, the last good one still serves")
          .contains("key_file " + site.resolve("missing.key") + ": no such file");
      assertThat(curl(base + "/-/healthy").status()).isEqualTo(401);
      replace(web, good);
      awaitTrue(
          "storage_web_config_last_reload_successful 1",
          () ->
              curl(base + "/metrics", "-u", USER + ":" + PASSWORD)
                  .body()
                  .contains("storage_web_config_last_reload_successful 1"),
          Duration.ofSeconds(30));
    }

    // The password and its hash appear nowhere the agent writes or serves.
    List<String> seen = new ArrayList<>();
    seen.add(agent.logs());
    for (String path : List.of("/metrics", "/", "/nope", "/-/ready")) {
      seen.add(curl(base + path, "-u", USER + ":" + PASSWORD).body());
    }
    seen.add(AgentProcess.run(java.util.Map.of(), "doctor", "--web.config.file=" + web).stdout());
    seen.add(
        AgentProcess.run(java.util.Map.of(), "--check-config", "--web.config.file=" + web)
            .stdout());
    for (String text : seen) {
      assertThat(text).doesNotContain(PASSWORD).doesNotContain(hash);
    }
  }

  @Test
  void clientCertificatesAreRequiredAndVerified() throws Exception {
    Path site = siteWithClientCa("mtls", "a");
    Path web =
        Files.writeString(
            site.resolve("web.yml"),
            """
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: client-ca.crt
            """);
    AgentProcess agent = startAgent(web, "--cert", cert("client"), "--key", key("client"));
    String url = "https://127.0.0.1:" + agent.port() + "/metrics";

    assertThat(curl(url, "--cert", cert("client"), "--key", key("client")).status()).isEqualTo(200);
    Curl without = curl(url);
    assertThat(without.status()).as("no client certificate").isZero();
    assertThat(without.exitCode()).isNotZero();
    Curl rogue = curl(url, "--cert", cert("rogue"), "--key", key("rogue"));
    assertThat(rogue.status()).as("a certificate from another CA").isZero();

    try (PrometheusProcess prometheus =
        PrometheusProcess.start(
            PrometheusProcess.Options.scraping("127.0.0.1:" + agent.port())
                .withJobSettings(
                    """
                        scheme: https
                        tls_config:
                          ca_file: %s
                          cert_file: %s
                          key_file: %s
                    """
                        .formatted(dir.resolve("ca.crt"), cert("client"), key("client"))))) {
      awaitAgentUp(prometheus);
    }
  }

  @Test
  void nodeExporterAndTheAgentTakeTheSameFile() throws Exception {
    Path nodeExporterBinary = Tools.require("prometheus-node-exporter", "prometheus-node-exporter");
    Path site = siteWithClientCa("shared", "b");
    Path web =
        Files.writeString(
            site.resolve("web.yml"),
            """
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
              client_auth_type: VerifyClientCertIfGiven
              client_ca_file: client-ca.crt
              min_version: TLS12
              max_version: TLS13
              cipher_suites:
                - TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
                - TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
              prefer_server_cipher_suites: true
              curve_preferences: [X25519, CurveP256]
            http_server_config:
              headers:
                X-Frame-Options: deny
                Strict-Transport-Security: max-age=31536000
            basic_auth_users:
              %s: %s
            """
                .formatted(USER, hash));

    int nodePort = LocalService.freePort();
    Path nodeLog = site.resolve("node_exporter.log");
    Process nodeExporter =
        new ProcessBuilder(
                nodeExporterBinary.toString(),
                "--web.listen-address=127.0.0.1:" + nodePort,
                "--web.config.file=" + web,
                "--collector.disable-defaults",
                "--collector.time")
            .redirectErrorStream(true)
            .redirectOutput(nodeLog.toFile())
            .start();
    running.add(
        () -> {
          nodeExporter.destroy();
          nodeExporter.waitFor(10, TimeUnit.SECONDS);
        });
    AgentProcess agent = startAgent(web);

    for (int port : new int[] {nodePort, agent.port()}) {
      String what = port == nodePort ? "node_exporter" : "storage-agent";
      String url = "https://127.0.0.1:" + port + "/metrics";
      awaitTrue(
          what + " serving",
          () -> curl(url, "-u", USER + ":" + PASSWORD).status() == 200,
          Duration.ofSeconds(30));
      Curl ok = curl(url, "-u", USER + ":" + PASSWORD);
      assertThat(ok.headers()).as(what).containsIgnoringCase("X-Frame-Options: deny");
      assertThat(curl(url).status()).as(what).isEqualTo(401);
      assertThat(
              curl(
                      url,
                      "-u",
                      USER + ":" + PASSWORD,
                      "--cert",
                      cert("client"),
                      "--key",
                      key("client"))
                  .status())
          .as(what + " with a client certificate of the CA")
          .isEqualTo(200);
      assertThat(
              curl(url, "-u", USER + ":" + PASSWORD, "--cert", cert("rogue"), "--key", key("rogue"))
                  .status())
          .as(what + " with a certificate of another CA")
          .isZero();
    }
    assertThat(nodeExporter.isAlive()).as(Files.readString(nodeLog)).isTrue();
    assertThat(
            AgentProcess.run(java.util.Map.of(), "--check-config", "--web.config.file=" + web)
                .exitCode())
        .isZero();
  }

  // ---------------------------------------------------------------------------------------------

  private AgentProcess startAgent(Path web, String... clientCert) throws Exception {
    AgentProcess agent =
        AgentProcess.launch().noReadyCheck().start("--demo", "--web.config.file=" + web);
    running.add(agent);
    List<String> args = new ArrayList<>(List.of("-u", USER + ":" + PASSWORD));
    args.addAll(List.of(clientCert));
    String ready = "https://127.0.0.1:" + agent.port() + "/-/ready";
    awaitTrue(
        "the agent ready over TLS",
        () -> {
          if (!agent.isAlive()) {
            fail("agent exited:\n" + agent.logs());
          }
          return curl(ready, args.toArray(String[]::new)).status() == 200;
        },
        Duration.ofSeconds(60));
    return agent;
  }

  /** Prometheus has scraped the agent and got its collectors' series. */
  private static void awaitAgentUp(PrometheusProcess prometheus) throws Exception {
    prometheus.awaitQuery(
        "up{job=\"storage-agent\"} == 1 and on() count(storage_collector_success) > 0",
        r -> r.path("result").size() > 0,
        Duration.ofSeconds(60));
  }

  /** A folder for a web config: server pair {@code pair} and the test CA as client CA. */
  private Path siteWithClientCa(String name, String pair) throws IOException {
    Path site = Files.createDirectories(dir.resolve(name));
    install(pair, site);
    Files.copy(dir.resolve("ca.crt"), site.resolve("client-ca.crt"));
    return site;
  }

  /** A key and a certificate for {@code cn} signed by the test CA. */
  private static void signed(OpenSsl openssl, String name, String cn, String extensions)
      throws Exception {
    openssl.run("req", "-new", "-key", name + ".key", "-subj", "/CN=" + cn, "-out", name + ".csr");
    openssl.run(
        "x509",
        "-req",
        "-in",
        name + ".csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        extensions,
        "-out",
        name + ".crt");
  }

  /** Puts server pair {@code name} in place as server.crt/server.key, each by an atomic rename. */
  private void install(String name, Path site) throws IOException {
    Files.copy(
        dir.resolve(name + ".key"),
        site.resolve("server.key.new"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(
        dir.resolve(name + ".crt"),
        site.resolve("server.crt.new"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.move(
        site.resolve("server.key.new"),
        site.resolve("server.key"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    Files.move(
        site.resolve("server.crt.new"),
        site.resolve("server.crt"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  private static void replace(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".new");
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private String cert(String name) {
    return dir.resolve(name + ".crt").toString();
  }

  private String key(String name) {
    return dir.resolve(name + ".key").toString();
  }

  record Run(int exitCode, String output) {}

  private static Run run(String... argv) throws Exception {
    return runIn(null, argv);
  }

  private static Run runIn(Path cwd, String... argv) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(argv)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    if (cwd != null) {
      pb.directory(cwd.toFile());
    }
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", argv) + " did not finish within 60 s");
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  record Curl(int exitCode, int status, String headers, String body) {}

  /** curl trusting the test CA; status 0 when no HTTP answer came (e.g. a refused handshake). */
  private Curl curl(String url, String... extra) throws Exception {
    Path headers = Files.createTempFile(dir, "headers", ".txt");
    Path body = Files.createTempFile(dir, "body", ".txt");
    List<String> argv =
        new ArrayList<>(
            List.of(
                "curl",
                "-sS",
                "--max-time",
                "10",
                "--cacert",
                dir.resolve("ca.crt").toString(),
                "-D",
                headers.toString(),
                "-o",
                body.toString(),
                "-w",
                "%{http_code}"));
    argv.addAll(List.of(extra));
    argv.add(url);
    Run r = run(argv.toArray(String[]::new));
    String code = r.output().replaceAll("(?s).*?(\\d{3})\\s*$", "$1");
    int status = code.matches("\\d{3}") ? Integer.parseInt(code) : 0;
    Curl c = new Curl(r.exitCode(), status, Files.readString(headers), Files.readString(body));
    Files.delete(headers);
    Files.delete(body);
    return c;
  }

  /** The serial of the certificate the agent presents, read with a client that trusts anything. */
  private static BigInteger servedSerial(int port) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    X509Certificate[][] got = new X509Certificate[1][];
    context.init(
        null,
        new TrustManager[] {
          new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
              got[0] = chain;
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          }
        },
        null);
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
    }
    return got[0][0].getSerialNumber();
  }

  private static BigInteger serial(Path pem) throws Exception {
    try (var in = Files.newInputStream(pem)) {
      return ((X509Certificate)
              java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in))
          .getSerialNumber();
    }
  }

  private static long scrapeCount(PrometheusProcess prometheus) throws Exception {
    var samples = prometheus.query("count_over_time(up{job=\"storage-agent\"}[5m])");
    JsonNode result = samples.path("result");
    return result.isEmpty() ? 0 : Long.parseLong(result.get(0).path("value").get(1).asText());
  }

  interface Check {
    boolean holds() throws Exception;
  }

  private static void awaitTrue(String what, Check check, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        fail(what + ": not within " + timeout);
      }
      Thread.sleep(250);
    }
  }
}
