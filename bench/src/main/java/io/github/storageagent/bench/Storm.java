package io.github.storageagent.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * A scrape storm: N threads, each a keep-alive HTTP/1.1 client (a plain socket, so the client costs
 * as little as possible) that requests the URL again as soon as the previous answer is in, for a
 * fixed time. Records every request's status and latency and prints counts per outcome (200, 503,
 * other status, connection errors, timeouts) and p50/p99/max of the 200s and of the 503s. By
 * default each asks as Prometheus does (OpenMetrics preferred, gzip); {@code --headers=plain} asks
 * for the uncompressed text format, as a browser or curl would.
 *
 * <pre>
 * java -cp benchmarks.jar io.github.storageagent.bench.Storm --url=http://127.0.0.1:9958/metrics \
 *     [--threads=256] [--duration=30s] [--timeout=10s] [--headers=prometheus|plain]
 * </pre>
 *
 * <p>The last line is machine-readable: {@code RESULT key=value ...}.
 */
public final class Storm {

  private final String host;
  private final int port;
  private final int timeoutMillis;
  private final byte[] request;

  /** What Prometheus 3 sends when it scrapes: its preferred formats, and gzip. */
  static final String PROMETHEUS_HEADERS =
      "Accept: application/openmetrics-text;version=1.0.0;q=0.5,"
          + "application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=1.0.0;q=0.3,"
          + "text/plain;version=0.0.4;q=0.2,*/*;q=0.1\r\nAccept-Encoding: gzip\r\n";

