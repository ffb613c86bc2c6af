package io.github.storageagent.http;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.MetricNameFilter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves {@code /metrics} ahead of the other pages ({@link PagesHandler}): text, OpenMetrics or
 * protobuf by Accept, gzip when asked, {@code name[]} filters. The body comes from {@link
 * ScrapeCache}, and is written asynchronously, so a slow reader holds a request slot but no thread.
 * Like node_exporter's {@code --web.max-requests}, requests beyond the limit of concurrent scrapes
 * get 503 at once: refusing costs nothing, queueing would cost memory and make every scraper late.
 */
final class MetricsHandler extends Handler.Wrapper {

  static final String PATH = "/metrics";
  private static final ByteBuffer TOO_MANY =
      ByteBuffer.wrap(
              "Too many concurrent scrapes; the limit is --web.max-requests.\n"
                  .getBytes(StandardCharsets.UTF_8))
          .asReadOnlyBuffer();

  private final ScrapeCache cache;
  private final PrometheusRegistry registry;
  private final ScrapeStats stats;
  private final ExpositionFormats formats = ExpositionFormats.init();
  private final AtomicInteger inFlight = new AtomicInteger();

  MetricsHandler(ScrapeCache cache, PrometheusRegistry registry, ScrapeStats stats) {
    this.cache = cache;
    this.registry = registry;
    this.stats = stats;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!PATH.equals(Request.getPathInContext(request))) {
      return super.handle(request, response, callback);
    }
    if (GetOrHead.refused(request, response, callback)) {
      return true;
    }
    if (!admit()) {
      stats.rejected();
      response.setStatus(HttpStatus.SERVICE_UNAVAILABLE_503);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
      response.write(true, TOO_MANY.duplicate(), callback);
      return true;
    }
    Callback release = Callback.from(callback, inFlight::decrementAndGet);
    try {
      serve(request, response, release);
    } catch (RuntimeException e) {
      release.failed(e);
    }
    return true;
  }

  private boolean admit() {
    int limit = stats.maxRequests();
    if (limit <= 0) {
      inFlight.incrementAndGet();
      return true;
    }
    while (true) {
      int n = inFlight.get();
      if (n >= limit) {
        return false;
      }
      if (inFlight.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  private void serve(Request request, Response response, Callback callback) {
    String accept = request.getHeaders().get(HttpHeader.ACCEPT);
    ExpositionFormatWriter writer = formats.findWriter(accept);
    ScrapeCache.Format format =
        new ScrapeCache.Format(
            writer,
            EscapingScheme.fromAcceptHeader(accept),
            acceptsGzip(request.getHeaders().getValuesList(HttpHeader.ACCEPT_ENCODING)));
    List<String> names = Request.extractQueryParameters(request).getValues("name[]");
    ByteBuffer body;
    if (names == null || names.isEmpty()) {
      body = cache.current().body(format);
    } else {
      MetricSnapshots filtered =
          registry.scrape(MetricNameFilter.builder().nameMustBeEqualTo(names).build());
      body = ByteBuffer.wrap(ScrapeCache.encode(format, filtered));
    }
    stats.served();
    response.setStatus(HttpStatus.OK_200);
    var headers = response.getHeaders();
    headers.put(HttpHeader.CONTENT_TYPE, writer.getContentType());
    headers.put(HttpHeader.VARY, "Accept, Accept-Encoding");
    if (format.gzip()) {
      headers.put(HttpHeader.CONTENT_ENCODING, "gzip");
    }
    GetOrHead.send(request, response, body, callback);
  }

  /** Whether any Accept-Encoding value lists gzip without {@code q=0}. */
  static boolean acceptsGzip(List<String> values) {
    for (String value : values) {
      for (String coding : value.split(",")) {
        String[] parts = coding.split(";");
        if (!parts[0].strip().equalsIgnoreCase("gzip")) {
          continue;
        }
        boolean refused = false;
        for (int i = 1; i < parts.length; i++) {
          String p = parts[i].strip().toLowerCase(Locale.ROOT).replace(" ", "");
          if (p.startsWith("q=") && isZero(p.substring(2))) {
            refused = true;
          }
        }
        if (!refused) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isZero(String qvalue) {
    try {
      return Double.parseDouble(qvalue) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
