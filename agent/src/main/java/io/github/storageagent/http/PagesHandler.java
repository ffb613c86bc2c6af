package io.github.storageagent.http;

import io.github.storageagent.collect.SnapshotStore;
import io.github.storageagent.status.StatusService;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Everything but {@code /metrics}: the health and readiness probes, the node's status page and its
 * JSON. Four fixed paths need no router: a switch on the path is the whole of it, and every other
 * path is a 404.
 */
final class PagesHandler extends Handler.Abstract {

  static final String HEALTHY = "/-/healthy";
  static final String READY = "/-/ready";
  static final String PAGE = "/";
  static final String STATUS_JSON = "/api/v1/status";

  private static final String TEXT = "text/plain; charset=utf-8";
  private static final String HTML = "text/html; charset=utf-8";
  private static final String JSON = "application/json";

  private final SnapshotStore store;
  private final StatusService status;

  PagesHandler(SnapshotStore store, StatusService status) {
    this.store = store;
    this.status = status;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    if (!HEALTHY.equals(path)
        && !READY.equals(path)
        && !PAGE.equals(path)
        && !STATUS_JSON.equals(path)) {
      Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
      return true;
    }
    if (GetOrHead.refused(request, response, callback)) {
      return true;
    }
    switch (path) {
      case HEALTHY ->
          send(request, response, HttpStatus.OK_200, TEXT, text("Healthy.\n"), callback);
      case READY -> {
        if (store.ready()) {
          send(request, response, HttpStatus.OK_200, TEXT, text("Ready.\n"), callback);
        } else {
          send(
              request,
              response,
              HttpStatus.SERVICE_UNAVAILABLE_503,
              TEXT,
              text("Not ready: first collection still running.\n"),
              callback);
        }
      }
      case PAGE -> send(request, response, HttpStatus.OK_200, HTML, status.page(), callback);
      default -> send(request, response, HttpStatus.OK_200, JSON, status.json(), callback);
    }
    return true;
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void send(
      Request request,
      Response response,
      int code,
      String contentType,
      byte[] body,
      Callback callback) {
    response.setStatus(code);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    GetOrHead.send(request, response, ByteBuffer.wrap(body), callback);
  }
}
