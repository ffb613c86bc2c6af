package io.github.storageagent.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

/**
 * Scrapes at a steady rate for a fixed time, cycling through the six answers the agent can give:
 * Prometheus text, OpenMetrics and protobuf, each plain and gzip. Every answer is checked: status
 * 200, the Content-Type of the format asked for, gzip only when asked for (and then a valid gzip
 * stream), and a body that holds {@code storage_collector_success}. Anything else, a transport
 * error or no answer within the timeout is a failed scrape. Prints a progress line every {@code
 * --progress} and, last, a machine-readable {@code RESULT key=value ...} line.
 *
 * <pre>
 * java -cp benchmarks.jar io.github.storageagent.bench.Scraper --url=http://127.0.0.1:9958/metrics \
 *     [--rate=20] [--duration=30m] [--timeout=5s] [--progress=60s]
 * </pre>
 */
public final class Scraper {

  /** One of the answers the agent negotiates. */
  record Format(String name, String accept, boolean gzip, String contentType) {}

  static final String PROTOBUF =
      "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited";

  static final List<Format> FORMATS =
      List.of(
          new Format("text", "text/plain;version=0.0.4", false, "text/plain"),
          new Format("text+gzip", "text/plain;version=0.0.4", true, "text/plain"),
          new Format(
              "openmetrics",
              "application/openmetrics-text;version=1.0.0",
              false,
              "application/openmetrics-text"),
          new Format(
              "openmetrics+gzip",
              "application/openmetrics-text;version=1.0.0",
              true,
              "application/openmetrics-text"),
          new Format("protobuf", PROTOBUF, false, "application/vnd.google.protobuf"),
          new Format("protobuf+gzip", PROTOBUF, true, "application/vnd.google.protobuf"));

  private static final byte[] MARKER =
      "storage_collector_success".getBytes(StandardCharsets.US_ASCII);

  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong[] okPerFormat = new AtomicLong[FORMATS.size()];
  private final AtomicReference<String> firstFailure = new AtomicReference<>();
  private final Storm.LongList okNanos = new Storm.LongList();

  private Scraper() {
    for (int i = 0; i < okPerFormat.length; i++) {
      okPerFormat[i] = new AtomicLong();
    }
  }

  /** Null if the answer is what the format asked for, else what is wrong with it. */
  static String check(Format f, HttpResponse<byte[]> r) {
    if (r.statusCode() != 200) {
      return f.name() + ": status " + r.statusCode();
    }
    String type = r.headers().firstValue("Content-Type").orElse("");
    if (!type.toLowerCase(Locale.ROOT).startsWith(f.contentType())) {
      return f.name() + ": Content-Type " + type;
    }
    boolean gzipped =
        r.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip");
    if (gzipped != f.gzip()) {
      return f.name() + ": Content-Encoding " + (gzipped ? "gzip" : "none");
    }
    byte[] body = r.body();
    if (gzipped) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
        body = in.readAllBytes();
      } catch (IOException e) {
        return f.name() + ": bad gzip: " + e.getMessage();
      }
    }
    if (indexOf(body, MARKER) < 0) {
      return f.name() + ": no storage_collector_success in " + body.length + " bytes";
    }
    return null;
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private void fail(String why) {
    failed.incrementAndGet();
    firstFailure.compareAndSet(null, why);
  }

  private void line(String prefix, double seconds) {
    long[] sorted;
    synchronized (okNanos) {
      sorted = okNanos.sorted();
    }
    StringBuilder per = new StringBuilder();
    for (int i = 0; i < FORMATS.size(); i++) {
      per.append(' ').append(FORMATS.get(i).name()).append('=').append(okPerFormat[i].get());
    }
    System.out.printf(
        Locale.ROOT,
        "%s elapsed=%.0f sent=%d ok=%d failed=%d skipped=%d rate=%.2f p50_ms=%s p99_ms=%s"
            + " max_ms=%s%s%n",
        prefix,
        seconds,
        sent.get(),
        ok.get(),
        failed.get(),
        skipped.get(),
        (ok.get() + failed.get()) / Math.max(seconds, 1e-9),
        Storm.ms(sorted, 0.5),
        Storm.ms(sorted, 0.99),
        Storm.ms(sorted, 1),
        per);
    System.out.flush();
  }

  public static void main(String[] args) throws Exception {
    String url = "http://127.0.0.1:9958/metrics";
    double rate = 20;
    Duration duration = Duration.ofMinutes(30);
    Duration timeout = Duration.ofSeconds(5);
    Duration progress = Duration.ofSeconds(60);
    for (String a : args) {
      if (a.startsWith("--url=")) {
        url = a.substring(6);
      } else if (a.startsWith("--rate=")) {
        rate = Double.parseDouble(a.substring(7));
      } else if (a.startsWith("--duration=")) {
        duration = Storm.duration(a.substring(11));
      } else if (a.startsWith("--timeout=")) {
        timeout = Storm.duration(a.substring(10));
      } else if (a.startsWith("--progress=")) {
        progress = Storm.duration(a.substring(11));
      } else {
        System.err.println(
            "usage: Scraper --url=http://HOST:PORT/metrics [--rate=20] [--duration=30m]"
                + " [--timeout=5s] [--progress=60s]");
        System.exit(2);
      }
    }
    Scraper s = new Scraper();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "scraper");
              t.setDaemon(true);
              return t;
            });
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .executor(pool)
            .build();
    URI uri = URI.create(url);
    // At most this many scrapes in flight: a stuck agent shows as failures, not as a pile-up here.
    Semaphore inFlight = new Semaphore(Math.max(4, (int) Math.ceil(rate * 2)));
    long periodNanos = (long) (1e9 / rate);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long nextProgress = start + progress.toNanos();
    long next = start;
    int i = 0;
    while (next < end) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      if (System.nanoTime() >= nextProgress) {
        s.line("PROGRESS", (System.nanoTime() - start) / 1e9);
        nextProgress += progress.toNanos();
      }
      next += periodNanos;
      Format f = FORMATS.get(i++ % FORMATS.size());
      int index = FORMATS.indexOf(f);
      if (!inFlight.tryAcquire()) {
        s.skipped.incrementAndGet();
        s.fail("too many scrapes in flight");
        continue;
      }
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(timeout)
              .header("Accept", f.accept())
              .header("Accept-Encoding", f.gzip() ? "gzip" : "identity")
              .header("User-Agent", "storage-agent-bench-scraper")
              .GET()
              .build();
      long t0 = System.nanoTime();
      s.sent.incrementAndGet();
      CompletableFuture<HttpResponse<byte[]>> answer =
          http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
      answer.whenComplete(
          (r, e) -> {
            long took = System.nanoTime() - t0;
            try {
              if (e != null) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                s.fail(
                    f.name() + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
                return;
              }
              String wrong = check(f, r);
              if (wrong != null) {
                s.fail(wrong);
                return;
              }
              s.ok.incrementAndGet();
              s.okPerFormat[index].incrementAndGet();
              synchronized (s.okNanos) {
                s.okNanos.add(took);
              }
            } finally {
              // Only once counted: the end waits for every permit before it prints the result.
              inFlight.release();
            }
          });
    }
    // The last scrapes get their timeout to finish.
    inFlight.tryAcquire(
        Math.max(4, (int) Math.ceil(rate * 2)), timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (s.firstFailure.get() != null) {
      System.out.println("first failure: " + s.firstFailure.get());
    }
    s.line("RESULT", seconds);
    System.exit(0);
  }
}
