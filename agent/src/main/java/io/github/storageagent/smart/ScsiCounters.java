package io.github.storageagent.smart;

import java.util.Map;
import java.util.OptionalLong;

/**
 * SCSI/SAS health counters.
 *
 * @param grownDefects entries in the grown defect list (sectors remapped since manufacture)
 * @param uncorrectedErrors total uncorrected errors by operation: read, write, verify
 * @param startStopCycles accumulated start-stop cycles, the SCSI counterpart of power cycles
 */
public record ScsiCounters(
    OptionalLong grownDefects, Map<String, Long> uncorrectedErrors, OptionalLong startStopCycles) {

  public ScsiCounters {
    uncorrectedErrors = Map.copyOf(uncorrectedErrors);
  }

  public boolean isEmpty() {
    return grownDefects.isEmpty() && uncorrectedErrors.isEmpty() && startStopCycles.isEmpty();
  }
}
