package io.github.storageagent.backup.pve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.backup.RunOutcome;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LastFinishedRunsTest {

  private static PveBackupReading.Job finished(String id, boolean ok, long end, long next) {
    return new PveBackupReading.Job(
        id,
        Optional.of(ok ? RunOutcome.OK : RunOutcome.FAILED),
        Optional.of(end),
        Optional.of(next));
  }

  private static PveBackupReading.Job running(String id, long next) {
    return new PveBackupReading.Job(id, Optional.empty(), Optional.empty(), Optional.of(next));
  }

  @Test
  void aRunningJobKeepsItsLastOutcomeAndTakesItsNewNextRun() {
    var runs = new LastFinishedRuns();
    runs.carryOver(finished("a", false, 100, 200));

    assertThat(runs.carryOver(running("a", 300))).isEqualTo(finished("a", false, 100, 300));
  }

  @Test
  void aJobNeverSeenFinishedStaysWithoutOutcome() {
    var runs = new LastFinishedRuns();
    runs.carryOver(finished("other", true, 100, 200));

    assertThat(runs.carryOver(running("a", 300))).isEqualTo(running("a", 300));
  }

  @Test
  void aNewerFinishedRunReplacesTheOlder() {
    var runs = new LastFinishedRuns();
    runs.carryOver(finished("a", false, 100, 200));

    assertThat(runs.carryOver(finished("a", true, 250, 400)))
        .isEqualTo(finished("a", true, 250, 400));
    assertThat(runs.carryOver(running("a", 500))).isEqualTo(finished("a", true, 250, 500));
  }
}
