package io.github.storageagent.backup.pve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.backup.Upid;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VzdumpJobStatusTest {

  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final Instant NOW = Instant.parse("2024-12-23T10:33:20Z");
  // started 2024-12-22T21:00:00Z
  private static final String UPID = "UPID:pve1:0002A1F3:05F61A14:67687DD0:vzdump::root@pam:";

  private static VzdumpJobState state(String state, String msg, Long time) {
    return new VzdumpJobState(state, UPID, msg, time, null, null);
  }

  private static Map<String, TaskIndex.Entry> indexWithEnd(long end) {
    Upid parsed = Upid.parse(UPID).orElseThrow();
    return Map.of(UPID, new TaskIndex.Entry(UPID, parsed, Optional.of(end), Optional.of("OK")));
  }

  @Test
  void aStoppedJobTakesItsOutcomeFromTheStateAndItsEndFromTheTaskIndex() {
    var job =
        VzdumpJobStatus.of(
            "j", state("stopped", "job errors", 1L), null, indexWithEnd(1734902468), NOW, UTC);

    assertThat(job.jobId()).isEqualTo("j");
    assertThat(job.lastSuccess()).contains(false);
    assertThat(job.lastEnd()).contains(1734902468L);
  }

  @Test
  void warningsAreSuccess() {
    var job =
        VzdumpJobStatus.of("j", state("stopped", "WARNINGS: 2", null), null, Map.of(), NOW, UTC);

    assertThat(job.lastSuccess()).contains(true);
  }

  @Test
  void withoutTheTaskInTheIndexTheEndIsTheStateFilesTimeIfSet() {
    assertThat(
            VzdumpJobStatus.of("j", state("stopped", "OK", 1734900000L), null, Map.of(), NOW, UTC)
                .lastEnd())
        .contains(1734900000L);
    assertThat(
            VzdumpJobStatus.of("j", state("stopped", "OK", 0L), null, Map.of(), NOW, UTC).lastEnd())
        .isEmpty();
    assertThat(
            VzdumpJobStatus.of("j", state("stopped", "OK", null), null, Map.of(), NOW, UTC)
                .lastEnd())
        .isEmpty();
  }

  @Test
  void aRunningOrNeverRunJobHasNoOutcome() {
    for (String s : new String[] {"created", "starting", "started"}) {
      var job = VzdumpJobStatus.of("j", state(s, null, null), null, indexWithEnd(1), NOW, UTC);
      assertThat(job.lastSuccess()).as(s).isEmpty();
      assertThat(job.lastEnd()).as(s).isEmpty();
    }
    // stopped without a status: nothing to judge by
    assertThat(
            VzdumpJobStatus.of("j", state("stopped", null, null), null, Map.of(), NOW, UTC)
                .lastSuccess())
        .isEmpty();
  }

  @Test
  void nextRunIsTheFirstEventAfterTheLastRunsStart() {
    var s =
        new VzdumpJobState(
            "stopped", UPID, "OK", null, null, new VzdumpJobState.Config("21:00", 1));

    assertThat(VzdumpJobStatus.nextRun(s, null, NOW, UTC))
        .contains(Instant.parse("2024-12-23T21:00:00Z").getEpochSecond());
  }

  @Test
  void aScheduleChangeCountsAsTheLastRun() {
    long updated = Instant.parse("2024-12-23T22:00:00Z").getEpochSecond();
    var s =
        new VzdumpJobState(
            "stopped", UPID, "OK", null, updated, new VzdumpJobState.Config("21:00", 1));

    assertThat(VzdumpJobStatus.nextRun(s, null, NOW, UTC))
        .contains(Instant.parse("2024-12-24T21:00:00Z").getEpochSecond());
  }

  @Test
  void theStateFilesScheduleWinsOverJobsCfg() {
    var s =
        new VzdumpJobState(
            "stopped", UPID, "OK", null, null, new VzdumpJobState.Config("22:00", null));
    var cfg = new JobsCfg.Job("05:00", true);

    assertThat(VzdumpJobStatus.nextRun(s, cfg, NOW, UTC))
        .contains(Instant.parse("2024-12-22T22:00:00Z").getEpochSecond());
  }

  @Test
  void olderStateFilesTakeTheScheduleFromJobsCfg() {
    var s = state("stopped", "OK", null);

    assertThat(VzdumpJobStatus.nextRun(s, new JobsCfg.Job("sat 05:00", true), NOW, UTC))
        .contains(Instant.parse("2024-12-28T05:00:00Z").getEpochSecond());
    assertThat(VzdumpJobStatus.nextRun(s, new JobsCfg.Job("sat 05:00", false), NOW, UTC)).isEmpty();
    assertThat(VzdumpJobStatus.nextRun(s, new JobsCfg.Job(null, true), NOW, UTC)).isEmpty();
    assertThat(VzdumpJobStatus.nextRun(s, null, NOW, UTC)).isEmpty();
  }

  @Test
  void aDisabledJobHasNoNextRun() {
    for (Object disabled : new Object[] {0, "0", "false", false}) {
      var s =
          new VzdumpJobState(
              "stopped", UPID, "OK", null, null, new VzdumpJobState.Config("21:00", disabled));
      assertThat(VzdumpJobStatus.nextRun(s, null, NOW, UTC)).as("%s", disabled).isEmpty();
    }
  }

  @Test
  void withoutAnyLastRunTheNextRunIsAfterNow() {
    var s =
        new VzdumpJobState(
            "created", null, null, null, null, new VzdumpJobState.Config("21:00", 1));

    assertThat(VzdumpJobStatus.nextRun(s, null, NOW, UTC))
        .contains(Instant.parse("2024-12-23T21:00:00Z").getEpochSecond());
  }

  @Test
  void withoutUpidOrUpdateTheStateFilesTimeIsTheLastRun() {
    long time = Instant.parse("2024-12-20T21:30:00Z").getEpochSecond();
    var s =
        new VzdumpJobState(
            "stopped", null, "OK", time, null, new VzdumpJobState.Config("21:00", 1));

    assertThat(VzdumpJobStatus.nextRun(s, null, NOW, UTC))
        .contains(Instant.parse("2024-12-21T21:00:00Z").getEpochSecond());
  }

  @Test
  void theScheduleIsReadInTheNodesTimeZone() {
    var s =
        new VzdumpJobState(
            "stopped", UPID, "OK", null, null, new VzdumpJobState.Config("21:00", 1));

    // the run started 22:00 in Berlin; the next 21:00 there is 20:00 UTC the next day
    assertThat(VzdumpJobStatus.nextRun(s, null, NOW, ZoneId.of("Europe/Berlin")))
        .contains(Instant.parse("2024-12-23T20:00:00Z").getEpochSecond());
  }

  @Test
  void aScheduleTheAgentDoesNotUnderstandHasNoNextRun() {
    var s =
        new VzdumpJobState(
            "stopped", UPID, "OK", null, null, new VzdumpJobState.Config("*-*-01 00:00", 1));

    assertThat(VzdumpJobStatus.nextRun(s, null, NOW, UTC)).isEmpty();
  }

  @Test
  void theJobCarriesItsNextRun() {
    var s =
        new VzdumpJobState(
            "stopped", UPID, "OK", null, null, new VzdumpJobState.Config("21:00", 1));

    assertThat(VzdumpJobStatus.of("j", s, null, Map.of(), NOW, UTC).nextRun())
        .isEqualTo(VzdumpJobStatus.nextRun(s, null, NOW, UTC))
        .isPresent();
  }
}
