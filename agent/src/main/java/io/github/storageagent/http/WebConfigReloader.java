package io.github.storageagent.http;

import io.github.storageagent.config.ConfigException;
import io.github.storageagent.config.SmallFile;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the web config when it or a file it names changes, as exporter-toolkit does, so that a
 * rotated certificate or a new user needs no restart. A change that does not load (bad YAML, a key
 * that does not match its certificate) is refused with a log line and the last good config keeps
 * serving. Files are compared by content, so a certificate renewed into the same path by a rename
 * or a copy is seen either way.
 */
final class WebConfigReloader implements AutoCloseable {

  static final long PERIOD_MILLIS = 2_000;

  private static final Logger log = LoggerFactory.getLogger(WebConfigReloader.class);

  private final Path file;
  private final AccessHandler access;
  private final ServerTls tls;
  private final WebConfigStatus status;
  private final BasicAuthFactory auth;
  private final Clock clock;

  /** The agent's one timer: a look at a few small files every 2 s needs no thread of its own. */
  private final ScheduledExecutorService timer;

  private ScheduledFuture<?> checks;
  private List<Path> watched;
  private byte[] fingerprint;
  private String lastError;

  /** Makes the basic auth of a newly loaded config (sharing the remembered outcomes). */
  interface BasicAuthFactory {
    BasicAuth create(LoadedWebConfig config);
  }

  WebConfigReloader(
      LoadedWebConfig initial,
      AccessHandler access,
      ServerTls tls,
      WebConfigStatus status,
      BasicAuthFactory auth,
      Clock clock,
      ScheduledExecutorService timer) {
    this.file = initial.file();
    this.access = access;
    this.tls = tls;
    this.status = status;
    this.auth = auth;
    this.clock = clock;
    this.watched = initial.watchedFiles();
    this.fingerprint = fingerprint(watched);
    this.timer = timer;
  }

  void start() {
    checks =
        timer.scheduleWithFixedDelay(
            this::checkSafely, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void checkSafely() {
    try {
      check();
    } catch (RuntimeException e) {
      refuse("unexpected " + e);
    }
  }

  /** One look at the files; loads and applies them if their content changed. */
  void check() {
    byte[] now = fingerprint(watched);
    if (Arrays.equals(now, fingerprint)) {
      return;
    }
    fingerprint = now;
    LoadedWebConfig loaded;
    try {
      loaded = LoadedWebConfig.load(file);
    } catch (ConfigException e) {
      refuse(e.getMessage());
      return;
    }
    // Watch what the new file names from now on, even if it cannot be applied.
    watched = loaded.watchedFiles();
    fingerprint = fingerprint(watched);
    if (loaded.tls().isPresent() != (tls != null)) {
      refuse(
          file
              + ": switching TLS "
              + (tls == null ? "on" : "off")
              + " needs a restart of the agent (the listening socket is set up at start)");
      return;
    }
    try {
      if (tls != null) {
        tls.replace(loaded.config().tls().orElseThrow(), loaded.tls().orElseThrow());
      }
    } catch (Exception e) {
      refuse(file + ": cannot apply the new TLS settings: " + e.getMessage());
      return;
    }
    access.replace(AccessHandler.Rules.of(loaded.config(), auth.create(loaded)));
    status.succeeded(clock.millis());
    lastError = null;
    log.info("web config reloaded from {}: {}", file, loaded.summary());
    loaded.warnings(clock.instant()).forEach(w -> log.warn("web config: {}", w));
  }

  private void refuse(String message) {
    status.failed();
    if (!message.equals(lastError)) {
      log.error("web config not reloaded, the last good one still serves: {}", message);
      lastError = message;
    }
  }

  /** A digest of the files' contents; a missing or unreadable file counts as its own state. */
  private static byte[] fingerprint(List<Path> files) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path f : files) {
        sha.update(f.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
          sha.update((byte) 1);
          sha.update(SmallFile.read(f));
        } catch (IOException e) {
          sha.update((byte) 0);
        }
      }
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public void close() {
    if (checks != null) {
      checks.cancel(false);
    }
  }
}
