package io.github.storageagent.bench;

import ch.qos.logback.classic.Level;
import io.github.storageagent.app.Agent;
import io.github.storageagent.collect.Collector;
import io.github.storageagent.collect.CollectorScheduler;
import io.github.storageagent.collect.SelfMetrics;
import io.github.storageagent.collect.SnapshotStore;
import io.github.storageagent.config.AgentConfig;
import io.github.storageagent.config.ConfigLoader;
import io.github.storageagent.demo.pbs.PbsSimulator;
import io.github.storageagent.exec.Executables;
import io.github.storageagent.http.ScrapeStats;
import io.github.storageagent.http.SnapshotRegistry;
import io.github.storageagent.log.LogFormat;
import io.github.storageagent.log.Logging;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Serializing the reference node (and the scale node) in each exposition format, plain and gzip.
 * The setup builds the collectors exactly as the agent does ({@link Agent#collectors}) from the
 * generated {@code config.yml}, runs each once through the agent's scheduler (the PBS simulator
 * runs in-process here), and takes what a scrape would serve: the collectors' families plus the
 * agent's self-metrics. Each invocation then writes them to a reused buffer, as a scrape does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ExpositionBenchmark {

  @Param({"reference", "scale"})
  public String shape;

  @Param({"text", "openmetrics", "protobuf"})
  public String format;

  @Param({"false", "true"})
  public boolean gzip;

  private MetricSnapshots snapshots;
  private ExpositionFormatWriter writer;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);

  @Setup
  public void setup() throws Exception {
    snapshots = scrape(Shape.of(shape));
    ExpositionFormats formats = ExpositionFormats.init();
    writer =
        switch (format) {
          case "text" -> formats.getPrometheusTextFormatWriter();
          case "openmetrics" -> formats.getOpenMetricsTextFormatWriter();
          case "protobuf" -> formats.getPrometheusProtobufWriter();
          default -> throw new IllegalArgumentException("format " + format);
        };
    write();
    long series = 0;
    for (MetricSnapshot s : snapshots) {
      series += s.getDataPoints().size();
    }
    System.out.printf(
        Locale.ROOT,
        "%n%s node: %d families, %d data points; %s%s: %d bytes%n",
        shape,
        snapshots.size(),
        series,
        format,
        gzip ? "+gzip" : "",
        buffer.size());
  }

  /** What a scrape of the agent on the node of this shape serves, collected once. */
  static MetricSnapshots scrape(Shape shape) throws Exception {
    Logging.configure(Level.WARN, LogFormat.LOGFMT);
    Path dir = Files.createTempDirectory("storage-agent-bench-");
    Instant now = Instant.now();
    try {
      ReferenceNode node = ReferenceNode.create(shape, dir, now);
      try (PbsSimulator pbs = node.startPbs(now)) {
        AgentConfig config = new ConfigLoader().load(node.config());
        Agent.Sources sources =
            new Agent.Sources(node.procfs(), node.sysfs(), Executables.fromEnvironment());
        List<Collector> collectors = Agent.collectors(config, sources);
        SnapshotStore store = new SnapshotStore(collectors, Clock.systemUTC());
        try (CollectorScheduler scheduler = new CollectorScheduler(store)) {
          for (Collector c : collectors) {
            scheduler.runOnce(c);
          }
          // A few more seconds of IO, so the await histograms hold observations.
          for (Collector c : collectors) {
            if (c.name().equals("disk")) {
              for (int i = 0; i < 3; i++) {
                node.tick();
                scheduler.runOnce(c);
              }
            }
          }
          for (var e : store.entries().values()) {
            if (e.state().runs() == 0 || store.servable().get(e.collector().name()) == null) {
              throw new IllegalStateException(
                  "collector " + e.collector().name() + " did not succeed: " + e.state());
            }
          }
          return SnapshotRegistry.create(
                  store,
                  new SelfMetrics("bench", Runtime.version() + ""),
                  new ScrapeStats(Agent.Web.DEFAULT_MAX_REQUESTS))
              .scrape();
        }
      }
    } finally {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  @Benchmark
  public int write() throws IOException {
    buffer.reset();
    if (gzip) {
      try (GZIPOutputStream out = new GZIPOutputStream(buffer, 8192)) {
        writer.write(out, snapshots);
      }
    } else {
      writer.write(buffer, snapshots);
    }
    return buffer.size();
  }
}
