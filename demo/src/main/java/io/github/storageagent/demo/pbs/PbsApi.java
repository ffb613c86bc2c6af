package io.github.storageagent.demo.pbs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import io.github.storageagent.demo.pbs.PbsScenario.Group;
import io.github.storageagent.demo.pbs.PbsScenario.Job;
import io.github.storageagent.demo.pbs.PbsScenario.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The PBS API endpoints the agent reads, answering from a {@link PbsScenario} in the shapes of the
 * reference (kebab-case keys, {@code {"data": ...}}, snake_case task list, systemd-escaped UPIDs).
 * Long lists are streamed.
 */
final class PbsApi {

  private static final JsonFactory JSON = new JsonFactory();
  private static final Pattern STORE_PATH =
      Pattern.compile("^/admin/datastore/([^/]+)(?:/(status|namespace|groups|snapshots|gc))?$");
  private static final String NODE = "pbs-sim";

  private final PbsScenario scenario;
  private final Consumer<String> count;

  PbsApi(PbsScenario scenario, Consumer<String> count) {
    this.scenario = scenario;
    this.count = count;
  }

  void answer(HttpExchange ex, String path, Map<String, String> q) throws IOException {
    Matcher m = STORE_PATH.matcher(path);
    if (m.matches()) {
      count.accept("/admin/datastore/{store}/" + (m.group(2) == null ? "" : m.group(2)));
      Store store = store(m.group(1));
      if (store == null) {
        PbsSimulator.error(ex, 404, "datastore '" + m.group(1) + "' does not exist");
        return;
      }
      if (!store.mounted()) {
        PbsSimulator.error(ex, 400, "datastore '" + store.name() + "' is not mounted");
        return;
      }
      if (store.maintenanceBlocksReads()) {
        PbsSimulator.error(ex, 400, maintenanceError(store));
        return;
      }
      if (store.error() != null) {
        PbsSimulator.error(ex, 500, store.error());
        return;
      }
      String sub = m.group(2) == null ? "" : m.group(2);
      switch (sub) {
        case "status" -> stream(ex, g -> storeStatus(g, store));
        case "namespace" -> stream(ex, g -> namespaces(g, store));
        case "groups" -> stream(ex, g -> groups(g, store, q.getOrDefault("ns", "")));
        case "snapshots" -> stream(ex, g -> snapshots(g, store, q));
        case "gc" -> stream(ex, g -> gc(g, store));
        default -> PbsSimulator.error(ex, 404, "Path '" + path + "' not found.");
      }
      return;
    }
    count.accept(path);
    switch (path) {
      case "/version" -> stream(ex, this::version);
      case "/admin/datastore" -> stream(ex, this::datastores);
      case "/status/datastore-usage" -> stream(ex, this::usage);
      case "/admin/gc" -> stream(ex, this::allGc);
      case "/admin/verify" -> stream(ex, g -> jobs(g, "verify"));
      case "/admin/sync" -> stream(ex, g -> jobs(g, "sync"));
      case "/admin/prune" -> stream(ex, g -> jobs(g, "prune"));
      case "/nodes/localhost/tasks" -> stream(ex, g -> tasks(g, q));
      case "/nodes/localhost/status" -> stream(ex, this::nodeStatus);
      case "/access/permissions" -> stream(ex, this::permissions);
      default -> PbsSimulator.error(ex, 404, "Path '" + path + "' not found.");
    }
  }

  /** Writes {@code {"data": <body>}}. */
  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static void stream(HttpExchange ex, Body body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
    ex.sendResponseHeaders(200, 0); // chunked
    try (OutputStream out = ex.getResponseBody();
        JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeFieldName("data");
      body.write(g);
      g.writeEndObject();
    }
  }

  private Store store(String name) {
    return scenario.stores().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }

  private void version(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("version", "3.4");
    g.writeStringField("release", "1");
    g.writeStringField("repoid", "simulator");
    g.writeEndObject();
  }

