package io.github.storageagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scrape path under concurrency: every format, plain and gzip, served to 100 scrapers at once
 * from the same encoded snapshot; and the admission limit, which turns scrapers beyond {@code
 * --web.max-requests} away with 503 while the admitted ones are still being written.
 */
class ScrapeConcurrencyIT {

  private static final int SCRAPERS = 100;
  private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String OPENMETRICS =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";
  private static final String PROTOBUF =
      "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited";

  @TempDir Path dir;

  @Test
  void hundredConcurrentScrapesOfEachFormatGetTheSameCompleteBody() throws Exception {
    // A node that does not change during the test: this machine's diskstats frozen in a file,
    // read once an hour; so every scrape must see the very same snapshot.
    Path procfs = Files.createDirectories(dir.resolve("proc"));
    Files.writeString(procfs.resolve("diskstats"), Files.readString(Path.of("/proc/diskstats")));
    Files.createDirectories(dir.resolve("sys/block"));
    try (AgentProcess agent =
        AgentProcess.launch()
            .config(
                """
                disk:
                  interval: 1h
                  counters: all
                  histograms: all
                smart:
                  enabled: false
                lvm:
                  enabled: false
                backup:
                  pve:
                    enabled: false
                """)
            .start(
                "--path.procfs=" + procfs,
                "--path.sysfs=" + dir.resolve("sys"),
                "--web.max-requests=0")) {
      HttpClient http = HttpClient.newHttpClient();
      Map<String, byte[]> bodyByFormat = new java.util.HashMap<>();
      for (String accept : List.of(TEXT, OPENMETRICS, PROTOBUF)) {
        for (boolean gzip : List.of(false, true)) {
          List<HttpResponse<byte[]>> responses = scrapeAtOnce(http, agent.port(), accept, gzip);

          Set<String> bodies = new HashSet<>();
          for (HttpResponse<byte[]> r : responses) {
            assertThat(r.statusCode()).as("%s gzip=%s", accept, gzip).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Length"))
                .contains(String.valueOf(r.body().length));
            assertThat(r.headers().firstValue("Content-Encoding").isPresent()).isEqualTo(gzip);
            bodies.add(new String(gzip ? gunzip(r.body()) : r.body(), StandardCharsets.ISO_8859_1));
          }
          assertThat(bodies).as("distinct bodies for %s gzip=%s", accept, gzip).hasSize(1);
          byte[] body = bodies.iterator().next().getBytes(StandardCharsets.ISO_8859_1);
          byte[] plain = bodyByFormat.putIfAbsent(accept, body);
          assertThat(plain == null || java.util.Arrays.equals(plain, body))
              .as("gzip and plain bodies of %s decode to the same bytes", accept)
              .isTrue();
        }
      }
      assertPromtoolClean(bodyByFormat.get(TEXT));
      String text = new String(bodyByFormat.get(TEXT), StandardCharsets.UTF_8);
      String openMetrics = new String(bodyByFormat.get(OPENMETRICS), StandardCharsets.UTF_8);
      assertThat(openMetrics).endsWith("# EOF\n");
      assertThat(samples(openMetrics)).isEqualTo(samples(text)).isGreaterThan(25);
      assertThat(ProtobufFamilies.read(bodyByFormat.get(PROTOBUF)))
          .containsEntry("storage_disk_reads_completed_total", ProtobufFamilies.COUNTER)
          .containsEntry("storage_collector_success", ProtobufFamilies.GAUGE)
          .containsKey("storage_http_metrics_requests_total")
          .hasSize(families(text));
    }
  }

