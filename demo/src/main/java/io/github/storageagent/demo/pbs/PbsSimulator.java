package io.github.storageagent.demo.pbs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A Proxmox Backup Server API simulator for tests and the demo (PBS itself cannot run here): HTTPS
 * on loopback with a self-signed certificate made at start, the token header checked on every call
 * (401 otherwise), and the answer shapes of the PBS API for a {@link PbsScenario}. It can be told
 * to fail ({@link Fault}). Not part of the agent's normal code path.
 */
public final class PbsSimulator implements AutoCloseable {

  /** How the simulator misbehaves. */
  public enum Fault {
    NONE,
    /** 401 for every call, as for a revoked token. */
    UNAUTHORIZED,
    /** 500 for every call. */
    SERVER_ERROR,
    /** 200 with a body that is not JSON. */
    GARBAGE,
    /** Answers only after {@link #slowDelay}. */
    SLOW,
    /**
     * Presents a different certificate from the one {@link #fingerprint()} names, as a server
     * restarted with another key would: switching into or out of it starts a fresh TLS context (no
     * session made before can be resumed), and while it lasts a kept-alive connection made with the
     * advertised certificate is dropped unanswered, so a client's next request needs a new
     * handshake.
     */
    WRONG_CERTIFICATE
  }

  private static final JsonFactory JSON = new JsonFactory();

