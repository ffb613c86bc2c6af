package io.github.storageagent.fleet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Serves N simulated agents from one process, node i on the i-th loopback address from the base
 * address (addresses ending in .0 or .255 are skipped), all on the same port, each at {@code
 * /metrics}.
 *
 * <pre>
 * java -jar fleet-sim/target/fleet-sim.jar --template=FILE|URL [--nodes=1000]
 *     [--base-address=127.0.1.1] [--port=9958] [--duration=10m]
 *     [--faults=7:disk-failed,13:pool-filling,21:backup-failed|none] [--seed=1]
 *     [--targets-file=FILE] [--history=6h --history-file=FILE]
 * </pre>
 *
 * <p>The template is a real agent's exposition, read from a file or fetched once from a running
 * agent's URL. The simulator stops by itself after the duration.
 */
public final class FleetSimulator implements AutoCloseable {

  /** How to start the fleet. */
  public record Config(
      String template,
      int nodes,
      String baseAddress,
      int port,
      List<Fault.OnNode> faults,
      long seed) {}

  private final Template template;
  private final List<SimulatedNode> nodes;
  private final List<HttpServer> servers = new ArrayList<>();
  private final ExecutorService executor;
  private final long startNanos = System.nanoTime();
  private final long startEpochSeconds = System.currentTimeMillis() / 1000;
  private final AtomicLong scrapes = new AtomicLong();

  private FleetSimulator(Template template, List<SimulatedNode> nodes, int port)
      throws IOException {
    this.template = template;
    this.nodes = nodes;
    this.executor = Executors.newFixedThreadPool(4, r -> daemon(r, "fleet-sim-http"));
    try {
      for (SimulatedNode node : nodes) {
        String host = node.target().substring(0, node.target().lastIndexOf(':'));
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 128);
        server.createContext("/metrics", ex -> serve(node, ex));
        server.setExecutor(executor);
        server.start();
        servers.add(server);
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Starts the fleet and returns once every node listens. */
  public static FleetSimulator start(Config config) throws IOException, InterruptedException {
    Template template = Template.parse(readTemplate(config.template()));
    Map<Integer, Set<Fault>> faults = new HashMap<>();
    for (Fault.OnNode f : config.faults()) {
      if (f.node() < 1 || f.node() > config.nodes()) {
        throw new IllegalArgumentException(
            "fault on node " + f.node() + ", but nodes are 1.." + config.nodes());
      }
      faults.computeIfAbsent(f.node(), k -> EnumSet.noneOf(Fault.class)).add(f.fault());
    }
    List<String> hosts = addresses(config.baseAddress(), config.nodes());
    List<SimulatedNode> nodes = new ArrayList<>();
    for (int i = 1; i <= config.nodes(); i++) {
      nodes.add(
          new SimulatedNode(
              i,
              hosts.get(i - 1) + ":" + config.port(),
              template,
              faults.getOrDefault(i, Set.of()),
              config.seed()));
    }
    return new FleetSimulator(template, nodes, config.port());
  }

  /** {@code count} loopback addresses from {@code base} on, skipping .0 and .255. */
  static List<String> addresses(String base, int count) throws UnknownHostException {
    byte[] b = InetAddress.getByName(base).getAddress();
    if (b.length != 4 || (b[0] & 0xff) != 127) {
      throw new IllegalArgumentException("the base address must be in 127.0.0.0/8: " + base);
    }
    long a =
        ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
    List<String> out = new ArrayList<>();
    while (out.size() < count) {
      int last = (int) (a & 0xff);
      if ((a >>> 24) != 127) {
        throw new IllegalArgumentException("not enough loopback addresses after " + base);
      }
      if (last != 0 && last != 255) {
        out.add((a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + last);
      }
      a++;
    }
    return out;
  }

  static String readTemplate(String source) throws IOException, InterruptedException {
    if (source.startsWith("http://") || source.startsWith("https://")) {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(source)).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IOException(source + " answered " + r.statusCode());
      }
      return r.body();
    }
    return Files.readString(Path.of(source));
  }

  private void serve(SimulatedNode node, HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = node.render((System.nanoTime() - startNanos) / 1e9);
      ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
      scrapes.incrementAndGet();
    }
  }

  /** Series per node: the sample lines of the replayed exposition. */
  public int seriesPerNode() {
    return template.series();
  }

  public List<String> targets() {
    return nodes.stream().map(SimulatedNode::target).toList();
  }

  /** The faults as applied, with the labels of the series each one changed. */
  public List<SimulatedNode.Injected> injected() {
    return nodes.stream().flatMap(n -> n.injected().stream()).toList();
  }

