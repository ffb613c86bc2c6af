package io.github.storageagent.backup.pbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.storageagent.backup.Upid;
import io.github.storageagent.backup.pbs.PbsRecords.SnapshotEntry;
import io.github.storageagent.backup.pbs.PbsRecords.Verification;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real PBS captures in ../shared/fixtures/pbs, through the agent's parsers. The CLI tools print
 * only the API's {@code data} member, so bare values are wrapped as the HTTP API would send them.
 * Each test checks what that file's SOURCES.md line states.
 */
class PbsCorpusTest {

  static Path dir;

  @BeforeAll
  static void locate() {
    String root = System.getProperty("storage.shared.fixtures");
    if (root == null || !Files.isDirectory(Path.of(root, "pbs"))) {
      fail(
          "PBS corpus missing: expected "
              + root
              + "/pbs (set -Dstorage.shared.fixtures to the shared fixtures folder)");
    }
    dir = Path.of(root, "pbs");
  }

  static ByteArrayInputStream wrapped(String file) throws Exception {
    String text = Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    return new ByteArrayInputStream(("{\"data\": " + text + "}").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyJsonFileIsCoveredHere() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")))
          .containsExactlyInAnyOrder(
              "pbs-snapshots-list-vm103-via-proxmox-backup-client.json",
              "pve-storage-content-pbs-verification-sample.json");
    }
  }

  @Test
  void vm103NewestSnapshotIsVerifiedOkOlderNeverVerified() throws Exception {
    String file = "pbs-snapshots-list-vm103-via-proxmox-backup-client.json";
    NewestSnapshot newest = PbsJson.newestSnapshot(wrapped(file));
    assertThat(newest.count()).isEqualTo(2);
    assertThat(newest.backupTime()).isEqualTo(1742890730L);

    List<SnapshotEntry> all = PbsJson.list(wrapped(file), SnapshotEntry::from).items();
    assertThat(all)
        .hasSize(2)
        .allSatisfy(s -> assertThat(s.backupType() + "/" + s.backupId()).isEqualTo("vm/103"));
    assertThat(all).allSatisfy(s -> assertThat(s.comment()).isEqualTo("pfsense01"));
    SnapshotEntry newer =
        all.stream().filter(s -> s.backupTime() == 1742890730L).findFirst().orElseThrow();
    SnapshotEntry older =
        all.stream().filter(s -> s.backupTime() == 1742550846L).findFirst().orElseThrow();
    // SOURCES.md: one never verified (no verification key), one with state ok
    assertThat(VerifyState.of(newer.verification())).isEqualTo(VerifyState.NONE);
    assertThat(VerifyState.of(older.verification())).isEqualTo(VerifyState.OK);
    assertThat(Upid.parse(older.verification().upid()).orElseThrow().workerId())
        .isEqualTo("fs01:v-ee54fa7e-61f0");
    // so the newest snapshot's state, which the agent exports, is "never verified"
    assertThat(newest.verify()).isEqualTo(VerifyState.NONE);
  }

  @Test
  void verificationSampleUnescapesToStoreDailyAndItsJob() throws Exception {
    Verification v =
        PbsJson.object(
            wrapped("pve-storage-content-pbs-verification-sample.json"), Verification::from);
    assertThat(VerifyState.of(v)).isEqualTo(VerifyState.OK);
    Upid upid = Upid.parse(v.upid()).orElseThrow();
    assertThat(upid.pstart()).isEqualTo(0x1A12D8375L); // 9 hex digits
    assertThat(upid.type()).isEqualTo("verificationjob");
    String[] storeAndJob = upid.workerId().split(":", 2);
    assertThat(storeAndJob[0]).isEqualTo("daily");
    assertThat(storeAndJob[1]).isEqualTo("v-d0cc18c5-8707");
  }

  @Test
  void groupsExcerptIsNotJsonAndIsNotParsedButItsFieldsAreOurs() throws Exception {
    String text =
        Files.readString(dir.resolve("pbs-groups-entry-pbs4.excerpt.txt"), StandardCharsets.UTF_8);
    // SOURCES.md: files shortened to [...], so not valid JSON; no comment key without notes
    assertThat(text).contains("[...]").doesNotContain("\"comment\"");
    String repaired = text.replace("[...]", "[]");
    var groups =
        PbsJson.list(
                new ByteArrayInputStream(repaired.getBytes(StandardCharsets.UTF_8)),
                PbsRecords.BackupGroup::from)
            .items();
    assertThat(groups).hasSize(1);
    var g = groups.get(0);
    assertThat(g.backupType() + "/" + g.backupId()).isEqualTo("ct/100");
    assertThat(g.backupCount()).isEqualTo(27);
    assertThat(g.lastBackup()).isEqualTo(1766800804L);
    assertThat(g.owner()).isEqualTo("pbs@pbs");
    assertThat(g.comment()).isNull();
  }
}
