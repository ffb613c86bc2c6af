package io.github.storageagent.backup.pbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.stree.JrsValue;
import io.github.storageagent.backup.Upid;
import io.github.storageagent.backup.pbs.PbsRecords.BackupGroup;
import io.github.storageagent.backup.pbs.PbsRecords.Datastore;
import io.github.storageagent.backup.pbs.PbsRecords.DatastoreUsage;
import io.github.storageagent.backup.pbs.PbsRecords.GcStatus;
import io.github.storageagent.backup.pbs.PbsRecords.JobStatus;
import io.github.storageagent.backup.pbs.PbsRecords.Namespace;
import io.github.storageagent.backup.pbs.PbsRecords.Task;
import io.github.storageagent.config.Fingerprint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every endpoint of the reference, from the project's own fixtures. */
class PbsJsonTest {

  static InputStream fixture(String name) {
    InputStream in = PbsJsonTest.class.getResourceAsStream("/pbs/" + name);
    assertThat(in).as(name).isNotNull();
    return in;
  }

  static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void version() throws Exception {
    var v = PbsJson.object(fixture("version.json"), PbsRecords.Version::from);
    assertThat(v.version()).isEqualTo("3.2");
    assertThat(v.release()).isEqualTo("7");
  }

  @Test
  void datastoreList() throws Exception {
    var list = PbsJson.list(fixture("admin-datastore.json"), Datastore::from);
    assertThat(list.items())
        .extracting(Datastore::store)
        .containsExactly("daily", "usb-offsite", "broken");
    assertThat(list.items().get(1).mountStatus()).isEqualTo("notmounted");
    assertThat(list.skipped()).isZero();
  }

  @Test
  void datastoreUsageWithErrorsAndEstimates() throws Exception {
    var list = PbsJson.list(fixture("status-datastore-usage.json"), DatastoreUsage::from);
    var daily = list.items().get(0);
    assertThat(daily.total()).isEqualTo(7696581394432L);
    assertThat(daily.avail()).isEqualTo(1795349266432L);
    assertThat(daily.estimatedFullDate()).isEqualTo(1766880000L);
    assertThat(list.items().get(1).total()).isNull();
    assertThat(list.items().get(2).error()).startsWith("unable to open chunk store");
    assertThat(list.items().get(3).estimatedFullDate()).isZero();
    assertThat(list.items().get(5).estimatedFullDate()).isNull();
  }

  @Test
  void datastoreStatusCarriesGcAndCounts() throws Exception {
    var node = PbsJson.data(fixture("datastore-status.json"));
    JrsValue snapshots = node.path("counts").path("vm").path("snapshots");
    JrsValue pending = node.path("gc-status").path("pending-bytes");
    assertThat(snapshots.isNumber()).isTrue();
    assertThat(snapshots.asText()).isEqualTo("168");
    assertThat(pending.isNumber()).isTrue();
    assertThat(pending.asText()).isEqualTo("2147483648");
  }

  @Test
  void namespacesIncludeTheRootAsEmptyString() throws Exception {
    var list = PbsJson.list(fixture("namespace.json"), Namespace::from);
    assertThat(list.items()).extracting(Namespace::ns).containsExactly("", "prod", "prod/db");
  }

  @Test
  void groupsKeepVmAndCtApartAndSkipABrokenEntry() throws Exception {
    var list = PbsJson.list(fixture("groups.json"), BackupGroup::from);
    assertThat(list.items())
        .extracting(g -> g.backupType() + "/" + g.backupId())
        .containsExactly("ct/100", "vm/100", "host/pve1");
    assertThat(list.skipped()).isEqualTo(1);
    assertThat(list.items().get(0).comment()).isNull();
    assertThat(list.items().get(0).backupCount()).isEqualTo(27);
    assertThat(list.items().get(1).comment()).startsWith("web01");
  }

  @Test
  void newestSnapshotDecidesVerifyStateWhateverTheOrder() throws Exception {
    NewestSnapshot n = PbsJson.newestSnapshot(fixture("snapshots-vm100.json"));
    assertThat(n.backupTime()).isEqualTo(1766797202L);
    assertThat(n.verify()).isEqualTo(VerifyState.FAILED);
    assertThat(n.count()).isEqualTo(3);
    assertThat(n.size()).contains(34359739300L);
  }

  @Test
  void newestSnapshotSizeIsTheNewestEntrysNotTheLastOnes() throws Exception {
    NewestSnapshot n =
        PbsJson.newestSnapshot(
            text(
                "{\"data\":[{\"backup-time\":20,\"size\":2000},"
                    + "{\"backup-time\":10,\"size\":1000},{\"backup-time\":5}]}"));
    assertThat(n.size()).contains(2000L);
    // an old manifest without a size
    assertThat(PbsJson.newestSnapshot(text("{\"data\":[{\"backup-time\":5}]}")).size()).isEmpty();
  }

