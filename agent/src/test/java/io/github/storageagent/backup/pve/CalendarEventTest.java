package io.github.storageagent.backup.pve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CalendarEventTest {

  @Test
  void calendarSubset() {
    ZoneId utc = ZoneOffset.UTC;
    Instant sat = Instant.parse("2024-12-21T05:04:16Z");
    assertThat(CalendarEvent.parse("mon..fri 01:30").orElseThrow().next(sat, utc))
        .contains(Instant.parse("2024-12-23T01:30:00Z"));
    assertThat(CalendarEvent.parse("*/15").orElseThrow().next(sat, utc))
        .contains(Instant.parse("2024-12-21T05:15:00Z"));
    assertThat(CalendarEvent.parse("2,22:30").orElseThrow().next(sat, utc))
        .contains(Instant.parse("2024-12-21T22:30:00Z"));
    assertThat(CalendarEvent.parse("daily").orElseThrow().next(sat, utc))
        .contains(Instant.parse("2024-12-22T00:00:00Z"));
    assertThat(CalendarEvent.parse("sun,sat 05:00").orElseThrow().next(sat, utc))
        .contains(Instant.parse("2024-12-22T05:00:00Z"));
    assertThat(CalendarEvent.parse("*-*-01 00:00")).isEmpty();
    assertThat(CalendarEvent.parse("25:00")).isEmpty();
    assertThat(CalendarEvent.parse("")).isEmpty();
  }
}
