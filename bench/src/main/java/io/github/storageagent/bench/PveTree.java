package io.github.storageagent.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The node's backup state as pve-manager leaves it (the layout the agent's demo writes): {@code
 * jobs.cfg}, {@code jobs/vzdump-<id>.json}, and under {@code tasks/} the task {@code index}, {@code
 * active} and the vzdump task logs. A nightly job backs up every guest to the PBS; the last three
 * nights are in the index, the one before last with a warning.
 */
public final class PveTree {

  private static final String NODE = "pve-ref";
  private static final long DAY = 86_400;
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private PveTree() {}

  /** Writes the tree for {@code guests} (vmid to "is a container") under {@code root}. */
  public static void write(Path root, Map<Integer, Boolean> guests, Instant now)
      throws IOException {
    long lastNight = now.getEpochSecond() / DAY * DAY - DAY + 21 * 3600;
    if (lastNight + DAY < now.getEpochSecond() - 3 * 3600) {
      lastNight += DAY;
    }
    Files.createDirectories(root.resolve("jobs"));
    Files.createDirectories(root.resolve("tasks"));
    write(
        root.resolve("jobs.cfg"),
        """
        vzdump: backup-daily
        \tschedule 21:00
        \tall 1
        \tcompress zstd
        \tenabled 1
        \tmode snapshot
        \tnotes-template {{guestname}}
        \tstorage pbs-ref

        vzdump: backup-weekly-local
        \tschedule sat 05:00
        \tvmid 100,101
        \tenabled 0
        \tmode stop
        \tstorage local
        """);
    StringBuilder index = new StringBuilder();
    String newest = null;
    for (int night = 2; night >= 0; night--) {
      long start = lastNight - night * DAY;
      String upid = upid(start, 0x2A1F3 + night * 0x101, "vzdump", "");
      long end = writeLog(root, upid, start, guests, night == 1);
      index.append(upid).append(' ').append(hex8(end)).append(' ');
      index.append(night == 1 ? "WARNINGS: 1" : "OK").append('\n');
      // Other tasks a node logs between backups.
      index.append(upid(start + 4000, 0x3B000 + night, "vncproxy", "100")).append(' ');
      index.append(hex8(start + 4100)).append(" OK\n");
      newest = upid;
    }
    write(root.resolve("tasks/index"), index.toString());
    write(root.resolve("tasks/active"), "");
    write(
        root.resolve("jobs/vzdump-backup-daily.json"),
        "{\"config\":{\"enabled\":1,\"schedule\":\"21:00\"},\"msg\":\"OK\",\"state\":\"stopped\","
            + "\"upid\":\""
            + newest
            + "\"}");
  }

  private static long writeLog(
      Path root, String upid, long start, Map<Integer, Boolean> guests, boolean warn)
      throws IOException {
    StringBuilder log = new StringBuilder(guests.size() * 400);
    log.append(
        "INFO: starting new backup job: vzdump --all 1 --mode snapshot --storage pbs-ref"
            + " --notes-template '{{guestname}}' --compress zstd\n");
    long t = start + 2;
    boolean warned = false;
    for (Map.Entry<Integer, Boolean> g : guests.entrySet()) {
      int vmid = g.getKey();
      log.append("INFO: Starting Backup of VM ").append(vmid);
      log.append(g.getValue() ? " (lxc)\n" : " (qemu)\n");
      log.append("INFO: Backup started at ").append(LOG_TIME.format(Instant.ofEpochSecond(t)));
      log.append('\n').append("INFO: status = running\n");
      if (warn && !warned && !g.getValue()) {
        log.append("WARN: could not freeze guest filesystem (qemu-guest-agent not running)\n");
        warned = true;
      }
      log.append("INFO: creating Proxmox Backup Server archive '")
          .append(g.getValue() ? "ct/" : "vm/")
          .append(vmid)
          .append('/')
          .append(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(t)))
          .append("'\n");
      long took = 20 + vmid % 90;
      log.append("INFO: transferred 4.00 GiB in ").append(took).append(" seconds\n");
      t += took + 3;
      log.append("INFO: Finished Backup of VM ")
          .append(vmid)
          .append(String.format(Locale.ROOT, " (00:%02d:%02d)\n", took / 60, took % 60));
      log.append("INFO: Backup finished at ").append(LOG_TIME.format(Instant.ofEpochSecond(t)));
      log.append('\n');
    }
    log.append("INFO: Backup job finished successfully\n");
    log.append(warn ? "TASK WARNINGS: 1\n" : "TASK OK\n");
    String dir = hex8(start).substring(7);
    write(root.resolve("tasks").resolve(dir).resolve(upid), log.toString());
    return t;
  }

  private static String upid(long start, long pid, String type, String id) {
    return String.format(
        Locale.ROOT,
        "UPID:%s:%08X:%08X:%08X:%s:%s:root@pam:",
        NODE,
        pid,
        0x5F3A21 + pid,
        start,
        type,
        id);
  }

  private static String hex8(long v) {
    return String.format(Locale.ROOT, "%08X", v);
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