  @Test
  void snapshotWithoutVerificationIsNeverVerified() throws Exception {
    NewestSnapshot n =
        PbsJson.newestSnapshot(
            text("{\"data\":[{\"backup-type\":\"ct\",\"backup-id\":\"1\",\"backup-time\":5}]}"));
    assertThat(n.verify()).isEqualTo(VerifyState.NONE);
    assertThat(PbsJson.newestSnapshot(text("{\"data\":[]}")))
        .isEqualTo(new NewestSnapshot(0, VerifyState.NONE, 0));
  }

  @Test
  void gcStatusGivesPendingBytesDedupAndAFailedRun() throws Exception {
    GcStatus gc = PbsJson.object(fixture("gc.json"), GcStatus::from);
    var parsed = PbsTargetReader.gc(gc);
    assertThat(parsed.pendingBytes()).contains(2147483648L);
    assertThat(parsed.dedupRatio()).hasValueSatisfying(r -> assertThat(r).isBetween(7.10, 7.11));
    var job = PbsTargetReader.gcJob("daily", gc);
    assertThat(job.lastSuccess()).contains(false);
    assertThat(job.lastEnd()).contains(1766796120L);
    assertThat(job.nextRun()).contains(1766880000L);
  }

  @Test
  void verifySyncPruneJobStates() throws Exception {
    var verify = PbsJson.list(fixture("admin-verify.json"), JobStatus::from).items();
    assertThat(JobOutcome.success(verify.get(0).lastRunState(), verify.get(0).lastRunEndtime()))
        .contains(true);
    // never ran: no outcome, but a next run
    assertThat(JobOutcome.success(verify.get(1).lastRunState(), verify.get(1).lastRunEndtime()))
        .isEmpty();
    assertThat(verify.get(1).ns()).isEqualTo("prod");
    // running: upid without end time or state
    assertThat(verify.get(2).lastRunUpid()).isNotNull();
    assertThat(JobOutcome.success(verify.get(2).lastRunState(), verify.get(2).lastRunEndtime()))
        .isEmpty();
    var sync = PbsJson.list(fixture("admin-sync.json"), JobStatus::from).items().get(0);
    assertThat(JobOutcome.success(sync.lastRunState(), sync.lastRunEndtime())).contains(true);
    assertThat(sync.store()).isEqualTo("daily");
    var prune = PbsJson.list(fixture("admin-prune.json"), JobStatus::from).items().get(0);
    assertThat(JobOutcome.success(prune.lastRunState(), prune.lastRunEndtime())).contains(false);
    assertThat(Upid.parse(prune.lastRunUpid()).orElseThrow().workerId())
        .isEqualTo("daily::p-daily");
  }

  @Test
  void taskListSnakeCaseAndBackupKeys() throws Exception {
    var tasks = PbsJson.list(fixture("tasks-backup.json"), Task::from).items();
    assertThat(tasks).hasSize(6);
    assertThat(tasks.get(0).workerType()).isEqualTo("backup");
    assertThat(PbsTargetReader.backupKey(tasks.get(0))).containsExactly("daily", "vm", "100");
    // worker_id missing: taken from the UPID
    assertThat(PbsTargetReader.backupKey(tasks.get(4))).containsExactly("daily", "vm", "300");
    assertThat(tasks.get(3).endtime()).isNull();
  }

  @Test
  void nodeStatusFingerprintAndPermissions() throws Exception {
    var status = PbsJson.data(fixture("nodes-status.json"));
    assertThat(Fingerprint.parse(status.get("info").get("fingerprint").asText()).toString())
        .startsWith("64:d3:ff");
    var perms = PbsJson.data(fixture("access-permissions.json"));
    assertThat(PbsDoctor.granted(perms, "/datastore", "Datastore.Audit")).isTrue();
    assertThat(PbsDoctor.granted(perms, "/system/tasks", "Sys.Audit")).isFalse();
  }

  @Test
  void entriesAreCoercedAsBeforeAndOneThatDoesNotFitIsSkipped() throws Exception {
    var list =
        PbsJson.list(
            text(
                "{\"data\":[{\"backup-type\":\"vm\",\"backup-id\":100,\"backup-count\":\"27\","
                    + "\"last-backup\":1.7668e9,\"comment\":null,\"files\":[{}]},"
                    + "{\"backup-type\":\"vm\",\"backup-id\":\"101\",\"backup-count\":\"many\"},"
                    + "{\"backup-type\":[\"ct\"]},\"ct/102\",null]}"),
            BackupGroup::from);

    assertThat(list.items())
        .containsExactly(new BackupGroup("vm", "100", 1766800000L, 27L, null, null));
    assertThat(list.skipped()).isEqualTo(4);
  }

