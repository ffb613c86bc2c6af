package io.github.storageagent.backup.pve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PveBackupFilesTest {

  private static final String DAILY = "UPID:pve1:0002A1F3:05F61A14:67687DD0:vzdump::root@pam:";
  private static final String RUNNING = "UPID:pve1:0002B000:05F61A99:67687E00:vzdump:300:root@pam:";

  private static PveBackupFiles files(Path root) {
    return new PveBackupFiles(PveBackupCollectorTest.config(root));
  }

  private static Path copyOfTree(Path dir) throws Exception {
    Path from = PveBackupCollectorTest.tree();
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path to = dir.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return dir;
  }

  @Test
  void readsEveryFileIntoRecords() throws Exception {
    var contents = files(PveBackupCollectorTest.tree()).read();

    assertThat(contents.tasks()).containsKeys(DAILY, RUNNING).hasSize(5);
    // the vncproxy task and the running vzdump are not read for guests
    assertThat(contents.vzdumpTasks()).extracting(t -> t.entry().upid()).hasSize(3).contains(DAILY);
    assertThat(contents.vzdumpTasks().stream().filter(t -> t.entry().upid().equals(DAILY)))
        .singleElement()
        .satisfies(t -> assertThat(t.guests()).containsOnlyKeys("100", "104", "200"));
    // the broken state file is left out
    assertThat(contents.jobStates())
        .extracting(PveBackupFiles.JobStateFile::jobId)
        .containsExactly("backup-daily", "backup-disabled", "backup-running", "backup-weekly");
    assertThat(contents.jobsCfg())
        .containsOnlyKeys("backup-daily", "backup-weekly", "backup-disabled");
    assertThat(contents.problems()).isEqualTo(2);
  }

  @Test
  void aRotatedLogIsNoProblemAndAnUnreadableOneIs(@TempDir Path dir) throws Exception {
    Path root = copyOfTree(dir);
    Path logs = root.resolve("tasks/0");
    Files.delete(logs.resolve(DAILY));
    Files.write(
        logs.resolve("UPID:pve1:00029F02:05E0A1B0:67672C50:vzdump::root@pam:"),
        new byte[] {(byte) 0xff, (byte) 0xfe, '\n'});

    var contents = files(root).read();

    assertThat(contents.vzdumpTasks()).hasSize(1);
    assertThat(contents.problems()).isEqualTo(3);
  }

  @Test
  void aLogIsReadOnce(@TempDir Path dir) throws Exception {
    Path root = copyOfTree(dir);
    PveBackupFiles files = files(root);
    files.read();

    Files.delete(root.resolve("tasks/0").resolve(DAILY));

    assertThat(files.read().vzdumpTasks()).extracting(t -> t.entry().upid()).contains(DAILY);
  }

  @Test
  void aFinishedEntryWinsOverARunningOne(@TempDir Path dir) throws Exception {
    Path tasks = Files.createDirectories(dir.resolve("tasks"));
    Files.writeString(tasks.resolve("index"), DAILY + " 676882C4 OK\n");
    Files.writeString(
        tasks.resolve("active"), DAILY + "\n" + RUNNING + "\n" + RUNNING + " 1 676882C4 OK\n");

    var contents = files(dir).read();

    assertThat(contents.tasks().get(DAILY).finished()).isTrue();
    assertThat(contents.tasks().get(RUNNING).finished()).isTrue();
  }

  @Test
  void withoutJobStatesJobsCfgIsNotRead(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("tasks"));
    Files.createDirectories(dir.resolve("jobs.cfg")); // unreadable as a file

    var contents = files(dir).read();

    assertThat(contents.jobStates()).isEmpty();
    assertThat(contents.jobsCfg()).isEmpty();
    assertThat(contents.problems()).isZero();
  }

  @Test
  void presentWithEitherFolder(@TempDir Path dir) throws Exception {
    assertThat(files(dir).present()).isFalse();
    Files.createDirectories(dir.resolve("jobs"));
    assertThat(files(dir).present()).isTrue();
  }
}
