package io.github.storageagent.backup.pve;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A finished vzdump task and what its log says about each guest.
 *
 * @param entry the task as listed in the task index
 * @param guests per vmid, the guest's outcome in this task
 */
public record VzdumpTask(TaskIndex.Entry entry, Map<String, VzdumpLog.Guest> guests) {

  public VzdumpTask {
    guests = Collections.unmodifiableMap(new LinkedHashMap<>(guests));
  }
}
