package io.github.storageagent.backup.pbs;

import static io.github.storageagent.backup.pbs.ScriptedPbs.answer;
import static io.github.storageagent.backup.pbs.ScriptedPbs.drip;
import static io.github.storageagent.backup.pbs.ScriptedPbs.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.storageagent.collect.NodeContext;
import io.github.storageagent.config.PbsTargetConfig;
import io.github.storageagent.config.Secret;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CacheRequest;
import java.net.CacheResponse;
import java.net.InetAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ResponseCache;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the client's transport must do whatever the server does: the request it sends, its time
 * limits, and nothing taken from JVM-wide defaults (proxy, Authenticator, cache, redirects, TLS).
 */
class PbsClientTest {

  static final String TOKEN = "monitor@pbs!test";
  static final String SECRET = "9f8e7d6c-5b4a-4321-8fed-cba987654321";
  static final String OK = answer("200 OK", "", "{\"data\":{\"version\":\"4.0\"}}");
  static final ScheduledExecutorService TIMER = NodeContext.newTimer();

  @TempDir Path tmp;
  final List<AutoCloseable> servers = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable s : servers) {
      s.close();
    }
  }

  ScriptedPbs server(ScriptedPbs.Script script) throws Exception {
    ScriptedPbs s = new ScriptedPbs(script);
    servers.add(s);
    return s;
  }

  PbsClient client(String url, String fingerprint, String caFile, String connect, String timeout)
      throws Exception {
    Path token = tmp.resolve("token");
    Files.writeString(token, SECRET + "\n");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    PbsTargetConfig target =
        PbsTargetConfig.fromYaml(
            "pbs01",
            url,
            TOKEN,
            token.toString(),
            null,
            fingerprint,
            caFile,
            null,
            null,
            null,
            connect,
            timeout,
            null,
            null,
            null);
    return new PbsClient(target, TIMER);
  }

  PbsClient client(ScriptedPbs s, String timeout) throws Exception {
    return client(s.url(), s.fingerprint(), null, "2s", timeout);
  }

  static String version(PbsClient c) throws Exception {
    return c.get("/version", Map.of(), Secret.of(SECRET), PbsClientTest::text);
  }

  static String text(java.io.InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  /** The failure of {@code call}, which must be a PbsApiException. */
  static PbsApiException failure(ThrowingCall call) {
    try {
      call.run();
    } catch (PbsApiException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected a PbsApiException, got " + e, e);
    }
    throw new AssertionError("expected a PbsApiException, the call succeeded");
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void sendsOneGetWithJsonAcceptAndTheTokenOverHttp11() throws Exception {
    ScriptedPbs s = server(ScriptedPbs.Script.always(OK));

    String body =
        client(s, "5s")
            .get(
                "/admin/datastore/main/status",
                Map.of("verbose", "1"),
                Secret.of(SECRET),
                PbsClientTest::text);

    assertThat(body).isEqualTo("{\"data\":{\"version\":\"4.0\"}}");
    assertThat(s.requests()).hasSize(1);
    assertThat(s.requests().get(0))
        .startsWith("GET /api2/json/admin/datastore/main/status?verbose=1 HTTP/1.1\r\n")
        .contains("\r\nAccept: application/json\r\n")
        .contains("\r\nAuthorization: PBSAPIToken=" + TOKEN + ":" + SECRET + "\r\n");
  }

  @Test
  void keepsTheConnectionAliveBetweenCalls() throws Exception {
    ScriptedPbs s = server(ScriptedPbs.Script.always(OK));
    PbsClient c = client(s, "5s");

    for (int i = 0; i < 3; i++) {
      version(c);
    }

    assertThat(s.requests()).hasSize(3);
    assertThat(s.connections()).isEqualTo(1);
  }

  @Test
  void whatAReaderLeavesIsReadSoTheConnectionIsKept() throws Exception {
    ScriptedPbs s = server(ScriptedPbs.Script.always(OK));
    PbsClient c = client(s, "5s");

    for (int i = 0; i < 2; i++) {
      Integer first = c.get("/version", Map.of(), Secret.of(SECRET), in -> in.read());
      assertThat(first).isEqualTo((int) '{');
    }

    assertThat(s.connections()).isEqualTo(1);
  }

  @Test
  void anAnswerThatIsNotHttpIsAnError() throws Exception {
    ScriptedPbs s =
        server(
            (request, out) -> {
              write(out, "SSH-2.0-OpenSSH_9.2\r\n");
              return false;
            });

    PbsApiException e = failure(() -> version(client(s, "5s")));

    assertThat(e.getMessage()).startsWith("GET /api2/json/version: ");
    assertThat(e.status()).isZero();
  }

  @Test
  void headersSentOneByteAtATimeEndWithNoAnswerWithinTheLimit() throws Exception {
    // each byte comes well within the read timeout: only a whole-request limit ends this
    ScriptedPbs s =
        server(
            (request, out) -> {
              drip(out, OK, 200);
              return true;
            });
    long start = System.nanoTime();

    PbsApiException e = failure(() -> version(client(s, "1s")));

    assertThat(e.getMessage()).isEqualTo("GET /api2/json/version: no answer within 1s");
    assertThat(e.status()).isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
  }

  @Test
  void aKeptAliveConnectionIsHeldToTheLimitToo() throws Exception {
    AtomicInteger n = new AtomicInteger();
    ScriptedPbs s =
        server(
            (request, out) -> {
              if (n.incrementAndGet() == 1) {
                write(out, OK);
              } else {
                drip(out, OK, 200);
              }
              return true;
            });
    PbsClient c = client(s, "1s");
    version(c);

    PbsApiException e = failure(() -> version(c));

    assertThat(e.getMessage()).isEqualTo("GET /api2/json/version: no answer within 1s");
    assertThat(s.connections()).isEqualTo(1);
  }

  @Test
  void aBodySentOneByteAtATimeIsNotCompleteWithinTheLimit() throws Exception {
    String body = "{\"data\":\"" + "x".repeat(200) + "\"}";
    ScriptedPbs s =
        server(
            (request, out) -> {
              String all = answer("200 OK", "", body);
              int headers = all.indexOf("\r\n\r\n") + 4;
              write(out, all.substring(0, headers));
              out.flush();
              drip(out, all.substring(headers), 100);
              return true;
            });

    PbsApiException e = failure(() -> version(client(s, "1s")));

    assertThat(e.getMessage()).isEqualTo("GET /api2/json/version: answer not complete within 1s");
    assertThat(e.status()).isEqualTo(200);
  }

  @Test
  void aTlsHandshakeThatNeverComesIsAConnectTimeout() throws Exception {
    ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    servers.add(silent);
    List<Socket> held = new CopyOnWriteArrayList<>();
    CompletableFuture.runAsync(
        () -> {
          try {
            while (true) {
              held.add(silent.accept());
            }
          } catch (IOException closed) {
            // test over
          }
        });
    PbsClient c =
        client("https://127.0.0.1:" + silent.getLocalPort(), "aa".repeat(32), null, "1s", "3s");
    long start = System.nanoTime();

    PbsApiException e = failure(() -> version(c));

    // the connect timeout covers TCP and TLS, as with java.net.http; the message names the
    // request timeout, as it always did
    assertThat(e.getMessage()).isEqualTo("GET /api2/json/version: connect timed out after 3s");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
  }

  @Test
  void aRefusedConnectionCannotConnect() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }

    PbsApiException e =
        failure(
            () -> version(client("https://127.0.0.1:" + port, "aa".repeat(32), null, "2s", "5s")));

    assertThat(e.getMessage())
        .isEqualTo("GET /api2/json/version: cannot connect to 127.0.0.1:" + port);
  }

  @Test
  void a401WithAChallengeIsReturnedWithoutAskingAnyAuthenticator() throws Exception {
    ScriptedPbs s =
        server(
            ScriptedPbs.Script.always(
                answer(
                    "401 Unauthorized",
                    "WWW-Authenticate: Basic realm=\"pbs\"\r\n",
                    "{\"data\":null,\"message\":\"authentication failed - invalid token\"}")));
    AtomicInteger asked = new AtomicInteger();
    Authenticator before = Authenticator.getDefault();
    Authenticator.setDefault(
        new Authenticator() {
          @Override
          protected PasswordAuthentication getPasswordAuthentication() {
            asked.incrementAndGet();
            return new PasswordAuthentication("root", "hunter2".toCharArray());
          }
        });
    try {
      PbsApiException e = failure(() -> version(client(s, "5s")));

      assertThat(e.getMessage())
          .isEqualTo(
              "GET /api2/json/version: HTTP 401 (authentication failed: check token_id and the"
                  + " token secret): authentication failed - invalid token");
      assertThat(e.status()).isEqualTo(401);
      assertThat(asked).hasValue(0);
      assertThat(s.requests()).hasSize(1);
    } finally {
      Authenticator.setDefault(before);
    }
  }

  @Test
  void aRedirectIsNotFollowed() throws Exception {
    ScriptedPbs s =
        server(
            ScriptedPbs.Script.always(
                answer(
                    "302 Found", "Location: /api2/json/elsewhere\r\n", "{\"message\":\"moved\"}")));

    PbsApiException e = failure(() -> version(client(s, "5s")));

    assertThat(e.getMessage()).isEqualTo("GET /api2/json/version: HTTP 302: moved");
    assertThat(e.status()).isEqualTo(302);
    assertThat(s.requests()).hasSize(1);
  }

  @Test
  void jvmWideProxyCacheAndTlsDefaultsAreNotUsed() throws Exception {
    ScriptedPbs s = server(ScriptedPbs.Script.always(OK));
    AtomicInteger consulted = new AtomicInteger();
    int deadPort;
    try (ServerSocket closed = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      deadPort = closed.getLocalPort();
    }
    ProxySelector proxies = ProxySelector.getDefault();
    ResponseCache cache = ResponseCache.getDefault();
    SSLSocketFactory tls = HttpsURLConnection.getDefaultSSLSocketFactory();
    HostnameVerifier hosts = HttpsURLConnection.getDefaultHostnameVerifier();
    List<String> properties = List.of("https.proxyHost", "https.proxyPort", "socksProxyHost");
    Map<String, String> saved = new java.util.HashMap<>();
    properties.forEach(p -> saved.put(p, System.getProperty(p)));
    try {
      System.setProperty("https.proxyHost", "127.0.0.1");
      System.setProperty("https.proxyPort", Integer.toString(deadPort));
      System.setProperty("socksProxyHost", "127.0.0.1");
      ProxySelector.setDefault(
          new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
              consulted.incrementAndGet();
              return List.of(
                  new Proxy(
                      Proxy.Type.HTTP, new java.net.InetSocketAddress("127.0.0.1", deadPort)));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
          });
      ResponseCache.setDefault(
          new ResponseCache() {
            @Override
            public CacheResponse get(URI uri, String method, Map<String, List<String>> headers) {
              consulted.incrementAndGet();
              return null;
            }

            @Override
            public CacheRequest put(URI uri, URLConnection conn) {
              consulted.incrementAndGet();
              return null;
            }
          });
      HttpsURLConnection.setDefaultSSLSocketFactory(
          new javax.net.ssl.SSLSocketFactory() {
            @Override
            public String[] getDefaultCipherSuites() {
              return new String[0];
            }

            @Override
            public String[] getSupportedCipherSuites() {
              return new String[0];
            }

            @Override
            public Socket createSocket(Socket s, String host, int port, boolean autoClose) {
              consulted.incrementAndGet();
              throw new IllegalStateException("JVM-wide TLS used");
            }

            @Override
            public Socket createSocket(String host, int port) {
              throw new IllegalStateException("JVM-wide TLS used");
            }

            @Override
            public Socket createSocket(
                String host, int port, InetAddress localHost, int localPort) {
              throw new IllegalStateException("JVM-wide TLS used");
            }

            @Override
            public Socket createSocket(InetAddress host, int port) {
              throw new IllegalStateException("JVM-wide TLS used");
            }

            @Override
            public Socket createSocket(
                InetAddress address, int port, InetAddress localAddress, int localPort) {
              throw new IllegalStateException("JVM-wide TLS used");
            }
          });
      HttpsURLConnection.setDefaultHostnameVerifier(
          (host, session) -> consulted.incrementAndGet() > 0);

      assertThat(version(client(s, "5s"))).contains("4.0");
      assertThat(consulted).hasValue(0);
    } finally {
      ProxySelector.setDefault(proxies);
      ResponseCache.setDefault(cache);
      HttpsURLConnection.setDefaultSSLSocketFactory(tls);
      HttpsURLConnection.setDefaultHostnameVerifier(hosts);
      saved.forEach(
          (p, v) -> {
            if (v == null) {
              System.clearProperty(p);
            } else {
              System.setProperty(p, v);
            }
          });
    }
  }

  @Test
  void theTokenIsInNoError() throws Exception {
    AtomicInteger n = new AtomicInteger();
    ScriptedPbs s =
        server(
            (request, out) -> {
              switch (n.incrementAndGet()) {
                case 1 -> {
                  // a server that quotes the request back
                  String quoted = request.replace("\r\n", " ").replace("\"", "'");
                  write(
                      out,
                      answer("500 Internal Server Error", "", "{\"message\":\"" + quoted + "\"}"));
                  return true;
                }
                case 2, 3 -> {
                  // closed unanswered (HttpURLConnection retries once on a new connection)
                  return false;
                }
                default -> {
                  write(out, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{\"da");
                  return false;
                }
              }
            });
    PbsClient c = client(s, "5s");
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      messages.add(failure(() -> version(c)).getMessage());
    }

    assertThat(messages.get(0))
        .startsWith("GET /api2/json/version: HTTP 500: GET /api2/json/version");
    assertThat(messages.get(0)).contains("[redacted]");
    assertThat(messages).hasSize(3).allSatisfy(m -> assertThat(m).doesNotContain(SECRET));
  }

  @Test
  void anInterruptEndsACallWaitingForAnAnswer() throws Exception {
    ScriptedPbs s =
        server(
            (request, out) -> {
              Thread.sleep(30_000);
              return false;
            });
    PbsClient c = client(s, "20s");
    CompletableFuture<Object> outcome = new CompletableFuture<>();
    AtomicInteger stillInterrupted = new AtomicInteger();
    Thread caller =
        new Thread(
            () -> {
              try {
                outcome.complete(version(c));
              } catch (Exception e) {
                stillInterrupted.set(Thread.currentThread().isInterrupted() ? 1 : 0);
                outcome.complete(e);
              }
            });
    caller.start();
    while (s.requests().isEmpty()) {
      Thread.sleep(10);
    }
    long start = System.nanoTime();

    caller.interrupt();
    Object result = outcome.get(5, TimeUnit.SECONDS);

    assertThat(result).isInstanceOf(InterruptedException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(stillInterrupted).as("the interrupt is consumed by the exception").hasValue(0);
    caller.join(1000);
  }

  @Test
  void anInterruptedThreadMakesNoCall() throws Exception {
    ScriptedPbs s = server(ScriptedPbs.Script.always(OK));
    PbsClient c = client(s, "5s");

    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> version(c)).isInstanceOf(InterruptedException.class);

    assertThat(Thread.interrupted()).as("the interrupt is consumed by the exception").isFalse();
    assertThat(s.requests()).isEmpty();
  }

  @Test
  void aCaFileChecksTheHostNameAPinnedFingerprintDoesNot() throws Exception {
    ScriptedPbs s = new ScriptedPbs(true, ScriptedPbs.Script.always(OK));
    servers.add(s);
    Path ca = tmp.resolve("ca.pem");
    Files.writeString(ca, s.certificatePem());
    // the certificate names localhost and 127.0.0.1
    String named = "https://127.0.0.1:" + s.port();
    String unnamed = "https://127.0.0.2:" + s.port();

    assertThat(version(client(named, null, ca.toString(), "2s", "5s"))).contains("4.0");
    PbsApiException e = failure(() -> version(client(unnamed, null, ca.toString(), "2s", "5s")));
    assertThat(e.getMessage())
        .startsWith("GET /api2/json/version: TLS handshake failed: ")
        .contains("127.0.0.2");
    assertThat(version(client(unnamed, s.fingerprint(), null, "2s", "5s"))).contains("4.0");
  }
}