  private void datastores(JsonGenerator g) throws IOException {
    g.writeStartArray();
    for (Store s : scenario.stores()) {
      g.writeStartObject();
      g.writeStringField("store", s.name());
      g.writeStringField("comment", s.name().equals("main") ? "primary backup target" : "");
      g.writeStringField("mount-status", s.mountStatus());
      if (s.maintenance() != null) {
        g.writeStringField("maintenance", "type=" + s.maintenance() + ",message=simulated");
      }
      g.writeStringField("backend-type", s.backend());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private void usage(JsonGenerator g) throws IOException {
    g.writeStartArray();
    for (Store s : scenario.stores()) {
      g.writeStartObject();
      g.writeStringField("store", s.name());
      g.writeStringField("mount-status", s.mountStatus());
      g.writeStringField("backend-type", s.backend());
      if (s.error() != null) {
        g.writeStringField("error", s.error());
      } else if (s.mounted() && s.maintenanceBlocksReads()) {
        g.writeStringField("error", maintenanceError(s));
      } else if (s.mounted()) {
        g.writeNumberField("total", s.total());
        g.writeNumberField("used", s.used());
        g.writeNumberField("avail", s.total() - s.used());
        g.writeArrayFieldStart("history");
        double ratio = (double) s.used() / s.total();
        for (int i = 0; i < 8; i++) {
          g.writeNumber(ratio - 0.005 * (7 - i));
        }
        g.writeEndArray();
        g.writeNumberField(
            "history-start", PbsScenario.lastNight(java.time.Instant.now()) - 7 * 86400);
        g.writeNumberField("history-delta", 86400);
        if (s.estimatedFull() != null) {
          g.writeNumberField("estimated-full-date", s.estimatedFull());
        }
        g.writeFieldName("gc-status");
        gcObject(g, s);
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private void storeStatus(JsonGenerator g, Store s) throws IOException {
    g.writeStartObject();
    g.writeNumberField("total", s.total());
    g.writeNumberField("used", s.used());
    g.writeNumberField("avail", s.total() - s.used());
    g.writeFieldName("gc-status");
    gcObject(g, s);
    g.writeStringField("backend-type", s.backend());
    if (s.backend().equals("s3")) {
      // Counters that grow with what the store holds, so runs of the simulator agree.
      long chunks = s.used() / (4L * 1024 * 1024);
      g.writeObjectFieldStart("s3-statistics");
      g.writeNumberField("downloaded", s.used() / 50);
      g.writeNumberField("uploaded", s.used());
      g.writeNumberField("get", chunks / 50);
      g.writeNumberField("post", 12);
      g.writeNumberField("put", chunks);
      g.writeNumberField("head", chunks * 2);
      g.writeNumberField("delete", 0);
      g.writeEndObject();
    }
    g.writeObjectFieldStart("counts");
    for (String type : List.of("vm", "ct", "host")) {
      long groups = s.groups().stream().filter(x -> x.type().equals(type)).count();
      long snaps =
          s.groups().stream().filter(x -> x.type().equals(type)).mapToLong(Group::snapshots).sum();
      if (groups > 0) {
        g.writeObjectFieldStart(type);
        g.writeNumberField("groups", groups);
        g.writeNumberField("snapshots", snaps);
        g.writeEndObject();
      }
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  /** PBS's own wording for a read refused by maintenance mode. */
  private static String maintenanceError(Store s) {
    return s.maintenance() + " maintenance mode: simulated";
  }

  private void namespaces(JsonGenerator g, Store s) throws IOException {
    g.writeStartArray();
    g.writeStartObject();
    g.writeStringField("ns", "");
    g.writeEndObject();
    for (String ns : s.namespaces()) {
      g.writeStartObject();
      g.writeStringField("ns", ns);
      g.writeStringField("comment", "namespace " + ns);
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private void groups(JsonGenerator g, Store s, String ns) throws IOException {
    g.writeStartArray();
    for (Group x : s.groups()) {
      if (!x.namespace().equals(ns) || x.snapshots() == 0) {
        continue;
      }
      g.writeStartObject();
      g.writeStringField("backup-type", x.type());
      g.writeStringField("backup-id", x.id());
      g.writeNumberField("last-backup", x.newest());
      g.writeNumberField("backup-count", x.snapshots());
      files(g, x);
      g.writeStringField("owner", "sync@pbs!pve-cluster");
      if (x.comment() != null) {
        g.writeStringField("comment", x.comment());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private void snapshots(JsonGenerator g, Store s, Map<String, String> q) throws IOException {
    String ns = q.getOrDefault("ns", "");
    String type = q.get("backup-type");
    String id = q.get("backup-id");
    g.writeStartArray();
    for (Group x : s.groups()) {
      if (!x.namespace().equals(ns)
          || (type != null && !x.type().equals(type))
          || (id != null && !x.id().equals(id))) {
        continue;
      }
      // PBS lists oldest first
      for (int i = x.snapshots() - 1; i >= 0; i--) {
        long time = x.newest() - i * x.spacing();
        g.writeStartObject();
        g.writeStringField("backup-type", x.type());
        g.writeStringField("backup-id", x.id());
        g.writeNumberField("backup-time", time);
        if (x.comment() != null) {
          g.writeStringField("comment", x.comment());
        }
        files(g, x);
        g.writeStringField("owner", "sync@pbs!pve-cluster");
        g.writeBooleanField("protected", false);
        g.writeNumberField("size", 34_359_739_269L + (time % 1000));
        String state = i == 0 ? x.newestVerify() : x.olderVerify();
        if (state != null) {
          g.writeObjectFieldStart("verification");
          g.writeStringField("state", state);
          g.writeStringField(
              "upid", upid(time + 7200, "verificationjob", s.name() + ":v-" + s.name() + "-daily"));
          g.writeEndObject();
        }
        g.writeEndObject();
      }
    }
    g.writeEndArray();
  }

  private static void files(JsonGenerator g, Group x) throws IOException {
    g.writeArrayFieldStart("files");
    if (x.type().equals("host")) {
      g.writeString("root.pxar.didx");
    } else {
      g.writeString(x.type().equals("vm") ? "qemu-server.conf.blob" : "pct.conf.blob");
      g.writeString(x.type().equals("vm") ? "drive-scsi0.img.fidx" : "root.pxar.didx");
    }
    g.writeString("index.json.blob");
    g.writeEndArray();
  }

  private void gc(JsonGenerator g, Store s) throws IOException {
    gcObject(g, s);
  }

  private void allGc(JsonGenerator g) throws IOException {
    g.writeStartArray();
    for (Store s : scenario.stores()) {
      if (s.mounted() && s.error() == null && !s.maintenanceBlocksReads()) {
        gcObject(g, s);
      }
    }
    g.writeEndArray();
  }

  private void gcObject(JsonGenerator g, Store s) throws IOException {
    var gc = s.gc();
    g.writeStartObject();
    g.writeStringField("store", s.name());
    g.writeStringField("upid", upid(gc.lastRunEnd() - 900, "garbage_collection", s.name()));
    g.writeNumberField(
        "index-file-count", s.groups().stream().mapToLong(Group::snapshots).sum() * 2);
    g.writeNumberField("index-data-bytes", gc.indexDataBytes());
    g.writeNumberField("disk-bytes", gc.diskBytes());
    g.writeNumberField("disk-chunks", gc.diskBytes() / (4 * 1024 * 1024));
    g.writeNumberField("removed-bytes", gc.pendingBytes() / 3);
    g.writeNumberField("removed-chunks", gc.pendingBytes() / 3 / (4 * 1024 * 1024));
    g.writeNumberField("pending-bytes", gc.pendingBytes());
    g.writeNumberField("pending-chunks", gc.pendingBytes() / (4 * 1024 * 1024));
    g.writeNumberField("removed-bad", 0);
    g.writeNumberField("still-bad", 0);
    g.writeStringField("schedule", gc.schedule());
    g.writeNumberField("next-run", gc.nextRun());
    g.writeNumberField("last-run-endtime", gc.lastRunEnd());
    g.writeStringField("last-run-state", gc.lastRunState());
    g.writeNumberField("duration", 900);
    g.writeEndObject();
  }

  private void jobs(JsonGenerator g, String type) throws IOException {
    g.writeStartArray();
    for (Job j : scenario.jobs()) {
      if (!j.type().equals(type)) {
        continue;
      }
      g.writeStartObject();
      g.writeStringField("id", j.id());
      g.writeStringField("store", j.store());
      if (!j.ns().isEmpty()) {
        g.writeStringField("ns", j.ns());
      }
      if (type.equals("sync")) {
        g.writeStringField("remote", "pbs-offsite");
        g.writeStringField("remote-store", "main");
        g.writeBooleanField("remove-vanished", false);
      }
      if (type.equals("verify")) {
        g.writeBooleanField("ignore-verified", true);
        g.writeNumberField("outdated-after", 30);
      }
      if (type.equals("prune")) {
        g.writeNumberField("keep-daily", 14);
        g.writeNumberField("keep-weekly", 8);
      }
      if (j.schedule() != null) {
        g.writeStringField("schedule", j.schedule());
      }
      if (j.nextRun() != null) {
        g.writeNumberField("next-run", j.nextRun());
      }
      if (j.lastRunEnd() != null) {
        String worker =
            switch (type) {
              case "verify" -> "verificationjob";
              case "sync" -> "syncjob";
              default -> "prunejob";
            };
        g.writeStringField(
            "last-run-upid", upid(j.lastRunEnd() - 600, worker, j.store() + ":" + j.id()));
        g.writeStringField("last-run-state", j.lastRunState());
        g.writeNumberField("last-run-endtime", j.lastRunEnd());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private void tasks(JsonGenerator g, Map<String, String> q) throws IOException {
    long since = parseLong(q.get("since"), 0);
    String typefilter = q.getOrDefault("typefilter", "");
    long limit = parseLong(q.get("limit"), 50);
    record Task(long start, long end, String type, String workerId, String status) {}
    List<Task> all = new ArrayList<>();
    for (Store s : scenario.stores()) {
      for (Group x : s.groups()) {
        String worker = s.name() + ":" + x.type() + "/" + x.id();
        all.add(new Task(x.newest() - 5, x.newest() + 95, "backup", worker, "OK"));
        if (x.lastTaskFailed()) {
          long failedAt = x.newest() + 2 * 86400;
          all.add(
              new Task(
                  failedAt,
                  failedAt + 40,
                  "backup",
                  worker,
                  "backup close image failed: command error: broken pipe"));
        }
      }
      all.add(
          new Task(
              s.gc().lastRunEnd() - 900,
              s.gc().lastRunEnd(),
              "garbage_collection",
              s.name(),
              "OK"));
    }
    all.add(new Task(0, 0, "tape-backup-job", "tape:weekly", "OK"));
    all.sort(Comparator.comparingLong(Task::start).reversed());
    g.writeStartArray();
    long written = 0;
    for (Task t : all) {
      if (t.start() < since || !t.type().contains(typefilter)) {
        continue;
      }
      if (limit > 0 && written >= limit) {
        break;
      }
      written++;
      String upid = upid(t.start(), t.type(), t.workerId());
      g.writeStartObject();
      g.writeStringField("upid", upid);
      g.writeStringField("node", NODE);
      g.writeNumberField("pid", pid(t.workerId()));
      g.writeNumberField("pstart", 33455);
      g.writeNumberField("starttime", t.start());
      g.writeStringField("worker_type", t.type());
      g.writeStringField("worker_id", t.workerId());
      g.writeStringField("user", "sync@pbs!pve-cluster");
      g.writeNumberField("endtime", t.end());
      g.writeStringField("status", t.status());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private void nodeStatus(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("info");
    g.writeStringField("fingerprint", "see-simulator");
    g.writeEndObject();
    g.writeNumberField("cpu", 0.03);
    g.writeEndObject();
  }

  private void permissions(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("/datastore");
    g.writeNumberField("Datastore.Audit", 1);
    g.writeEndObject();
    g.writeObjectFieldStart("/system/tasks");
    g.writeNumberField("Sys.Audit", 1);
    g.writeEndObject();
    g.writeEndObject();
  }

  /** A PBS UPID with the worker id systemd-escaped, as PBS writes it. */
  static String upid(long start, String type, String workerId) {
    return String.format(
        "UPID:%s:%08X:%08X:%08X:%08X:%s:%s:%s:",
        NODE, pid(workerId), 33455, 1, start, type, escape(workerId), "root@pam");
  }

  /** systemd's path escaping as PBS applies it to worker ids. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '/') {
        out.append('-');
      } else if (Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '.') {
        out.append(c);
      } else {
        out.append(String.format("\\x%02x", (int) c));
      }
    }
    return out.toString();
  }

  private static long pid(String seed) {
    CRC32 crc = new CRC32();
    crc.update(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return 1000 + crc.getValue() % 60000;
  }

  private static long parseLong(String s, long fallback) {
    try {
      return s == null ? fallback : Long.parseLong(s);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
