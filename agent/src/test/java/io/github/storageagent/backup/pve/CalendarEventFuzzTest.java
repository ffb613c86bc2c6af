package io.github.storageagent.backup.pve;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Calendar events from jobs.cfg: not understood is empty; next run never throws nor hangs. */
class CalendarEventFuzzTest {

  private static final Instant NOW = Instant.parse("2026-03-29T00:30:00Z");

  @FuzzTest
  void parse(byte[] input) {
    CalendarEvent.parse(new String(input, UTF_8))
        .ifPresent(
            e -> {
              e.next(NOW, ZoneOffset.UTC);
              e.next(NOW, ZoneId.of("Europe/Berlin"));
            });
  }
}
