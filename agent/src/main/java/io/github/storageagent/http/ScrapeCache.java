package io.github.storageagent.http;

import io.github.storageagent.collect.SnapshotStore;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * Encodes each exposition format at most once per store change and hands every scraper the same
 * bytes. Snapshots change at most about once a second while scrapers may come hundreds of times a
 * second, so encoding per request would spend the node's CPU and heap on identical copies.
 */
final class ScrapeCache {

  /** One way of encoding a scrape: what the request's Accept and Accept-Encoding asked for. */
  record Format(ExpositionFormatWriter writer, EscapingScheme escaping, boolean gzip) {}

  /** What the store held at one version, and its encodings so far. */
  static final class Generation {
    private final long version;
    private final Instant validUntil;
    private final MetricSnapshots snapshots;
    private final Map<Format, ByteBuffer> encoded = new ConcurrentHashMap<>();

    private Generation(long version, Instant validUntil, MetricSnapshots snapshots) {
      this.version = version;
      this.validUntil = validUntil;
      this.snapshots = snapshots;
    }

    MetricSnapshots snapshots() {
      return snapshots;
    }

    /**
     * The encoded body, read-only and positioned at 0; encoded by the first caller that needs it.
     */
    ByteBuffer body(Format format) {
      return encoded
          .computeIfAbsent(format, f -> ByteBuffer.wrap(encode(f, snapshots)).asReadOnlyBuffer())
          .duplicate();
    }
  }

  private final SnapshotStore store;
  private final Supplier<MetricSnapshots> source;
  private volatile Generation current;

  ScrapeCache(SnapshotStore store, Supplier<MetricSnapshots> source) {
    this.store = store;
    this.source = source;
  }

  /** The generation for the store as it is now, rebuilt only if the store changed since. */
  Generation current() {
    Generation g = current;
    if (g != null && fresh(g)) {
      return g;
    }
    synchronized (this) {
      g = current;
      if (g == null || !fresh(g)) {
        // Read the version before collecting: a change during collect() makes the next call
        // rebuild.
        long version = store.version();
        Instant now = store.clock().instant();
        g = new Generation(version, store.servableUntil(now), source.get());
        current = g;
      }
      return g;
    }
  }

  private boolean fresh(Generation g) {
    return g.version == store.version() && !store.clock().instant().isAfter(g.validUntil);
  }

  /** Encodes {@code snapshots} in {@code format} into a heap array (for filtered scrapes). */
  static byte[] encode(Format format, MetricSnapshots snapshots) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    try {
      if (format.gzip()) {
        try (OutputStream gzip = new GZIPOutputStream(bytes, 8192)) {
          format.writer().write(gzip, snapshots, format.escaping());
        }
      } else {
        format.writer().write(bytes, snapshots, format.escaping());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("encoding a scrape in memory failed", e);
    }
    return bytes.toByteArray();
  }
}
