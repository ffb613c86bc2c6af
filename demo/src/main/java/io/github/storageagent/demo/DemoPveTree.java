package io.github.storageagent.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Writes a Proxmox VE node's backup state as pve-manager leaves it: job state files under {@code
 * jobs/}, {@code jobs.cfg} with schedules, and under {@code tasks/} the task index and the vzdump
 * task logs. The nightly job {@code backup-daily} ended with {@code job errors} (VM 104 failed);
 * the weekly job was fine.
 */
final class DemoPveTree {

  private static final String NODE = "pve-demo";
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private DemoPveTree() {}

  static void write(Path root, Instant now) throws IOException {
    long day = 86_400;
    long lastNight = now.getEpochSecond() / day * day - day + 21 * 3600; // yesterday 21:00 UTC
    if (lastNight + day < now.getEpochSecond() - 3 * 3600) {
      lastNight += day;
    }
    long weekly = lastNight - 3 * day - 16 * 3600; // some days ago, 05:00
    Files.createDirectories(root.resolve("jobs"));
    Files.createDirectories(root.resolve("tasks"));

    String daily = upid(lastNight, 0x2A1F3);
    String dailyBefore = upid(lastNight - day, 0x29F02);
    String weeklyUpid = upid(weekly, 0x1B442);
    long dailyEnd = lastNight + 1260;
    long dailyBeforeEnd = lastNight - day + 1190;
    long weeklyEnd = weekly + 2400;

    writeFile(
        root.resolve("jobs.cfg"),
        """
        vzdump: backup-daily
        \tschedule 21:00
        \tall 1
        \tcompress zstd
        \tenabled 1
        \tmode snapshot
        \tnotes-template {{guestname}}
        \tstorage pbs-main

        vzdump: backup-weekly
        \tschedule sat 05:00
        \tvmid 200,201
        \tenabled 1
        \tmode stop
        \tstorage local
        """);
    writeFile(
        root.resolve("jobs/vzdump-backup-daily.json"),
        "{\"config\":{\"enabled\":1,\"schedule\":\"21:00\"},\"msg\":\"job errors\",\"state\":\"stopped\",\"upid\":\""
            + daily
            + "\"}");
    writeFile(
        root.resolve("jobs/vzdump-backup-weekly.json"),
        "{\"config\":{\"enabled\":1,\"schedule\":\"sat 05:00\"},\"msg\":\"OK\",\"state\":\"stopped\",\"upid\":\""
            + weeklyUpid
            + "\"}");
    writeFile(
        root.resolve("tasks/index"),
        line(weeklyUpid, weeklyEnd, "OK")
            + line(upid(weekly + 2500, 0x1B501, "vncproxy", "100", "root@pam"), weekly + 2600, "OK")
            + line(dailyBefore, dailyBeforeEnd, "WARNINGS: 1")
            + line(daily, dailyEnd, "job errors"));
    writeFile(root.resolve("tasks/active"), "");

    writeLog(
        root,
        dailyBefore,
        lastNight - day,
        new String[][] {
          {"100", "qemu", "ok"},
          {"101", "qemu", "ok"},
          {"104", "qemu", "ok"},
          {"200", "lxc", "warn"}
        },
        "TASK WARNINGS: 1");
    writeLog(
        root,
        daily,
        lastNight,
        new String[][] {
          {"100", "qemu", "ok"},
          {"101", "qemu", "ok"},
          {"104", "qemu", "fail"},
          {"200", "lxc", "ok"}
        },
        "TASK ERROR: job errors");
    writeLog(
        root,
        weeklyUpid,
        weekly,
        new String[][] {{"200", "lxc", "ok"}, {"201", "lxc", "ok"}},
        "TASK OK");
  }

  private static void writeLog(Path root, String upid, long start, String[][] guests, String last)
      throws IOException {
    StringBuilder log = new StringBuilder();
    log.append(
        "INFO: starting new backup job: vzdump --all 1 --mode snapshot --storage pbs-main\n");
    long t = start + 2;
    boolean errors = false;
    for (String[] g : guests) {
      String vmid = g[0];
      log.append("INFO: Starting Backup of VM ")
          .append(vmid)
          .append(" (")
          .append(g[1])
          .append(")\n");
      log.append("INFO: Backup started at ")
          .append(LOG_TIME.format(Instant.ofEpochSecond(t)))
          .append('\n');
      log.append("INFO: status = running\n");
      if (g[2].equals("fail")) {
        log.append("INFO: creating Proxmox Backup Server archive 'vm/")
            .append(vmid)
            .append("/...'\n");
        log.append("ERROR: VM ")
            .append(vmid)
            .append(" qmp command 'backup' failed - got timeout\n");
        log.append("INFO: aborting backup job\n");
        log.append("ERROR: Backup of VM ")
            .append(vmid)
            .append(" failed - VM ")
            .append(vmid)
            .append(" qmp command 'backup' failed - got timeout\n");
        errors = true;
        t += 95;
        continue;
      }
      if (g[2].equals("warn")) {
        log.append("WARN: could not freeze guest filesystem (qemu-guest-agent not running)\n");
      }
      log.append("INFO: transferred 32.00 GiB in 241 seconds (136.0 MiB/s)\n");
      t += 250;
      log.append("INFO: Finished Backup of VM ").append(vmid).append(" (00:04:10)\n");
      log.append("INFO: Backup finished at ")
          .append(LOG_TIME.format(Instant.ofEpochSecond(t)))
          .append('\n');
    }
    log.append(
        errors
            ? "INFO: Backup job finished with errors\n"
            : "INFO: Backup job finished successfully\n");
    log.append(last).append('\n');
    String dir = String.format("%08X", start).substring(7);
    writeFile(root.resolve("tasks").resolve(dir).resolve(upid), log.toString());
  }

  private static String upid(long start, long pid) {
    return upid(start, pid, "vzdump", "", "root@pam");
  }

  private static String upid(long start, long pid, String type, String id, String user) {
    return String.format(
        "UPID:%s:%08X:%08X:%08X:%s:%s:%s:", NODE, pid, 0x5F3A21 + pid, start, type, id, user);
  }

  private static String line(String upid, long end, String status) {
    return upid + " " + String.format("%08X", end) + " " + status + "\n";
  }

  private static void writeFile(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
