package io.github.storageagent.status;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.storageagent.json.JsonTree;
import io.github.storageagent.status.NodeStatus.Backups;
import io.github.storageagent.status.NodeStatus.CollectorRow;
import io.github.storageagent.status.NodeStatus.Datastore;
import io.github.storageagent.status.NodeStatus.Drive;
import io.github.storageagent.status.NodeStatus.Forecast;
import io.github.storageagent.status.NodeStatus.Guest;
import io.github.storageagent.status.NodeStatus.HistoryBounds;
import io.github.storageagent.status.NodeStatus.Job;
import io.github.storageagent.status.NodeStatus.Point;
import io.github.storageagent.status.NodeStatus.Pool;
import io.github.storageagent.status.NodeStatus.SelfTest;
import io.github.storageagent.status.NodeStatus.Target;
import io.github.storageagent.status.NodeStatus.Volume;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes a {@link NodeStatus} as the JSON of {@code /api/v1/status} (docs/status-api.schema.json)
 * with Jackson's streaming generator: every field in snake case, in the records' order, nulls
 * written as null, verdicts as their words, numbers as Java writes them. Written out by hand rather
 * than by databind: databind's some 450 classes would sit in every node's memory for this one
 * document. The output is, byte for byte, what databind wrote (StatusJsonTest holds the two side by
 * side); a field added to a record must be added here too, or the test fails.
 */
final class StatusJson {

  /** Writes one element of a list. */
  @FunctionalInterface
  private interface ElementWriter<T> {
    void write(JsonGenerator g, T element) throws IOException;
  }

  private StatusJson() {}

  static String write(NodeStatus status) {
    StringWriter out = new StringWriter(4096);
    try (JsonGenerator g = JsonTree.FACTORY.createGenerator(out)) {
      node(g, status);
    } catch (IOException e) {
      // a StringWriter does not fail; the generator only fails on misuse
      throw new UncheckedIOException("status not serializable", e);
    }
    return out.toString();
  }

  private static void node(JsonGenerator g, NodeStatus s) throws IOException {
    g.writeStartObject();
    g.writeStringField("version", s.version());
    g.writeNumberField("generated_at", s.generatedAt());
    verdict(g, "verdict", s.verdict());
    list(g, "drives", s.drives(), StatusJson::drive);
    list(g, "pools", s.pools(), StatusJson::pool);
    g.writeFieldName("backups");
    backups(g, s.backups());
    list(g, "collectors", s.collectors(), StatusJson::collector);
    g.writeFieldName("history");
    history(g, s.history());
    g.writeEndObject();
  }

  private static void drive(JsonGenerator g, Drive d) throws IOException {
    g.writeStartObject();
    g.writeStringField("device", d.device());
    g.writeStringField("serial", d.serial());
    g.writeStringField("model", d.model());
    g.writeStringField("protocol", d.protocol());
    g.writeStringField("type", d.type());
    number(g, "capacity_bytes", d.capacityBytes());
    g.writeBooleanField("active", d.active());
    verdict(g, "verdict", d.verdict());
    list(g, "reasons", d.reasons(), StatusJson::reason);
    number(g, "wear_ratio", d.wearRatio());
    number(g, "temperature_celsius", d.temperatureCelsius());
    number(g, "temperature_limit_celsius", d.temperatureLimitCelsius());
    number(g, "power_on_seconds", d.powerOnSeconds());
    number(g, "media_errors", d.mediaErrors());
    number(g, "available_spare_ratio", d.availableSpareRatio());
    g.writeFieldName("self_test");
    selfTest(g, d.selfTest());
    list(g, "temperature_history", d.temperatureHistory(), StatusJson::point);
    g.writeEndObject();
  }

