package io.github.storageagent.http;

import io.github.storageagent.config.WebConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The web config's rules for every request, ahead of every path ({@code /metrics}, {@code /}, the
 * probes), as exporter-toolkit applies them: its extra headers on every response, then its rate
 * limit (429), then basic auth (401 with a {@code WWW-Authenticate} challenge).
 */
final class AccessHandler extends Handler.Wrapper {

  /** What one web config asks of every request; swapped whole when the file changes. */
  record Rules(Map<String, String> headers, RateLimit rateLimit, BasicAuth auth) {

    static Rules of(WebConfig config, BasicAuth auth) {
      RateLimit limit =
          config
              .rateLimit()
              .map(r -> new RateLimit(r.burst(), r.interval().toNanos(), System.nanoTime()))
              .orElse(null);
      return new Rules(config.headers(), limit, auth);
    }
  }

  private static final ByteBuffer UNAUTHORIZED = text("Unauthorized\n");
  private static final ByteBuffer TOO_MANY = text("Too Many Requests\n");

  private volatile Rules rules;

  AccessHandler(Rules rules) {
    this.rules = rules;
  }

  void replace(Rules replacement) {
    this.rules = replacement;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Rules current = rules;
    current.headers().forEach(response.getHeaders()::put);
    if (current.rateLimit() != null && !current.rateLimit().tryAcquire(System.nanoTime())) {
      return refuse(response, callback, HttpStatus.TOO_MANY_REQUESTS_429, TOO_MANY);
    }
    if (current.auth().enabled() && !authenticated(request, current.auth())) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic");
      return refuse(response, callback, HttpStatus.UNAUTHORIZED_401, UNAUTHORIZED);
    }
    return super.handle(request, response, callback);
  }

  private static boolean authenticated(Request request, BasicAuth auth) {
    String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return false;
    }
    return auth.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  private static boolean refuse(Response response, Callback callback, int status, ByteBuffer body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.write(true, body.duplicate(), callback);
    return true;
  }

  private static ByteBuffer text(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
  }
}