  /**
   * Writes {@code history} of the series the rules read over hours, ending where this simulator's
   * clock started (see {@link History}).
   *
   * @return the number of samples written
   */
  public long writeHistory(Path file, Duration history, Duration step) throws IOException {
    try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      return History.write(w, nodes, startEpochSeconds, history.toSeconds(), step.toSeconds());
    }
  }

  public long scrapes() {
    return scrapes.get();
  }

  @Override
  public void close() {
    for (HttpServer s : servers) {
      s.stop(0);
    }
    servers.clear();
    executor.shutdownNow();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** A Prometheus file_sd document listing every node. */
  public String fileSd() {
    return "[{\"targets\":["
        + targets().stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(","))
        + "],\"labels\":{\"job\":\"storage-agent\"}}]\n";
  }

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    Map<String, String> o = new HashMap<>();
    o.put("nodes", "1000");
    o.put("base-address", "127.0.1.1");
    o.put("port", "9958");
    o.put("duration", "10m");
    o.put("faults", Fault.DEFAULT_SET);
    o.put("seed", "1");
    for (String a : args) {
      if (a.equals("-h") || a.equals("--help")) {
        out.println(
            "usage: fleet-sim --template=FILE|URL [--nodes=1000] [--base-address=127.0.1.1]"
                + " [--port=9958] [--duration=10m] [--faults="
                + Fault.DEFAULT_SET
                + "|none] [--seed=1] [--targets-file=FILE] [--history=6h"
                + " --history-file=FILE]");
        return;
      }
      if (!a.startsWith("--") || !a.contains("=")) {
        System.err.println("fleet-sim: unknown argument " + a + " (see --help)");
        System.exit(2);
      }
      String key = a.substring(2, a.indexOf('='));
      if (!Set.of(
              "template",
              "nodes",
              "base-address",
              "port",
              "duration",
              "faults",
              "seed",
              "targets-file",
              "history",
              "history-file")
          .contains(key)) {
        System.err.println("fleet-sim: unknown option --" + key + " (see --help)");
        System.exit(2);
      }
      o.put(key, a.substring(a.indexOf('=') + 1));
    }
    if (!o.containsKey("template")) {
      System.err.println("fleet-sim: --template=FILE|URL is required (a real agent's /metrics)");
      System.exit(2);
    }
    Duration duration = duration(o.get("duration"));
    Config config =
        new Config(
            o.get("template"),
            Integer.parseInt(o.get("nodes")),
            o.get("base-address"),
            Integer.parseInt(o.get("port")),
            Fault.parseSet(o.get("faults")),
            Long.parseLong(o.get("seed")));
    try (FleetSimulator fleet = start(config)) {
      List<String> targets = fleet.targets();
      if (o.containsKey("targets-file")) {
        Files.writeString(Path.of(o.get("targets-file")), fleet.fileSd(), StandardCharsets.UTF_8);
      }
      out.printf(
          "fleet-sim: %d nodes, %s .. %s, %d series per node (%d in all), until %s%n",
          targets.size(),
          targets.get(0),
          targets.get(targets.size() - 1),
          fleet.seriesPerNode(),
          (long) fleet.seriesPerNode() * targets.size(),
          Instant.now().plus(duration).toString());
      if (o.containsKey("history-file")) {
        Duration history = duration(o.getOrDefault("history", "6h"));
        long samples =
            fleet.writeHistory(Path.of(o.get("history-file")), history, Duration.ofSeconds(15));
        out.printf(
            "fleet-sim: history written to %s: %s%n",
            o.get("history-file"), History.describe(samples, history.toSeconds()));
      }
      for (SimulatedNode.Injected f : fleet.injected()) {
        out.printf(
            "fleet-sim: fault node %d (%s): %s on %s%s%n",
            f.node(), f.target(), f.fault().id(), f.metric(), f.labels());
      }
      out.println("fleet-sim: ready");
      out.flush();
      Thread.sleep(duration.toMillis());
      out.printf("fleet-sim: %d scrapes served; stopping after %s%n", fleet.scrapes(), duration);
    }
  }

  /** 90s, 10m, 2h, or plain seconds. */
  static Duration duration(String s) {
    char unit = s.charAt(s.length() - 1);
    if (Character.isDigit(unit)) {
      return Duration.ofSeconds(Long.parseLong(s));
    }
    long v = Long.parseLong(s.substring(0, s.length() - 1));
    return switch (unit) {
      case 's' -> Duration.ofSeconds(v);
      case 'm' -> Duration.ofMinutes(v);
      case 'h' -> Duration.ofHours(v);
      default -> throw new IllegalArgumentException("duration like 90s, 10m or 2h: " + s);
    };
  }
}