  private static void selfTest(JsonGenerator g, SelfTest t) throws IOException {
    if (t == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("result", t.result());
    g.writeStringField("type", t.type());
    number(g, "age_seconds", t.ageSeconds());
    g.writeBooleanField("in_progress", t.inProgress());
    g.writeEndObject();
  }

  private static void pool(JsonGenerator g, Pool p) throws IOException {
    g.writeStartObject();
    g.writeStringField("vg", p.vg());
    g.writeStringField("pool", p.pool());
    g.writeStringField("health", p.health());
    verdict(g, "verdict", p.verdict());
    list(g, "reasons", p.reasons(), StatusJson::reason);
    number(g, "size_bytes", p.sizeBytes());
    number(g, "data_used_ratio", p.dataUsedRatio());
    number(g, "metadata_used_ratio", p.metadataUsedRatio());
    number(g, "provisioned_bytes", p.provisionedBytes());
    number(g, "overcommit_ratio", p.overcommitRatio());
    number(g, "vg_free_bytes", p.vgFreeBytes());
    g.writeFieldName("forecast");
    forecast(g, p.forecast());
    list(g, "data_history", p.dataHistory(), StatusJson::point);
    list(g, "metadata_history", p.metadataHistory(), StatusJson::point);
    list(g, "biggest_volumes", p.biggestVolumes(), StatusJson::volume);
    g.writeEndObject();
  }

  private static void forecast(JsonGenerator g, Forecast f) throws IOException {
    if (f == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeNumberField("window_seconds", f.windowSeconds());
    number(g, "rate_per_second", f.ratePerSecond());
    number(g, "seconds_to_full", f.secondsToFull());
    g.writeStringField("text", f.text());
    g.writeEndObject();
  }

  private static void volume(JsonGenerator g, Volume v) throws IOException {
    g.writeStartObject();
    g.writeStringField("lv", v.lv());
    g.writeStringField("vmid", v.vmid());
    g.writeNumberField("size_bytes", v.sizeBytes());
    number(g, "used_ratio", v.usedRatio());
    g.writeEndObject();
  }

  private static void backups(JsonGenerator g, Backups b) throws IOException {
    if (b == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    verdict(g, "verdict", b.verdict());
    list(g, "guests", b.guests(), StatusJson::guest);
    list(g, "datastores", b.datastores(), StatusJson::datastore);
    list(g, "jobs", b.jobs(), StatusJson::job);
    list(g, "targets", b.targets(), StatusJson::target);
    g.writeEndObject();
  }

  private static void guest(JsonGenerator g, Guest x) throws IOException {
    g.writeStartObject();
    g.writeStringField("source", x.source());
    g.writeStringField("backup_type", x.backupType());
    g.writeStringField("backup_id", x.backupId());
    g.writeStringField("where", x.where());
    verdict(g, "verdict", x.verdict());
    list(g, "reasons", x.reasons(), StatusJson::reason);
    number(g, "last_backup_age_seconds", x.lastBackupAgeSeconds());
    g.writeStringField("last_result", x.lastResult());
    g.writeStringField("verify", x.verify());
    number(g, "snapshots", x.snapshots());
    g.writeEndObject();
  }

  private static void datastore(JsonGenerator g, Datastore d) throws IOException {
    g.writeStartObject();
    g.writeStringField("target", d.target());
    g.writeStringField("datastore", d.datastore());
    g.writeBooleanField("up", d.up());
    verdict(g, "verdict", d.verdict());
    list(g, "reasons", d.reasons(), StatusJson::reason);
    number(g, "size_bytes", d.sizeBytes());
    number(g, "used_ratio", d.usedRatio());
    number(g, "estimated_full_at", d.estimatedFullAt());
    g.writeEndObject();
  }

  private static void job(JsonGenerator g, Job j) throws IOException {
    g.writeStartObject();
    g.writeStringField("source", j.source());
    g.writeStringField("target", j.target());
    g.writeStringField("job_type", j.jobType());
    g.writeStringField("job_id", j.jobId());
    g.writeStringField("datastore", j.datastore());
    verdict(g, "verdict", j.verdict());
    list(g, "reasons", j.reasons(), StatusJson::reason);
    number(g, "last_run_end_at", j.lastRunEndAt());
    number(g, "next_run_at", j.nextRunAt());
    g.writeEndObject();
  }

  private static void target(JsonGenerator g, Target t) throws IOException {
    g.writeStartObject();
    g.writeStringField("target", t.target());
    g.writeBooleanField("up", t.up());
    g.writeEndObject();
  }

  private static void collector(JsonGenerator g, CollectorRow c) throws IOException {
    g.writeStartObject();
    g.writeStringField("collector", c.collector());
    g.writeStringField("target", c.target());
    g.writeStringField("state", c.state());
    g.writeNumberField("interval_seconds", c.intervalSeconds());
    g.writeFieldName("last_success_at");
    if (c.lastSuccessAt() == null) {
      g.writeNull();
    } else {
      g.writeNumber(c.lastSuccessAt());
    }
    g.writeNumberField("errors_total", c.errorsTotal());
    g.writeStringField("last_error", c.lastError());
    g.writeEndObject();
  }

  private static void history(JsonGenerator g, HistoryBounds h) throws IOException {
    if (h == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeNumberField("step_seconds", h.stepSeconds());
    g.writeNumberField("retention_seconds", h.retentionSeconds());
    g.writeNumberField("series", h.series());
    g.writeEndObject();
  }

  private static void reason(JsonGenerator g, Reason r) throws IOException {
    g.writeStartObject();
    verdict(g, "verdict", r.verdict());
    g.writeStringField("alert", r.alert());
    g.writeStringField("text", r.text());
    g.writeEndObject();
  }

  private static void point(JsonGenerator g, Point p) throws IOException {
    g.writeStartObject();
    g.writeNumberField("t", p.t());
    g.writeNumberField("v", p.v());
    g.writeEndObject();
  }

  private static void verdict(JsonGenerator g, String name, Verdict v) throws IOException {
    g.writeStringField(name, v == null ? null : v.word());
  }

  /** A value the node may not report: null then, as the schema says. */
  private static void number(JsonGenerator g, String name, Double v) throws IOException {
    g.writeFieldName(name);
    if (v == null) {
      g.writeNull();
    } else {
      g.writeNumber(v.doubleValue());
    }
  }

  /** The records copy their lists with List.copyOf, so neither a list nor an element is null. */
  private static <T> void list(JsonGenerator g, String name, List<T> items, ElementWriter<T> each)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (T item : items) {
      each.write(g, item);
    }
    g.writeEndArray();
  }
}
