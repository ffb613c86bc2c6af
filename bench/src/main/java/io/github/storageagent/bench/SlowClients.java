package io.github.storageagent.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Slow clients ("slowloris"): N connections that each send a request's headers one byte per second
 * and never finish them, for a fixed time. One thread drives every connection. A connection the
 * server closes is counted and opened again, so N stay open for the whole run.
 *
 * <pre>
 * java -cp benchmarks.jar io.github.storageagent.bench.SlowClients --host=127.0.0.1 --port=9958 \
 *     [--clients=100] [--duration=30s]
 * </pre>
 *
 * <p>The last line is machine-readable: {@code RESULT key=value ...}.
 */
public final class SlowClients {

  private SlowClients() {}

  /** One slow connection and how far into its endless header it is. */
  private static final class Client {
    Socket socket;
    byte[] bytes;
    int sent;
    long openedNanos;
  }

  public static void main(String[] args) throws Exception {
    String host = "127.0.0.1";
    int port = 9958;
    int clients = 100;
    Duration duration = Duration.ofSeconds(30);
    for (String a : args) {
      if (a.startsWith("--host=")) {
        host = a.substring(7);
      } else if (a.startsWith("--port=")) {
        port = Integer.parseInt(a.substring(7));
      } else if (a.startsWith("--clients=")) {
        clients = Integer.parseInt(a.substring(10));
      } else if (a.startsWith("--duration=")) {
        duration = Storm.duration(a.substring(11));
      } else {
        System.err.println(
            "usage: SlowClients --host=HOST --port=PORT [--clients=100] [--duration=30s]");
        System.exit(2);
      }
    }
    // An endless header: the request line and Host, then one header value that never ends.
    StringBuilder text =
        new StringBuilder("GET /metrics HTTP/1.1\r\nHost: " + host + "\r\nX-Slow: ");
    for (int i = 0; i < 100_000; i++) {
      text.append('a');
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
    Client[] all = new Client[clients];
    long connects = 0;
    long connectFailures = 0;
    long closedByServer = 0;
    long bytesSent = 0;
    long longestOpenNanos = 0;
    String firstClose = null;
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    for (int i = 0; i < clients; i++) {
      all[i] = new Client();
      all[i].bytes = bytes;
    }
    while (System.nanoTime() < end) {
      long tick = System.nanoTime();
      for (Client c : all) {
        if (c.socket == null) {
          try {
            Socket s = new Socket();
            s.connect(new InetSocketAddress(host, port), 2000);
            s.setSoTimeout(1);
            c.socket = s;
            c.sent = 0;
            c.openedNanos = System.nanoTime();
            connects++;
          } catch (IOException e) {
            connectFailures++;
            continue;
          }
        }
        try {
          // Whatever the server said (a 400/408/431, or EOF) means it gave up on us.
          if (answered(c.socket)) {
            throw new IOException("server answered or closed");
          }
          c.socket.getOutputStream().write(c.bytes[c.sent % c.bytes.length]);
          c.socket.getOutputStream().flush();
          c.sent++;
          bytesSent++;
        } catch (IOException e) {
          closedByServer++;
          long open = System.nanoTime() - c.openedNanos;
          longestOpenNanos = Math.max(longestOpenNanos, open);
          if (firstClose == null) {
            firstClose =
                String.format(
                    Locale.ROOT,
                    "after %.1f s and %d bytes (%s)",
                    open / 1e9,
                    c.sent,
                    e.getMessage());
          }
          try {
            c.socket.close();
          } catch (IOException ignored) {
            // closing anyway
          }
          c.socket = null;
        }
      }
      long sleep = 1_000_000_000L - (System.nanoTime() - tick);
      if (sleep > 0) {
        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
      }
    }
    int open = 0;
    for (Client c : all) {
      if (c.socket != null) {
        open++;
        longestOpenNanos = Math.max(longestOpenNanos, System.nanoTime() - c.openedNanos);
        c.socket.close();
      }
    }
    System.out.printf(
        Locale.ROOT,
        "slow clients: %d to %s:%d for %.0f s at 1 byte/s: %d connections (%d failed),"
            + " %d closed by the server, %d still open at the end, longest open %.1f s%n",
        clients,
        host,
        port,
        duration.toMillis() / 1e3,
        connects,
        connectFailures,
        closedByServer,
        open,
        longestOpenNanos / 1e9);
    if (firstClose != null) {
      System.out.println("  first close by the server: " + firstClose);
    }
    System.out.printf(
        Locale.ROOT,
        "RESULT connects=%d connect_failures=%d closed_by_server=%d open_at_end=%d bytes=%d%n",
        connects,
        connectFailures,
        closedByServer,
        open,
        bytesSent);
  }

  /** True if the server has sent something or closed the connection (non-blocking peek). */
  private static boolean answered(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    try {
      return in.read() != -2; // any byte, or -1 for EOF
    } catch (java.net.SocketTimeoutException e) {
      return false;
    }
  }
}
