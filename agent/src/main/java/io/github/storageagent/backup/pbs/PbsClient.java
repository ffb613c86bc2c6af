package io.github.storageagent.backup.pbs;

import io.github.storageagent.collect.Messages;
import io.github.storageagent.config.PbsTargetConfig;
import io.github.storageagent.config.Secret;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLException;

/**
 * A read-only client of one PBS's JSON API. Every call has a connect timeout and a whole-request
 * timeout that also bounds reading the body; the Authorization header is built per call from the
 * secret and appears nowhere else. Errors name the endpoint path and the HTTP status only.
 *
 * <p>Built on the JDK's HttpsURLConnection (java.base) rather than java.net.http, whose client
 * brings some 450 classes and four threads for a few dozen sequential GETs a minute. Everything
 * HttpsURLConnection would take from JVM-wide settings is set per connection: no proxy, this
 * target's TLS, no Authenticator, no response cache, no redirects.
 */
public final class PbsClient {

  /** Larger answers are refused: a snapshot list of 50,000 entries is far smaller. */
  static final long MAX_BODY_BYTES = 256L * 1024 * 1024;

  /**
   * Never consulted: the socket checks the host name itself ({@link PbsSocketFactory}). Set so that
   * a JVM-wide default verifier cannot apply; should a JDK consult it after all, it refuses.
   */
  private static final HostnameVerifier NO_OTHER_HOST_CHECK = (host, session) -> false;

  /**
   * Answers no credential request, so that a 401 is returned as it is: HttpURLConnection would ask
   * the JVM-wide default Authenticator when a connection has none of its own.
   */
  private static final Authenticator NO_CREDENTIALS = new Authenticator() {};

  static {
    NoDefaultTrust.install();
  }

  /** Reads one answer body. */
  @FunctionalInterface
  public interface BodyReader<T> {
    T read(InputStream body) throws PbsFormatException, IOException;
  }

  private final URI base;
  private final String tokenId;
  private final Duration timeout;
  private final Duration connectTimeout;
  private final PbsSocketFactory sockets;
  private final ScheduledExecutorService timer;

  /**
   * @param timer the agent's shared timer: it watches each request's limits and closes the socket
   *     of one that runs out of time or whose thread is interrupted
   */
  public PbsClient(PbsTargetConfig target, ScheduledExecutorService timer)
      throws GeneralSecurityException, IOException {
    this.timer = timer;
    this.base = URI.create(target.url() + "/api2/json");
    this.tokenId = target.tokenId();
    this.timeout = target.timeout();
    this.connectTimeout = target.connectTimeout();
    this.sockets = new PbsSocketFactory(PbsTls.context(target));
  }

  /** GET {@code path} (below /api2/json) with query parameters, read by {@code reader}. */
  public <T> T get(String path, Map<String, String> query, Secret secret, BodyReader<T> reader)
      throws PbsApiException, InterruptedException {
    return get(path, query, secret, reader, timeout);
  }

  /** The same within {@code limit} rather than the target's whole-request timeout. */
  public <T> T get(
      String path, Map<String, String> query, Secret secret, BodyReader<T> reader, Duration limit)
      throws PbsApiException, InterruptedException {
    String endpoint = "GET /api2/json" + path;
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    HttpsURLConnection connection;
    try {
      connection = open(uri(path, query), limit);
    } catch (IOException e) {
      throw new PbsApiException(endpoint + ": " + transportReason(e), 0);
    }
    connection.setRequestProperty(
        "Authorization", "PBSAPIToken=" + tokenId + ":" + secret.reveal());
    try (PbsCall call = PbsCall.start(timer, connectTimeout, limit)) {
      Answer answer = answer(connection, call, endpoint, limit);
      call.stage(PbsCall.Stage.READING);
      BoundedBody body = new BoundedBody(answer.body(), answer.length(), MAX_BODY_BYTES);
      T value = read(answer.status(), body, call, endpoint, limit, secret, reader);
      keepConnection(body, call, endpoint);
      return value;
    }
  }