  @Test
  void scrapesBeyondTheLimitGet503WhileTheAdmittedOnesAreStillBeingWritten() throws Exception {
    try (AgentProcess agent = AgentProcess.start(Map.of(), "--demo", "--web.max-requests=2")) {
      // Two scrapers that ask and never read. Each pipelines 300 requests (some 25 MB of answers),
      // far more than the kernel's socket buffers take, so a write stays pending and holds a slot.
      List<Socket> stalled = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) {
          stalled.add(stalledScraper(agent.port()));
        }
        HttpClient http = HttpClient.newHttpClient();
        // While the kernel still takes their answers the two pipelines briefly free their slots
        // between requests; once both are stuck, every further scrape must be turned away.
        HttpResponse<byte[]> refused = awaitSteadyRefusal(http, agent.port());
        assertThat(new String(refused.body(), StandardCharsets.UTF_8))
            .contains("--web.max-requests");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();

        List<HttpResponse<byte[]>> crowd = scrapeAtOnce(http, agent.port(), TEXT, false);
        assertThat(crowd).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(503));
      } finally {
        for (Socket s : stalled) {
          s.close();
        }
      }

      // Closing the stalled connections frees their slots; the refusals were counted.
      HttpClient http = HttpClient.newHttpClient();
      awaitStatus(http, agent.port(), 200);
      agent.scrapeUntil(
          "503s counted",
          e -> {
            Double refusals = e.value("storage_http_metrics_requests_total{code=\"503\"}");
            return refusals != null && refusals >= SCRAPERS + 1;
          },
          Duration.ofSeconds(30));
      assertThat(agent.logs()).doesNotContain("OutOfMemoryError").doesNotContain("Exception");
    }
  }

  private static List<HttpResponse<byte[]>> scrapeAtOnce(
      HttpClient http, int port, String accept, boolean gzip) throws Exception {
    List<CompletableFuture<HttpResponse<byte[]>>> pending = new ArrayList<>();
    for (int i = 0; i < SCRAPERS; i++) {
      pending.add(
          http.sendAsync(request(port, accept, gzip), HttpResponse.BodyHandlers.ofByteArray()));
    }
    List<HttpResponse<byte[]>> responses = new ArrayList<>();
    for (CompletableFuture<HttpResponse<byte[]>> f : pending) {
      responses.add(f.get(60, TimeUnit.SECONDS));
    }
    return responses;
  }

  private static HttpRequest request(int port, String accept, boolean gzip) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", accept);
    if (gzip) {
      b.header("Accept-Encoding", "gzip");
    }
    return b.build();
  }

  private static HttpResponse<byte[]> awaitStatus(HttpClient http, int port, int status)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    HttpResponse<byte[]> last;
    do {
      last = http.send(request(port, TEXT, false), HttpResponse.BodyHandlers.ofByteArray());
      if (last.statusCode() == status) {
        return last;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("no " + status + " within 30 s; last answer " + last.statusCode());
  }

  /** Waits for ten 503s in a row, 100 ms apart (a busy machine fills the buffers slowly). */
  private static HttpResponse<byte[]> awaitSteadyRefusal(HttpClient http, int port)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    int inARow = 0;
    while (System.nanoTime() < deadline) {
      HttpResponse<byte[]> r =
          http.send(request(port, TEXT, false), HttpResponse.BodyHandlers.ofByteArray());
      inARow = r.statusCode() == 503 ? inARow + 1 : 0;
      if (inARow == 10) {
        return r;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("scrapes were not refused steadily within 90 s");
  }

  private static Socket stalledScraper(int port) throws IOException {
    Socket s = new Socket();
    s.setReceiveBufferSize(4096);
    s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    OutputStream out = s.getOutputStream();
    byte[] request =
        "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/plain\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < 300; i++) {
      out.write(request);
    }
    out.flush();
    return s;
  }

  private static long samples(String text) {
    return text.lines().filter(l -> !l.startsWith("#")).count();
  }

  private static int families(String text) {
    return (int) text.lines().filter(l -> l.startsWith("# TYPE ")).count();
  }

  private static void assertPromtoolClean(byte[] text) throws Exception {
    assertThat(new String(text, StandardCharsets.UTF_8))
        .contains("storage_disk_reads_completed_total{device=");
    Path promtool = Tools.require("promtool", "prometheus");
    Process p =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(text);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).as("promtool check metrics").isEmpty();
    assertThat(p.exitValue()).isZero();
  }

  private static byte[] gunzip(byte[] gz) throws IOException {
    try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }
}