  static {
    // The JDK's server writes small pieces without TCP_NODELAY, so each answer would wait for the
    // client's delayed ACK (about 40 ms): the agent's first PBS run would take seconds.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpsServer server;
  private final ExecutorService executor;
  private final SelfSignedCertificate advertised;
  private final SelfSignedCertificate impostor;
  private final String tokenId;
  private final String secret;
  private volatile PbsScenario scenario;
  private volatile SSLContext tls;
  private volatile Fault fault = Fault.NONE;
  private volatile Duration slowDelay = Duration.ofSeconds(30);
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final AtomicLong unauthorized = new AtomicLong();

  private PbsSimulator(PbsScenario scenario, String tokenId, String secret) throws IOException {
    this.scenario = scenario;
    this.tokenId = tokenId;
    this.secret = secret;
    this.advertised = SelfSignedCertificate.generate("pbs-simulator");
    this.impostor = SelfSignedCertificate.generate("pbs-simulator");
    this.server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    try {
      this.tls = freshTls();
      // The server keeps the context it is given; this one hands each new connection to the
      // current real context, which fault() replaces.
      SSLContext current = new SSLContext(new CurrentTls(), tls.getProvider(), "TLS") {};
      server.setHttpsConfigurator(new HttpsConfigurator(current));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            16,
            r -> {
              Thread t = new Thread(r, "pbs-simulator-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /** Starts a simulator on a free loopback port that accepts one API token. */
  public static PbsSimulator start(PbsScenario scenario, String tokenId, String secret)
      throws IOException {
    PbsSimulator s = new PbsSimulator(scenario, tokenId, secret);
    s.server.start();
    return s;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url() {
    return "https://127.0.0.1:" + port();
  }

  /** SHA-256 fingerprint of the certificate the simulator normally presents, {@code aa:bb:...}. */
  public String fingerprint() {
    return fingerprintOf(advertised.certificate());
  }

  /** The certificate in PEM, for a {@code ca_file}. */
  public String certificatePem() {
    return advertised.pem();
  }

  /** Changes how the simulator misbehaves, also while clients are connected. */
  public void fault(Fault fault) {
    Fault before = this.fault;
    this.fault = fault;
    if ((before == Fault.WRONG_CERTIFICATE) != (fault == Fault.WRONG_CERTIFICATE)) {
      try {
        tls = freshTls();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
      }
    }
  }

  private SSLContext freshTls() throws GeneralSecurityException {
    SSLContext c = SSLContext.getInstance("TLS");
    c.init(new KeyManager[] {new SwitchingKeyManager()}, null, null);
    return c;
  }

  public void slowDelay(Duration delay) {
    this.slowDelay = delay;
  }

  public void scenario(PbsScenario scenario) {
    this.scenario = scenario;
  }

  /**
   * Requests served per endpoint kind (the path with the store name replaced by {@code {store}}).
   */
  public int requests(String endpoint) {
    AtomicInteger n = requests.get(endpoint);
    return n == null ? 0 : n.get();
  }

  public long unauthorizedRequests() {
    return unauthorized.get();
  }

  static String fingerprintOf(X509Certificate cert) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
      return java.util.HexFormat.ofDelimiter(":").formatHex(d);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      Map<String, String> query = query(ex.getRequestURI().getRawQuery());
      if (fault == Fault.WRONG_CERTIFICATE && madeWithAdvertisedCertificate(ex)) {
        // A connection from before the certificate changed: closed unanswered, as by a restart.
        return;
      }
      if (fault == Fault.SLOW) {
        try {
          Thread.sleep(slowDelay.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      if (!authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
        unauthorized.incrementAndGet();
        error(ex, 401, "authentication failed - invalid credentials");
        return;
      }
      switch (fault) {
        case UNAUTHORIZED -> {
          error(ex, 401, "authentication failed - invalid token");
          return;
        }
        case SERVER_ERROR -> {
          error(ex, 500, "internal server error");
          return;
        }
        case GARBAGE -> {
          send(ex, 200, "<html><body>502 Bad Gateway</body></html>\u0000{\"data\":[");
          return;
        }
        default -> {}
      }
      if (!path.startsWith("/api2/json/")) {
        error(ex, 404, "Path '" + path + "' not found.");
        return;
      }
      new PbsApi(scenario, this::count).answer(ex, path.substring("/api2/json".length()), query);
    } catch (RuntimeException e) {
      // a simulator bug must show in the test, not kill the server thread silently
      error(ex, 500, "simulator error: " + e);
    }
  }

  private boolean madeWithAdvertisedCertificate(HttpExchange ex) {
    if (!(ex instanceof HttpsExchange https)) {
      return false;
    }
    Certificate[] local = https.getSSLSession().getLocalCertificates();
    return local == null || local.length == 0 || !local[0].equals(impostor.certificate());
  }

  private void count(String endpoint) {
    requests.computeIfAbsent(endpoint, k -> new AtomicInteger()).incrementAndGet();
  }

  private boolean authorized(String header) {
    if (header == null) {
      return false;
    }
    String expected = tokenId + ":" + secret;
    return header.equals("PBSAPIToken=" + expected) || header.equals("PBSAPIToken " + expected);
  }

  static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      q.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return q;
  }

  static void error(HttpExchange ex, int status, String message) throws IOException {
    var out = new java.io.ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNullField("data");
      g.writeStringField("message", message + "\n");
      g.writeEndObject();
    }
    send(ex, status, out.toString(StandardCharsets.UTF_8));
  }

  static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Every call goes to the simulator's current context, {@link #tls}. */
  private final class CurrentTls extends SSLContextSpi {
    @Override
    protected void engineInit(
        KeyManager[] km, javax.net.ssl.TrustManager[] tm, java.security.SecureRandom random) {
      throw new UnsupportedOperationException("initialised by the simulator");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return tls.getSocketFactory();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return tls.getServerSocketFactory();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return tls.createSSLEngine();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      return tls.createSSLEngine(host, port);
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return tls.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return tls.getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      return tls.getDefaultSSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return tls.getSupportedSSLParameters();
    }
  }

  /** Presents the advertised certificate, or the impostor under {@link Fault#WRONG_CERTIFICATE}. */
  private final class SwitchingKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "pbs";

    private SelfSignedCertificate current() {
      return fault == Fault.WRONG_CERTIFICATE ? impostor : advertised;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return keyType != null && keyType.toUpperCase(Locale.ROOT).startsWith("EC") ? ALIAS : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return chooseEngineServerAlias(keyType, issuers, null);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return ALIAS.equals(alias) ? new X509Certificate[] {current().certificate()} : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return ALIAS.equals(alias) ? current().keys().getPrivate() : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return new String[] {ALIAS};
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[0];
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return null;
    }
  }
}