  /** A GET of {@code uri} that takes nothing from JVM-wide defaults. */
  private HttpsURLConnection open(URI uri, Duration limit) throws IOException {
    HttpsURLConnection c = (HttpsURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
    c.setSSLSocketFactory(sockets);
    c.setHostnameVerifier(NO_OTHER_HOST_CHECK);
    c.setAuthenticator(NO_CREDENTIALS);
    c.setInstanceFollowRedirects(false);
    c.setUseCaches(false);
    c.setConnectTimeout(millis(connectTimeout));
    // Per read only; the call's watch bounds the whole request. This is a backstop should the
    // shared timer be held up.
    c.setReadTimeout(millis(limit));
    c.setRequestProperty("Accept", "application/json");
    return c;
  }

  /**
   * The status, the body stream (the error stream for 4xx and 5xx) and its announced length (-1:
   * not announced).
   */
  private record Answer(int status, InputStream body, long length) {}

  /** Connects, sends the request and waits for the status line and headers. */
  private Answer answer(HttpsURLConnection c, PbsCall call, String endpoint, Duration limit)
      throws PbsApiException, InterruptedException {
    int status;
    InputStream body;
    long length;
    try {
      c.connect();
      call.stage(PbsCall.Stage.WAITING);
      status = c.getResponseCode();
      body = status >= 400 ? c.getErrorStream() : c.getInputStream();
      // these answers have no body whatever their Content-Length says
      length = status == 204 || status == 304 ? -1 : c.getContentLengthLong();
    } catch (IOException e) {
      call.discard();
      call.throwIfInterrupted();
      throw new PbsApiException(endpoint + ": " + noAnswer(e, call, limit), 0);
    }
    if (status < 0) {
      call.discard();
      throw new PbsApiException(endpoint + ": not an HTTP answer", 0);
    }
    return new Answer(status, body == null ? InputStream.nullInputStream() : body, length);
  }

  /** Why no status line came, in the words the java.net.http version of this client used. */
  private String noAnswer(IOException e, PbsCall call, Duration limit) {
    PbsCall.Stage ranOutIn = call.ranOutIn();
    if (ranOutIn != null || e instanceof SocketTimeoutException) {
      PbsCall.Stage stage = ranOutIn != null ? ranOutIn : call.stage();
      // java.net.http counted the TLS handshake as part of connecting
      return stage == PbsCall.Stage.CONNECTING
          ? "connect timed out after " + seconds()
          : "no answer within " + seconds(limit);
    }
    if (e instanceof SSLException) {
      return "TLS handshake failed: " + tlsReason(e);
    }
    // java.net.http reported any failure of the TCP connect as a ConnectException
    if (e instanceof ConnectException
        || e instanceof NoRouteToHostException
        || e instanceof UnknownHostException) {
      return "cannot connect to " + base.getAuthority();
    }
    return transportReason(e);
  }

  /** Reads the body of a 200 with {@code reader}; any other status is an error with its message. */
  private <T> T read(
      int status,
      InputStream body,
      PbsCall call,
      String endpoint,
      Duration limit,
      Secret secret,
      BodyReader<T> reader)
      throws PbsApiException, InterruptedException {
    boolean done = false;
    try {
      if (status != 200) {
        String message = serverMessage(body, secret);
        throw new PbsApiException(endpoint + ": HTTP " + status + hint(status) + message, status);
      }
      T value = reader.read(body);
      done = true;
      return value;
    } catch (PbsFormatException e) {
      call.throwIfInterrupted();
      throw new PbsApiException(endpoint + ": " + e.getMessage(), 200);
    } catch (IOException e) {
      call.throwIfInterrupted();
      String reason =
          call.ranOut() ? "answer not complete within " + seconds(limit) : transportReason(e);
      throw new PbsApiException(endpoint + ": " + reason, 200);
    } finally {
      if (!done) {
        call.discard();
      }
    }
  }

  /**
   * Hands a read answer back to HttpURLConnection, which keeps its connection alive for the next
   * call. What the reader left (a trailing newline, say) is read first, within the request's limit:
   * only a connection read to the end of its answer is reused. A failed call closes its connection
   * instead ({@link PbsCall#discard}), so the JDK never starts a thread to drain one.
   */
  private static void keepConnection(BoundedBody body, PbsCall call, String endpoint)
      throws PbsApiException {
    try {
      body.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      call.discard(); // the answer the reader needed is complete; only the connection is lost
      return;
    }
    if (!call.release()) {
      return; // the time ran out just as the answer was complete: the connection is closed
    }
    try {
      body.handBack();
    } catch (IOException closing) {
      throw new PbsApiException(endpoint + ": " + transportReason(closing), 0);
    }
  }

  private static int millis(Duration d) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
  }

  private URI uri(String path, Map<String, String> query) {
    String q =
        new LinkedHashMap<>(query)
            .entrySet().stream()
                .map(
                    e ->
                        URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                            + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    return URI.create(base + encodePath(path) + (q.isEmpty() ? "" : "?" + q));
  }

  /** Datastore names are safe ASCII, but encode anything else rather than trust it. */
  private static String encodePath(String path) {
    String[] parts = path.split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      parts[i] = URLEncoder.encode(parts[i], StandardCharsets.UTF_8).replace("+", "%20");
    }
    return String.join("/", parts);
  }

  private String seconds() {
    return seconds(timeout);
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private static String hint(int status) {
    return switch (status) {
      case 401 -> " (authentication failed: check token_id and the token secret)";
      case 403 -> " (the token lacks a privilege for this path)";
      default -> "";
    };
  }

  /** PBS puts a reason into error answers; keep one short line of it, minus any secret. */
  private static String serverMessage(InputStream body, Secret secret) {
    try {
      byte[] head = body.readNBytes(2048);
      String text = new String(head, StandardCharsets.UTF_8);
      String message = PbsJson.errorMessage(text);
      message = message.replace(secret.reveal(), "[redacted]").replaceAll("[\\p{Cntrl}]+", " ");
      message = message.strip();
      if (message.isEmpty()) {
        return "";
      }
      return ": " + (message.length() > 120 ? message.substring(0, 120) + "…" : message);
    } catch (IOException e) {
      return "";
    }
  }

  private static String tlsReason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateException && t.getMessage() != null) {
        return t.getMessage();
      }
    }
    return transportReason(e);
  }

  private static String transportReason(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return Messages.oneLine(m, 200);
  }

  /**
   * Refuses bodies beyond a size limit instead of filling the heap, and one that ends before its
   * announced length (HttpURLConnection just ends the stream there; java.net.http failed the read).
   * Closing it does nothing: readers (Jackson) close what they read, but whether the connection is
   * kept is for {@link #keepConnection} to decide once the call has succeeded.
   */
  private static final class BoundedBody extends FilterInputStream {
    private final long length;
    private final long limit;
    private long read;

    BoundedBody(InputStream in, long length, long limit) {
      super(in);
      this.length = length;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      } else {
        ended();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      } else if (n < 0) {
        ended();
      }
      return n;
    }

    private void ended() throws EOFException {
      if (length >= 0 && read < length) {
        throw new EOFException("EOF reached while reading");
      }
    }

    private void count(int n) throws IOException {
      read += n;
      if (read > limit) {
        throw new IOException("answer larger than " + limit / (1024 * 1024) + " MiB");
      }
    }

    @Override
    public void close() {}

    /** Closes the connection's stream: HttpURLConnection then keeps a fully read connection. */
    void handBack() throws IOException {
      super.close();
    }
  }
}
