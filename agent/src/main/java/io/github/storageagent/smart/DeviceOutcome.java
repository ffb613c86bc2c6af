package io.github.storageagent.smart;

import java.time.Instant;

/** What one smartctl call for one device amounted to. */
public sealed interface DeviceOutcome {

  /** When the call started; a reading is served for {@code max_age} from here. */
  Instant startedAt();

  /** smartctl read the device; exit bits 2-7 may be set and are facts about the disk. */
  record Read(Instant startedAt, SmartReading reading, ExitStatus exit) implements DeviceOutcome {}

  /**
   * The disk was in a low-power mode and smartctl left it alone ({@code --nocheck}): not an error.
   *
   * @param powerMode the mode smartctl reported, e.g. STANDBY
   */
  record Asleep(Instant startedAt, String powerMode, ExitStatus exit) implements DeviceOutcome {}

  /** smartctl answered but had no data (exit bits 0-1): open failed, no IDENTIFY, bad option. */
  record NoData(Instant startedAt, ExitStatus exit, String reason) implements DeviceOutcome {}

  /** No usable answer: timeout, output over the cap, garbage, crash, or smartctl did not start. */
  record Failed(Instant startedAt, String reason) implements DeviceOutcome {}
}
