package io.github.storageagent.backup.pve;

import io.github.storageagent.backup.RunOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Each guest's backup state on this node from its finished vzdump tasks: the outcome of the newest
 * task that included it, and the end of the newest task that backed it up. A guest is known by its
 * vmid alone, as a vmid is unique in the cluster.
 */
final class GuestBackups {

  private GuestBackups() {}

  /** One entry per guest any of {@code tasks} included, by vmid in numeric order. */
  static List<PveBackupReading.Guest> of(List<VzdumpTask> tasks) {
    List<VzdumpTask> oldestFirst =
        tasks.stream()
            .sorted(Comparator.comparingLong(t -> t.entry().parsed().startTime()))
            .toList();
    Map<String, String> types = new HashMap<>();
    Map<String, Long> lastSuccess = new HashMap<>();
    Map<String, RunOutcome> lastAttempt = new TreeMap<>(Comparator.comparingLong(Long::parseLong));
    for (VzdumpTask task : oldestFirst) {
      long end = task.entry().endTime().orElseThrow();
      for (var g : task.guests().entrySet()) {
        String vmid = g.getKey();
        if (!g.getValue().type().isEmpty()) {
          types.put(vmid, g.getValue().type());
        }
        lastAttempt.put(vmid, outcome(g.getValue()));
        if (g.getValue().success()) {
          lastSuccess.put(vmid, end);
        }
      }
    }
    List<PveBackupReading.Guest> out = new ArrayList<>();
    lastAttempt.forEach(
        (vmid, outcome) ->
            out.add(
                new PveBackupReading.Guest(
                    vmid,
                    types.getOrDefault(vmid, ""),
                    Optional.ofNullable(lastSuccess.get(vmid)),
                    outcome)));
    return out;
  }

  /** A guest that finished with warnings in its part of the log is backed up, with warnings. */
  static RunOutcome outcome(VzdumpLog.Guest g) {
    if (!g.success()) {
      return RunOutcome.FAILED;
    }
    return g.warnings() > 0 ? RunOutcome.WARNINGS : RunOutcome.OK;
  }
}
