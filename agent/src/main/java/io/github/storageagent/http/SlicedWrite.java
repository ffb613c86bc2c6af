package io.github.storageagent.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * Writes a heap body in slices of at most {@link #SLICE_BYTES}. The JDK copies every heap buffer it
 * writes to a socket into a temporary direct buffer of the same size; one megabyte-sized scrape
 * body per busy thread would need megabytes of the small direct memory the unit allows.
 */
final class SlicedWrite extends IteratingCallback {

  static final int SLICE_BYTES = 64 * 1024;

  private final Response response;
  private final ByteBuffer body;
  private final Callback callback;
  private boolean lastWritten;

  private SlicedWrite(Response response, ByteBuffer body, Callback callback) {
    this.response = response;
    this.body = body;
    this.callback = callback;
  }

  /** Writes all of {@code body} (consuming its position) and completes {@code callback}. */
  static void write(Response response, ByteBuffer body, Callback callback) {
    new SlicedWrite(response, body, callback).iterate();
  }

  @Override
  protected Action process() {
    if (lastWritten) {
      return Action.SUCCEEDED;
    }
    int n = Math.min(SLICE_BYTES, body.remaining());
    ByteBuffer slice = body.slice().limit(n);
    body.position(body.position() + n);
    lastWritten = !body.hasRemaining();
    response.write(lastWritten, slice, this);
    return Action.SCHEDULED;
  }

  @Override
  protected void onCompleteSuccess() {
    callback.succeeded();
  }

  @Override
  protected void onCompleteFailure(Throwable cause) {
    callback.failed(cause);
  }
}
