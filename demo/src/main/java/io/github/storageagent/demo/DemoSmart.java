package io.github.storageagent.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

/**
 * The demo node's SMART side: a stand-in {@code smartctl} in {@code <root>/bin} that prints the
 * project's JSON from {@code <root>/data/smartctl}, so the agent's normal SMART code path reads it.
 * Devices: a healthy NVMe (nvme0), one worn to 85 % (nvme1), one whose media errors keep rising
 * (nvme2), a SATA HDD with pending sectors, a populated error log, a passed self-test and device
 * statistics (sda, exit 64), and a SATA HDD in standby (sdb) that is only "woken" by a read without
 * {@code --nocheck=standby|idle}.
 */
final class DemoSmart {

  /** Exit status each device's read ends with, as smartctl would. */
  private static final Map<String, Integer> EXITS =
      Map.of("nvme0", 0, "nvme1", 0, "nvme2", 0, "sda", 64, "sdb", 0);

  /** nvme2 gains one media error (and error-log entry) per this much demo time. */
  static final Duration MEDIA_ERROR_EVERY = Duration.ofMinutes(1);

  private static final long NVME2_BASE_ERRORS = 14;

  // POSIX sh, no bashisms: the demo must run wherever the agent's jar runs.
  private static final String SCRIPT =
      """
      #!/bin/sh
      # storage-agent demo node: a stand-in for smartctl that prints the demo's SMART data.
      data="$(dirname "$0")/../data/smartctl"
      last=""
      for a in "$@"; do last="$a"; done
      case " $* " in
        *" --version "*) cat "$data/version.txt"; exit 0 ;;
        *" --scan-open "*) cat "$data/scan.json"; exit 0 ;;
      esac
      dev=$(basename "$last")
      [ -f "$data/$dev.json" ] || { echo "Smartctl open device: $last failed: No such device" >&2; exit 2; }
      if [ -f "$data/$dev.standby.json" ]; then
        case " $* " in
          *" --nocheck=standby "*|*" --nocheck=idle "*) cat "$data/$dev.standby.json"; exit 2 ;;
        esac
        # A real disk would spin up here; the demo keeps count.
        echo woken >> "$data/$dev.woken"
      fi
      cat "$data/$dev.json"
      exit "$(cat "$data/$dev.exit")"
      """;

  private final JsonFactory json = new JsonFactory();
  private final Path bin;
  private final Path data;
  private final long startedNanos = System.nanoTime();
  private long writtenErrors = -1;

  DemoSmart(Path root) throws IOException {
    this.bin = root.resolve("bin");
    this.data = root.resolve("data/smartctl");
    Files.createDirectories(bin);
    Files.createDirectories(data);
    for (String device : EXITS.keySet()) {
      if (!device.equals("nvme2")) {
        write(data.resolve(device + ".json"), resource(device + ".json"));
      }
      write(data.resolve(device + ".exit"), EXITS.get(device) + "\n");
    }
    write(data.resolve("sdb.standby.json"), resource("sdb-standby.json"));
    write(data.resolve("scan.json"), resource("scan.json"));
    write(
        data.resolve("version.txt"),
        "smartctl 7.3 2022-02-28 r5338 [x86_64-linux-6.8.12-4-pve] (local build)\n"
            + "Copyright (C) 2002-22, Bruce Allen, Christian Franke, www.smartmontools.org\n");
    tick();
    Path script = bin.resolve("smartctl");
    write(script, SCRIPT);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Where the stand-in smartctl lives; put it first on the agent's search path. */
  Path bin() {
    return bin;
  }

  /** Advances nvme2's media errors with demo time; rewrites its JSON only when they change. */
  void tick() {
    long minutes =
        Duration.ofNanos(System.nanoTime() - startedNanos).toMillis()
            / MEDIA_ERROR_EVERY.toMillis();
    long errors = NVME2_BASE_ERRORS + minutes;
    if (errors == writtenErrors) {
      return;
    }
    try {
      write(data.resolve("nvme2.json"), withMediaErrors(resource("nvme2.json"), errors));
      writtenErrors = errors;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The smartctl report with the NVMe health log's media and error-log counts set to {@code
   * errors}; everything else copied as it is (streamed: the agent's jar carries no databind).
   */
  private String withMediaErrors(String report, long errors) throws IOException {
    StringWriter out = new StringWriter(report.length());
    try (JsonParser in = json.createParser(report);
        JsonGenerator gen = json.createGenerator(out).useDefaultPrettyPrinter()) {
      int depth = 0;
      boolean inHealthLog = false;
      for (JsonToken t = in.nextToken(); t != null; t = in.nextToken()) {
        if (t == JsonToken.FIELD_NAME) {
          String name = in.currentName();
          if (depth == 1) {
            inHealthLog = name.equals("nvme_smart_health_information_log");
          } else if (depth == 2
              && inHealthLog
              && (name.equals("media_errors") || name.equals("num_err_log_entries"))) {
            gen.writeNumberField(name, errors);
            in.nextToken();
            in.skipChildren();
            continue;
          }
        } else if (t.isStructStart()) {
          depth++;
        } else if (t.isStructEnd()) {
          depth--;
        }
        gen.copyCurrentEvent(in);
      }
    }
    return out.toString();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = DemoSmart.class.getResourceAsStream("/demo/smartctl/" + name)) {
      if (in == null) {
        throw new IOException("demo resource /demo/smartctl/" + name + " missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Write-then-rename, so the stand-in smartctl never prints a half-written file. */
  private static void write(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
