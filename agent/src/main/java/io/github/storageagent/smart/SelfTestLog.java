package io.github.storageagent.smart;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The self-test state of a device whose self-test log smartctl read.
 *
 * @param lastCompleted the newest test that is not running, empty when the log has none
 * @param remainingPercent percent of the running test still to do, empty when none runs
 */
public record SelfTestLog(Optional<SelfTest> lastCompleted, OptionalLong remainingPercent) {

  public boolean inProgress() {
    return remainingPercent.isPresent();
  }
}
