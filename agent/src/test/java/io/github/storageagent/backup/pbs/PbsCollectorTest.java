package io.github.storageagent.backup.pbs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.config.PbsTargetConfig;
import io.github.storageagent.demo.pbs.PbsScenario;
import io.github.storageagent.demo.pbs.PbsSimulator;
import io.github.storageagent.demo.pbs.PbsSimulator.Fault;
import io.github.storageagent.testing.Exposition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pbs collector against the in-process simulator: families, isolation, rate limits. */
class PbsCollectorTest {

  static final String TOKEN = "monitor@pbs!storage-agent";
  static final String SECRET = "5e2b7d1a-3c4f-4a8b-9d6e-0f1a2b3c4d5e";

  @TempDir Path tmp;
  PbsSimulator sim;
  PbsSimulator other;

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
    if (other != null) {
      other.close();
    }
  }

  PbsTargetConfig target(String name, PbsSimulator s, String secret, String fingerprint)
      throws Exception {
    return target(name, s, secret, fingerprint, null);
  }

  PbsTargetConfig target(
      String name, PbsSimulator s, String secret, String fingerprint, Boolean groupInfo)
      throws Exception {
    return target(name, s, secret, fingerprint, groupInfo, null);
  }

  PbsTargetConfig target(
      String name,
      PbsSimulator s,
      String secret,
      String fingerprint,
      Boolean groupInfo,
      Boolean groupSnapshotSize)
      throws Exception {
    Path token = tmp.resolve(name + ".token");
    Files.writeString(token, secret + "\n");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    return PbsTargetConfig.fromYaml(
        name,
        s.url(),
        TOKEN,
        token.toString(),
        null,
        fingerprint,
        null,
        null,
        "10s",
        null,
        "2s",
        "2s",
        null,
        groupInfo,
        groupSnapshotSize);
  }

  /** Every reading of the time is a target interval later, so every run reads every target. */
  static final class TickingClock extends Clock {
    private Instant now = Instant.now();

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public synchronized Instant instant() {
      now = now.plusSeconds(11);
      return now;
    }
  }

  /** The agent's timer, for the clients' request time limits. */
  static final java.util.concurrent.ScheduledExecutorService TIMER =
      io.github.storageagent.collect.NodeContext.newTimer();

  /** The pbs module's collectors for {@code targets}, run one after the other, merged. */
  record Targets(List<io.github.storageagent.collect.Collector> collectors) {
    io.github.storageagent.collect.Snapshot collect() throws Exception {
      List<io.prometheus.metrics.model.snapshots.MetricSnapshot> families =
          new java.util.ArrayList<>();
      int problems = 0;
      for (var c : collectors) {
        var s = c.collect();
        families.addAll(s.families());
        problems += s.problems();
      }
      return new io.github.storageagent.collect.Snapshot(
          io.github.storageagent.collect.FamilyMerge.merge(families), problems);
    }
  }

  Targets collector(PbsTargetConfig... targets) {
    Clock clock = new TickingClock();
    List<io.github.storageagent.collect.Collector> collectors = new java.util.ArrayList<>();
    for (PbsTargetConfig t : targets) {
      try {
        collectors.add(
            new PbsTargetCollector(new PbsTargetReader(t, new PbsClient(t, TIMER), clock), clock));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return new Targets(collectors);
  }

  @Test
  void demoScenarioGivesEveryFamilyWithTheSimulatorsNumbers() throws Exception {
    sim = PbsSimulator.start(PbsScenario.demo(Instant.now()), TOKEN, SECRET);
    var c = collector(target("pbs01", sim, SECRET, sim.fingerprint(), true));

    var snap = c.collect();
    Exposition e = Exposition.of(snap.families());

    assertThat(snap.problems()).isZero();
    assertThat(e.value("storage_pbs_up{target=\"pbs01\"}")).isEqualTo(1);
    assertThat(e.value("storage_pbs_datastore_size_bytes{datastore=\"main\",target=\"pbs01\"}"))
        .isEqualTo(8000.0 * 1024 * 1024 * 1024);
    assertThat(e.named("storage_pbs_datastore_estimated_full_timestamp_seconds"))
        .containsOnlyKeys(
            "storage_pbs_datastore_estimated_full_timestamp_seconds{datastore=\"main\",target=\"pbs01\"}");
    assertThat(e.named("storage_pbs_group_last_backup_timestamp_seconds")).hasSize(30);
    String vm107 = "backup_id=\"107\",backup_type=\"vm\",datastore=\"main\",namespace=\"\",";
    assertThat(
            e.value("storage_pbs_snapshot_verify{" + vm107 + "state=\"failed\",target=\"pbs01\"}"))
        .isEqualTo(1);
    assertThat(e.value("storage_pbs_snapshot_verify{" + vm107 + "state=\"ok\",target=\"pbs01\"}"))
        .isEqualTo(0);
    String ct201 = "backup_id=\"201\",backup_type=\"ct\",datastore=\"main\",namespace=\"\",";
    assertThat(e.value("storage_pbs_snapshot_verify{" + ct201 + "state=\"none\",target=\"pbs01\"}"))
        .isEqualTo(1);
    // vm/100 and ct/100 are different groups
    assertThat(
            e.value(
                "storage_pbs_group_snapshots{backup_id=\"100\",backup_type=\"ct\",datastore=\"main\",namespace=\"\",target=\"pbs01\"}"))
        .isEqualTo(14);
    assertThat(
            e.value(
                "storage_pbs_group_info{backup_id=\"100\",backup_type=\"vm\",comment=\"web01\",datastore=\"main\",namespace=\"\",target=\"pbs01\"}"))
        .isEqualTo(1);
    // the namespace is walked
    assertThat(
            e.value(
                "storage_pbs_group_snapshots{backup_id=\"303\",backup_type=\"vm\",datastore=\"main\",namespace=\"prod\",target=\"pbs01\"}"))
        .isEqualTo(30);
    assertThat(
            e.value(
                "storage_pbs_backup_last_task_success{backup_id=\"104\",backup_type=\"vm\",datastore=\"main\",target=\"pbs01\"}"))
        .isEqualTo(0);
    assertThat(
            e.value(
                "storage_pbs_backup_last_task_success{backup_id=\"103\",backup_type=\"vm\",datastore=\"main\",target=\"pbs01\"}"))
        .isEqualTo(1);
    assertThat(
            e.value(
                "storage_pbs_job_last_run_success{datastore=\"archive\",job_id=\"archive\",job_type=\"gc\",target=\"pbs01\"}"))
        .isEqualTo(0);
    assertThat(
            e.value(
                "storage_pbs_job_last_run_success{datastore=\"main\",job_id=\"p-main\",job_type=\"prune\",target=\"pbs01\"}"))
        .isEqualTo(1); // WARNINGS: 1
    assertThat(e.named("storage_pbs_job_next_run_timestamp_seconds")).hasSize(6);
    assertThat(e.value("storage_pbs_gc_pending_bytes{datastore=\"main\",target=\"pbs01\"}"))
        .isEqualTo(120.0 * 1024 * 1024 * 1024);
    assertThat(e.value("storage_pbs_datastore_dedup_ratio{datastore=\"main\",target=\"pbs01\"}"))
        .isCloseTo(41000.0 / 6100, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void groupInfoOnlyForTheTargetsThatAskForIt() throws Exception {
    sim = PbsSimulator.start(PbsScenario.demo(Instant.now()), TOKEN, SECRET);
    var c =
        collector(
            target("with", sim, SECRET, sim.fingerprint(), true),
            target("without", sim, SECRET, sim.fingerprint()));

    Exposition e = Exposition.of(c.collect().families());

    assertThat(e.named("storage_pbs_group_info"))
        .hasSize(30)
        .allSatisfy((series, value) -> assertThat(series).contains("target=\"with\""));
    assertThat(e.value("storage_pbs_up{target=\"without\"}")).isEqualTo(1);
    // the group's other series are there for both targets
    assertThat(e.named("storage_pbs_group_last_backup_timestamp_seconds")).hasSize(60);
    assertThat(e.named("storage_pbs_group_snapshots")).hasSize(60);
    assertThat(e.named("storage_pbs_snapshot_verify")).hasSize(60 * 3);
  }

  @Test
  void newestSnapshotSizeOnlyForTheTargetsThatAskForIt() throws Exception {
    sim = PbsSimulator.start(PbsScenario.demo(Instant.now()), TOKEN, SECRET);
    var c =
        collector(
            target("with", sim, SECRET, sim.fingerprint(), null, true),
            target("without", sim, SECRET, sim.fingerprint()));

    Exposition e = Exposition.of(c.collect().families());

    assertThat(e.named("storage_pbs_group_newest_snapshot_size_bytes"))
        .hasSize(30)
        .allSatisfy((series, value) -> assertThat(series).contains("target=\"with\""));
    assertThat(e.named("storage_pbs_group_info")).isEmpty();
    assertThat(e.named("storage_pbs_group_last_backup_timestamp_seconds")).hasSize(60);
  }

  @Test
  void snapshotListsAreReadOncePerRefreshNotPerRun() throws Exception {
    sim = PbsSimulator.start(PbsScenario.demo(Instant.now()), TOKEN, SECRET);
    var c = collector(target("pbs01", sim, SECRET, sim.fingerprint()));

    c.collect();
    int afterFirst = sim.requests("/admin/datastore/{store}/snapshots");
    c.collect();
    c.collect();

    assertThat(afterFirst).isEqualTo(30);
    assertThat(sim.requests("/admin/datastore/{store}/snapshots")).isEqualTo(30);
    assertThat(sim.requests("/admin/datastore/{store}/groups")).isEqualTo(9); // 3 runs × 3 ns
  }

  @Test
  void eachFaultTurnsOnlyItsTargetDown() throws Exception {
    sim = PbsSimulator.start(PbsScenario.demo(Instant.now()), TOKEN, SECRET);
    other = PbsSimulator.start(PbsScenario.generated(1, 4, 3, Instant.now()), TOKEN, SECRET);
    var c =
        collector(
            target("good", other, SECRET, other.fingerprint()),
            target("bad", sim, SECRET, sim.fingerprint()));
    sim.slowDelay(Duration.ofSeconds(5));

    // A certificate swap only shows on new TLS sessions (as on a real PBS, whose proxy restarts
    // with a new certificate); it is tested on a fresh simulator below.
    for (Fault f : List.of(Fault.UNAUTHORIZED, Fault.SERVER_ERROR, Fault.GARBAGE, Fault.SLOW)) {
      sim.fault(f);
      var snap = c.collect();
      Exposition e = Exposition.of(snap.families());
      assertThat(e.value("storage_pbs_up{target=\"bad\"}")).as(f.name()).isEqualTo(0);
      assertThat(e.value("storage_pbs_up{target=\"good\"}")).as(f.name()).isEqualTo(1);
      assertThat(e.all().keySet().stream().filter(k -> k.contains("target=\"bad\"")))
          .as(f.name())
          .containsExactly("storage_pbs_up{target=\"bad\"}");
      assertThat(e.text()).doesNotContain(SECRET);
      assertThat(e.named("storage_pbs_group_snapshots")).as(f.name()).hasSize(4);
      assertThat(snap.problems()).as(f.name()).isEqualTo(1);
    }
    sim.fault(Fault.NONE);
    Exposition e = Exposition.of(c.collect().families());
    assertThat(e.value("storage_pbs_up{target=\"bad\"}")).isEqualTo(1);
  }

  @Test
  void wrongSecretIsA401AndTheErrorNamesPathAndStatusOnly() throws Exception {
    sim = PbsSimulator.start(PbsScenario.demo(Instant.now()), TOKEN, SECRET);
    var t = target("pbs01", sim, "wrong-" + SECRET, sim.fingerprint());
    var reader = new PbsTargetReader(t, new PbsClient(t, TIMER), Clock.systemUTC());

    var reading = reader.read();

    assertThat(reading.up()).isFalse();
    assertThat(reading.error().orElseThrow())
        .startsWith("GET /api2/json/admin/datastore: HTTP 401")
        .doesNotContain(SECRET);
    assertThat(sim.unauthorizedRequests()).isEqualTo(1);
  }

  @Test
  void wrongFingerprintFailsTheHandshakeWithAClearReason() throws Exception {
    sim = PbsSimulator.start(PbsScenario.demo(Instant.now()), TOKEN, SECRET);
    other = PbsSimulator.start(PbsScenario.demo(Instant.now()), TOKEN, SECRET);
    var t = target("pbs01", sim, SECRET, other.fingerprint());
    var reading = new PbsTargetReader(t, new PbsClient(t, TIMER), Clock.systemUTC()).read();

    assertThat(reading.up()).isFalse();
    assertThat(reading.error().orElseThrow())
        .contains("TLS handshake failed: certificate fingerprint mismatch")
        .contains(sim.fingerprint());
    // the request never reached the server: no token was sent to the impostor
    assertThat(sim.requests("/admin/datastore")).isZero();
  }

  @Test
  void aServerPresentingAnotherCertificateIsDown() throws Exception {
    sim = PbsSimulator.start(PbsScenario.demo(Instant.now()), TOKEN, SECRET);
    sim.fault(Fault.WRONG_CERTIFICATE);
    var t = target("pbs01", sim, SECRET, sim.fingerprint());
    var reading = new PbsTargetReader(t, new PbsClient(t, TIMER), Clock.systemUTC()).read();

    assertThat(reading.up()).isFalse();
    assertThat(reading.error().orElseThrow())
        .contains("certificate fingerprint mismatch")
        .contains("configured fingerprint is " + sim.fingerprint());
  }

  @Test
  void caFileTrustsTheSimulatorsCertificate() throws Exception {
    sim = PbsSimulator.start(PbsScenario.demo(Instant.now()), TOKEN, SECRET);
    Path ca = tmp.resolve("ca.pem");
    Files.writeString(ca, sim.certificatePem());
    Path token = tmp.resolve("t");
    Files.writeString(token, SECRET);
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r-----"));
    var t =
        PbsTargetConfig.fromYaml(
            "pbs01",
            sim.url(),
            TOKEN,
            token.toString(),
            null,
            null,
            ca.toString(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    assertThat(new PbsTargetReader(t, new PbsClient(t, TIMER), Clock.systemUTC()).read().up())
        .isTrue();
  }

  @Test
  void oneStoreInErrorOrUnmountedLeavesTheOthersIntact() throws Exception {
    sim =
        PbsSimulator.start(
            PbsScenario.demo(Instant.now())
                .withStoreError("archive", "unable to open chunk store - EIO"),
            TOKEN,
            SECRET);
    var c = collector(target("pbs01", sim, SECRET, sim.fingerprint()));

    var snap = c.collect();
    Exposition e = Exposition.of(snap.families());

    assertThat(e.value("storage_pbs_up{target=\"pbs01\"}")).isEqualTo(1);
    assertThat(e.value("storage_pbs_datastore_up{datastore=\"archive\",target=\"pbs01\"}"))
        .isEqualTo(0);
    assertThat(e.value("storage_pbs_datastore_up{datastore=\"main\",target=\"pbs01\"}"))
        .isEqualTo(1);
    assertThat(e.value("storage_pbs_datastore_size_bytes{datastore=\"archive\",target=\"pbs01\"}"))
        .isNull();
    assertThat(e.named("storage_pbs_group_last_backup_timestamp_seconds")).hasSize(27);
    assertThat(snap.problems()).isEqualTo(1);

    sim.scenario(PbsScenario.demo(Instant.now()).withUnmounted("main"));
    e = Exposition.of(c.collect().families());
    assertThat(e.value("storage_pbs_datastore_up{datastore=\"main\",target=\"pbs01\"}"))
        .isEqualTo(0);
    assertThat(e.value("storage_pbs_datastore_up{datastore=\"archive\",target=\"pbs01\"}"))
        .isEqualTo(1);
    assertThat(e.named("storage_pbs_group_last_backup_timestamp_seconds")).hasSize(3);
  }

  @Test
  void pbs4StatesAreStatesNotProblemsAndAnS3StoreGetsItsCounters() throws Exception {
    sim =
        PbsSimulator.start(
            PbsScenario.demo(Instant.now())
                .withUnmounted("archive")
                .withMaintenance("main", "read-only")
                .withS3Backend("main"),
            TOKEN,
            SECRET);
    var c = collector(target("pbs01", sim, SECRET, sim.fingerprint(), null, true));

    var snap = c.collect();
    Exposition e = Exposition.of(snap.families());

    // an unmounted removable store is not a problem of the run
    assertThat(snap.problems()).isZero();
    assertThat(datastoreInfo(e, "archive"))
        .contains("maintenance=\"none\"", "mount=\"notmounted\"");
    assertThat(e.value("storage_pbs_datastore_up{datastore=\"archive\",target=\"pbs01\"}"))
        .isEqualTo(0);
    // read-only maintenance still serves reads: main keeps every group
    assertThat(datastoreInfo(e, "main"))
        .contains("backend=\"s3\"", "maintenance=\"read-only\"", "mount=\"nonremovable\"");
    assertThat(e.named("storage_pbs_group_last_backup_timestamp_seconds")).hasSize(27);
    assertThat(e.named("storage_pbs_group_newest_snapshot_size_bytes")).hasSize(27);
    // one info series per store, the states in its labels
    assertThat(e.named("storage_pbs_datastore_info")).hasSize(2);
    assertThat(e.named("storage_pbs_datastore_s3_requests_total"))
        .hasSize(5)
        .allSatisfy((series, v) -> assertThat(series).contains("datastore=\"main\""));
    assertThat(
            e.value(
                "storage_pbs_datastore_s3_uploaded_bytes_total{datastore=\"main\",target=\"pbs01\"}"))
        .isEqualTo(
            e.value("storage_pbs_datastore_used_bytes{datastore=\"main\",target=\"pbs01\"}"));

    // offline maintenance refuses reads: down, but still not a problem
    sim.scenario(PbsScenario.demo(Instant.now()).withMaintenance("archive", "offline"));
    snap = c.collect();
    e = Exposition.of(snap.families());
    assertThat(snap.problems()).isZero();
    assertThat(e.value("storage_pbs_datastore_up{datastore=\"archive\",target=\"pbs01\"}"))
        .isEqualTo(0);
    assertThat(datastoreInfo(e, "archive")).contains("maintenance=\"offline\"");
    assertThat(e.named("storage_pbs_datastore_s3_requests_total")).isEmpty();
  }

  /** The one {@code storage_pbs_datastore_info} series of {@code store}, value 1. */
  private static String datastoreInfo(Exposition e, String store) {
    var series =
        e.named("storage_pbs_datastore_info").entrySet().stream()
            .filter(s -> s.getKey().contains("datastore=\"" + store + "\""))
            .toList();
    assertThat(series).as(store).hasSize(1);
    assertThat(series.get(0).getValue()).isEqualTo(1);
    return series.get(0).getKey();
  }

  @Test
  void estimatedFullOnlyWhenInTheFuture() {
    var usage = new PbsReading.Usage(10, 5, 5, java.util.Optional.of(1000L));
    var store =
        new PbsReading.Store(
            "s",
            java.util.Optional.empty(),
            java.util.Optional.of(usage),
            java.util.Optional.empty(),
            List.of());
    var t =
        new PbsReading.Target(
            "t", true, java.util.Optional.empty(), List.of(store), List.of(), List.of(), 0);
    assertThat(
            Exposition.of(
                    PbsMetrics.families(
                        List.of(t), Set.of(), Set.of(), Instant.ofEpochSecond(2000)))
                .text())
        .doesNotContain("estimated_full");
    assertThat(
            Exposition.of(
                    PbsMetrics.families(List.of(t), Set.of(), Set.of(), Instant.ofEpochSecond(500)))
                .text())
        .contains(
            "storage_pbs_datastore_estimated_full_timestamp_seconds{datastore=\"s\",target=\"t\"} 1000.0");
  }
}
