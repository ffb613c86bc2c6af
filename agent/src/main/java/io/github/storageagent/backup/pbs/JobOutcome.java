package io.github.storageagent.backup.pbs;

import io.github.storageagent.backup.TaskStatus;
import java.util.Optional;

/**
 * The outcome of a PBS job's last run from its {@code last-run-state}: {@code OK} and {@code
 * WARNINGS: n} are success; {@code unknown} (outcome lost) and error texts are failure; no state
 * means the job never finished a run, or is running now.
 */
final class JobOutcome {

  private JobOutcome() {}

  static Optional<Boolean> success(String lastRunState, Long lastRunEndtime) {
    if (lastRunState == null || lastRunState.isBlank()) {
      return Optional.empty();
    }
    if (lastRunEndtime == null && lastRunState.equals("unknown")) {
      return Optional.empty();
    }
    return Optional.of(TaskStatus.isSuccess(lastRunState));
  }
}
