package io.github.storageagent.backup.pbs;

import io.github.storageagent.collect.Messages;
import io.github.storageagent.config.PbsTargetConfig;
import io.github.storageagent.config.Secret;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;

/**
 * A read-only client of one PBS's JSON API. Every call has a connect timeout and a whole-request
 * timeout that also bounds reading the body; the Authorization header is built per call from the
 * secret and appears nowhere else. Errors name the endpoint path and the HTTP status only.
 */
public final class PbsClient {

  /** Larger answers are refused: a snapshot list of 50,000 entries is far smaller. */
  static final long MAX_BODY_BYTES = 256L * 1024 * 1024;

  /** Reads one answer body. */
  @FunctionalInterface
  public interface BodyReader<T> {
    T read(InputStream body) throws PbsFormatException, IOException;
  }

  private final URI base;
  private final String tokenId;
  private final Duration timeout;
  private final HttpClient http;
  private final ScheduledExecutorService timer;

  /**
   * @param timer the agent's shared timer: it closes a body that is still arriving when the
   *     request's time is up (the HTTP client's own timeout ends with the headers)
   */
  public PbsClient(PbsTargetConfig target, ScheduledExecutorService timer)
      throws GeneralSecurityException, IOException {
    this.timer = timer;
    this.base = URI.create(target.url() + "/api2/json");
    this.tokenId = target.tokenId();
    this.timeout = target.timeout();
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(target.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .sslContext(PbsTls.context(target))
            .build();
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
    HttpRequest request =
        HttpRequest.newBuilder(uri(path, query))
            .timeout(limit)
            .header("Accept", "application/json")
            .header("Authorization", "PBSAPIToken=" + tokenId + ":" + secret.reveal())
            .GET()
            .build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpConnectTimeoutException e) {
      throw new PbsApiException(endpoint + ": connect timed out after " + seconds(), 0);
    } catch (HttpTimeoutException e) {
      throw new PbsApiException(endpoint + ": no answer within " + seconds(limit), 0);
    } catch (SSLException e) {
      throw new PbsApiException(endpoint + ": TLS handshake failed: " + tlsReason(e), 0);
    } catch (ConnectException e) {
      throw new PbsApiException(endpoint + ": cannot connect to " + base.getAuthority(), 0);
    } catch (IOException e) {
      throw new PbsApiException(endpoint + ": " + transportReason(e), 0);
    }
    try (InputStream body = new BoundedBody(response.body(), MAX_BODY_BYTES)) {
      ScheduledFuture<?> kill =
          timer.schedule(() -> closeQuietly(body), limit.toMillis(), TimeUnit.MILLISECONDS);
      try {
        int status = response.statusCode();
        if (status != 200) {
          String message = serverMessage(body, secret);
          throw new PbsApiException(endpoint + ": HTTP " + status + hint(status) + message, status);
        }
        return reader.read(body);
      } catch (PbsFormatException e) {
        throw new PbsApiException(endpoint + ": " + e.getMessage(), 200);
      } catch (IOException e) {
        String reason =
            kill.isDone() ? "answer not complete within " + seconds(limit) : transportReason(e);
        throw new PbsApiException(endpoint + ": " + reason, 200);
      } finally {
        kill.cancel(false);
      }
    } catch (IOException closing) {
      throw new PbsApiException(endpoint + ": " + transportReason(closing), 0);
    }
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

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // the reader sees the stream closed and reports the timeout
    }
  }

  /** Refuses bodies beyond a size limit instead of filling the heap. */
  private static final class BoundedBody extends FilterInputStream {
    private final long limit;
    private long read;

    BoundedBody(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws IOException {
      read += n;
      if (read > limit) {
        throw new IOException("answer larger than " + limit / (1024 * 1024) + " MiB");
      }
    }
  }
}
