package io.github.storageagent.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Every path the agent serves is read-only: GET, and HEAD for the same headers without the body.
 * The one rule for {@link MetricsHandler} and {@link PagesHandler}.
 */
final class GetOrHead {

  private GetOrHead() {}

  /** Answers 405 with {@code Allow} unless the request is a GET or a HEAD; true if it did. */
  static boolean refused(Request request, Response response, Callback callback) {
    String method = request.getMethod();
    if (HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method)) {
      return false;
    }
    response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
    Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
    return true;
  }

  /**
   * Sends {@code body} with its Content-Length (status and other headers already set), in slices
   * ({@link SlicedWrite}); for a HEAD only the headers.
   */
  static void send(Request request, Response response, ByteBuffer body, Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.remaining());
    if (HttpMethod.HEAD.is(request.getMethod())) {
      response.write(true, null, callback);
    } else {
      SlicedWrite.write(response, body, callback);
    }
  }
}
