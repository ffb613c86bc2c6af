package io.github.storageagent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ProblemsTest {

  @Test
  void countsPerRunAndLogsAProblemWhenItStartsChangesAndClears() {
    Logger log = (Logger) LoggerFactory.getLogger("problems-test");
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    log.addAppender(seen);
    Problems problems = new Problems(log, "pbs target pbs01");
    List<String> cleared = new ArrayList<>();

    problems.startRun();
    problems.report("store main", "HTTP 500");
    problems.count(2);
    assertThat(problems.finishRun((s, what) -> cleared.add(what))).isEqualTo(3);

    problems.startRun();
    problems.report("store main", "HTTP 500"); // the same: not warned again
    assertThat(problems.finishRun((s, what) -> cleared.add(what))).isEqualTo(1);

    problems.startRun();
    problems.report("store main", "HTTP 503"); // changed: warned
    problems.finishRun((s, what) -> cleared.add(what));

    problems.startRun();
    assertThat(problems.finishRun((s, what) -> cleared.add(s + ": " + what))).isZero();

    List<String> warnings =
        seen.list.stream()
            .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
            .map(ILoggingEvent::getFormattedMessage)
            .toList();
    assertThat(warnings)
        .containsExactly(
            "pbs target pbs01: store main: HTTP 500", "pbs target pbs01: store main: HTTP 503");
    assertThat(cleared).containsExactly("pbs target pbs01: store main");
    log.detachAppender(seen);
  }
}