  @Test
  void aSnapshotThatDoesNotFitCountsButIsNotTheNewest() throws Exception {
    NewestSnapshot n =
        PbsJson.newestSnapshot(
            text(
                "{\"data\":[{\"backup-time\":10,\"protected\":1,\"size\":\"100\"},"
                    + "{\"backup-time\":20,\"protected\":\"yes\"},"
                    + "{\"backup-time\":30,\"verification\":\"ok\"}]}"));

    assertThat(n.backupTime()).isEqualTo(10);
    assertThat(n.size()).contains(100L);
    assertThat(n.count()).isEqualTo(3);
  }

  @Test
  void anObjectThatDoesNotFitNamesTheKey() {
    assertThatThrownBy(() -> PbsJson.object(text("{\"data\":{\"next-run\":[1]}}"), GcStatus::from))
        .isInstanceOf(PbsFormatException.class)
        .hasMessage("unexpected answer: \"next-run\": expected a whole number, got a list");
  }

  @Test
  void whatFollowsTheAnswerIsNotRead() throws Exception {
    assertThat(PbsJson.list(text("{\"data\":[{\"ns\":\"\"}]} trailing"), Namespace::from).items())
        .containsExactly(new Namespace("", null));
    assertThat(PbsJson.data(text("{\"data\":{}}{")).isObject()).isTrue();
  }

  @Test
  void errorAnswersGiveTheirMessageAsText() {
    assertThat(PbsJson.errorMessage("{\"message\":\"invalid token\",\"data\":null}"))
        .isEqualTo("invalid token");
    assertThat(PbsJson.errorMessage("{\"message\":401}")).isEqualTo("401");
    assertThat(PbsJson.errorMessage("{\"message\":{\"text\":\"x\"}}")).isEmpty();
    assertThat(PbsJson.errorMessage("{\"message\":null}")).isEmpty();
    assertThat(PbsJson.errorMessage("[{\"message\":\"x\"}]")).isEmpty();
    assertThat(PbsJson.errorMessage("<html>502</html>")).isEmpty();
    assertThat(PbsJson.errorMessage("{\"message\":\"cut sho")).isEmpty();
    assertThat(PbsJson.errorMessage("")).isEmpty();
  }

  @Test
  void garbageIsAFormatErrorNotACrash() {
    assertThatThrownBy(() -> PbsJson.list(text("<html>502</html>"), Datastore::from))
        .isInstanceOf(PbsFormatException.class)
        .hasMessageStartingWith("not JSON");
    assertThatThrownBy(
            () -> PbsJson.list(text("{\"data\":null,\"message\":\"x\"}"), Datastore::from))
        .isInstanceOf(PbsFormatException.class);
    assertThatThrownBy(() -> PbsJson.list(text("{\"data\":{}}"), Datastore::from))
        .isInstanceOf(PbsFormatException.class)
        .hasMessage("expected a list in \"data\", got OBJECT");
    assertThatThrownBy(() -> PbsJson.object(text("{\"data\":[]}"), GcStatus::from))
        .isInstanceOf(PbsFormatException.class)
        .hasMessage("expected an object in \"data\", got ARRAY");
    assertThatThrownBy(() -> PbsJson.list(text(""), Datastore::from))
        .isInstanceOf(PbsFormatException.class)
        .hasMessage("expected {\"data\": ...}");
    assertThatThrownBy(() -> PbsJson.newestSnapshot(text("{\"data\":[{\"backup-time\":1},")))
        .isInstanceOf(PbsFormatException.class);
    assertThatThrownBy(() -> PbsJson.newestSnapshot(text("[]")))
        .isInstanceOf(PbsFormatException.class);
  }

  @Test
  void fingerprintAcceptsPbsAndPlainForms() {
    String pbs =
        "64:D3:FF:3A:50:38:53:5A:9B:F7:50:E3:8C:96:C7:22:8D:6C:7E:9A:0F:1E:2A:B8:2A:E7:11:9B:3A:5F:11:2C";
    assertThat(Fingerprint.parse(pbs))
        .isEqualTo(Fingerprint.parse(pbs.replace(":", "").toLowerCase()));
    assertThatThrownBy(() -> Fingerprint.parse("AB:CD"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static String read(String name) throws IOException {
    try (InputStream in = fixture(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void verifyStateMapping() {
    assertThat(VerifyState.of(null)).isEqualTo(VerifyState.NONE);
    assertThat(VerifyState.of(new PbsRecords.Verification("ok", null))).isEqualTo(VerifyState.OK);
    assertThat(VerifyState.of(new PbsRecords.Verification("failed", null)))
        .isEqualTo(VerifyState.FAILED);
    assertThat(SnapshotCache.stateFor(new NewestSnapshot(100, VerifyState.FAILED, 3), 200))
        .isEqualTo(VerifyState.NONE);
    assertThat(SnapshotCache.stateFor(new NewestSnapshot(200, VerifyState.FAILED, 3), 200))
        .isEqualTo(VerifyState.FAILED);
    assertThat(Optional.empty()).isEmpty();
  }
}