  private Storm(URI url, Duration timeout, boolean likePrometheus) {
    this.host = url.getHost();
    this.port = url.getPort() < 0 ? 80 : url.getPort();
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    this.timeoutMillis = (int) timeout.toMillis();
    this.request =
        ("GET "
                + path
                + " HTTP/1.1\r\nHost: "
                + host
                + ":"
                + port
                + "\r\nUser-Agent: storage-agent-bench-storm\r\n"
                + (likePrometheus ? PROMETHEUS_HEADERS : "Accept: */*\r\n")
                + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
  }

  /** What one thread saw. */
  static final class Tally {
    long ok;
    long unavailable;
    long otherStatus;
    long connectionErrors;
    long refused;
    long timeouts;
    long connects;
    LongList okNanos = new LongList();
    LongList unavailableNanos = new LongList();
    String firstError;
  }

  /** A growable list of longs. */
  static final class LongList {
    long[] values = new long[1024];
    int size;

    void add(long v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    void addAll(LongList other) {
      for (int i = 0; i < other.size; i++) {
        add(other.values[i]);
      }
    }

    long[] sorted() {
      long[] s = Arrays.copyOf(values, size);
      Arrays.sort(s);
      return s;
    }
  }

  private void run(Tally t, long deadline) {
    Socket socket = null;
    InputStream in = null;
    OutputStream out = null;
    while (System.nanoTime() < deadline) {
      try {
        if (socket == null) {
          socket = new Socket();
          socket.setTcpNoDelay(true);
          socket.setSoTimeout(timeoutMillis);
          socket.connect(new InetSocketAddress(host, port), timeoutMillis);
          in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
          out = socket.getOutputStream();
          t.connects++;
        }
        long start = System.nanoTime();
        out.write(request);
        out.flush();
        Response r = readResponse(in);
        long took = System.nanoTime() - start;
        if (r.status == 200) {
          t.ok++;
          t.okNanos.add(took);
        } else if (r.status == 503) {
          t.unavailable++;
          t.unavailableNanos.add(took);
        } else {
          t.otherStatus++;
          if (t.firstError == null) {
            t.firstError = "status " + r.status;
          }
        }
        if (r.close) {
          closeQuietly(socket);
          socket = null;
        }
      } catch (SocketTimeoutException e) {
        t.timeouts++;
        if (t.firstError == null) {
          t.firstError = "timeout: " + e.getMessage();
        }
        closeQuietly(socket);
        socket = null;
      } catch (IOException e) {
        if (e instanceof java.net.ConnectException) {
          t.refused++;
        } else {
          t.connectionErrors++;
        }
        if (t.firstError == null) {
          t.firstError = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        closeQuietly(socket);
        socket = null;
        // Refused: nobody listens (any more); do not spin on a machine the server shares.
        pause(e instanceof java.net.ConnectException ? 20 : 2);
      }
    }
    closeQuietly(socket);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Response(int status, boolean close) {}

  /** Reads one HTTP/1.1 response (Content-Length, chunked, or until close) and drops the body. */
  static Response readResponse(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine.isEmpty()) {
      throw new EOFException("connection closed before a response");
    }
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP response: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    boolean http10 = parts[0].equals("HTTP/1.0");
    long length = -1;
    boolean chunked = false;
    boolean close = http10;
    String h;
    while (!(h = line(in)).isEmpty()) {
      int colon = h.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.contains("chunked");
        case "connection" -> close = value.contains("close") || (http10 && !value.contains("keep"));
        default -> {}
      }
    }
    if (chunked) {
      while (true) {
        String size = line(in);
        int semi = size.indexOf(';');
        long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
        if (n == 0) {
          while (!line(in).isEmpty()) {
            // trailers
          }
          break;
        }
        skip(in, n);
        line(in);
      }
    } else if (length >= 0) {
      skip(in, length);
    } else {
      while (in.read() >= 0) {
        // body until close
      }
      close = true;
    }
    return new Response(status, close);
  }

  private static void skip(InputStream in, long n) throws IOException {
    long left = n;
    byte[] buf = new byte[8192];
    while (left > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (r < 0) {
        throw new EOFException("body cut short");
      }
      left -= r;
    }
  }

  /** A CRLF-terminated line without its terminator; "" at end of stream. */
  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder(64);
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        int len = sb.length();
        if (len > 0 && sb.charAt(len - 1) == '\r') {
          sb.setLength(len - 1);
        }
        return sb.toString();
      }
      sb.append((char) c);
    }
    return sb.toString();
  }

  private static void closeQuietly(Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // nothing to do
      }
    }
  }

  static Duration duration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
    }
    if (t.endsWith("s")) {
      return Duration.ofMillis(
          Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1e3));
    }
    if (t.endsWith("m")) {
      return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
    }
    return Duration.ofSeconds(Long.parseLong(t));
  }

  static String ms(long[] sorted, double q) {
    if (sorted.length == 0) {
      return "-";
    }
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return String.format(
        Locale.ROOT, "%.2f", sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1e6);
  }

  public static void main(String[] args) throws Exception {
    String url = "http://127.0.0.1:9958/metrics";
    int threads = 256;
    Duration duration = Duration.ofSeconds(30);
    Duration timeout = Duration.ofSeconds(10);
    boolean likePrometheus = true;
    for (String a : args) {
      if (a.startsWith("--url=")) {
        url = a.substring(6);
      } else if (a.startsWith("--threads=")) {
        threads = Integer.parseInt(a.substring(10));
      } else if (a.startsWith("--duration=")) {
        duration = duration(a.substring(11));
      } else if (a.startsWith("--timeout=")) {
        timeout = duration(a.substring(10));
      } else if (a.equals("--headers=prometheus") || a.equals("--headers=plain")) {
        likePrometheus = a.endsWith("prometheus");
      } else {
        System.err.println(
            "usage: Storm --url=http://HOST:PORT/PATH [--threads=256] [--duration=30s]"
                + " [--timeout=10s] [--headers=prometheus|plain]");
        System.exit(2);
      }
    }
    Storm storm = new Storm(URI.create(url), timeout, likePrometheus);
    Tally[] tallies = new Tally[threads];
    CountDownLatch done = new CountDownLatch(threads);
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    for (int i = 0; i < threads; i++) {
      Tally t = new Tally();
      tallies[i] = t;
      Thread th =
          new Thread(
              null,
              () -> {
                try {
                  storm.run(t, deadline);
                } finally {
                  done.countDown();
                }
              },
              "storm-" + i,
              256 * 1024);
      th.setDaemon(true);
      th.start();
    }
    done.await();
    double seconds = (System.nanoTime() - start) / 1e9;
    Tally all = new Tally();
    for (Tally t : tallies) {
      all.ok += t.ok;
      all.unavailable += t.unavailable;
      all.otherStatus += t.otherStatus;
      all.connectionErrors += t.connectionErrors;
      all.refused += t.refused;
      all.timeouts += t.timeouts;
      all.connects += t.connects;
      all.okNanos.addAll(t.okNanos);
      all.unavailableNanos.addAll(t.unavailableNanos);
      if (all.firstError == null) {
        all.firstError = t.firstError;
      }
    }
    long[] ok = all.okNanos.sorted();
    long[] unavailable = all.unavailableNanos.sorted();
    long requests = all.ok + all.unavailable + all.otherStatus;
    System.out.printf(
        Locale.ROOT,
        "storm: %s, %d threads (keep-alive), %.1f s: %d responses (%.0f/s), %d connections%n",
        url,
        threads,
        seconds,
        requests,
        requests / seconds,
        all.connects);
    System.out.printf(
        Locale.ROOT,
        "  200: %d   503: %d   other status: %d   connection errors (reset, closed): %d"
            + "   refused: %d   timeouts: %d%n",
        all.ok,
        all.unavailable,
        all.otherStatus,
        all.connectionErrors,
        all.refused,
        all.timeouts);
    System.out.printf(
        Locale.ROOT,
        "  200 latency ms: p50 %s  p99 %s  max %s%n",
        ms(ok, 0.5),
        ms(ok, 0.99),
        ms(ok, 1));
    System.out.printf(
        Locale.ROOT,
        "  503 latency ms: p50 %s  p99 %s  max %s%n",
        ms(unavailable, 0.5),
        ms(unavailable, 0.99),
        ms(unavailable, 1));
    if (all.firstError != null) {
      System.out.println("  first problem: " + all.firstError);
    }
    System.out.printf(
        Locale.ROOT,
        "RESULT ok=%d unavailable=%d other=%d connerr=%d refused=%d timeouts=%d rps=%.1f"
            + " ok_p50=%s ok_p99=%s ok_max=%s u_p50=%s u_p99=%s u_max=%s%n",
        all.ok,
        all.unavailable,
        all.otherStatus,
        all.connectionErrors,
        all.refused,
        all.timeouts,
        requests / seconds,
        ms(ok, 0.5),
        ms(ok, 0.99),
        ms(ok, 1),
        ms(unavailable, 0.5),
        ms(unavailable, 0.99),
        ms(unavailable, 1));
  }
}
