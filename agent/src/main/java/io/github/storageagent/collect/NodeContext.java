package io.github.storageagent.collect;

import io.github.storageagent.exec.Executables;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Where collectors read the node from, and what they share: the demo node points the paths at its
 * own trees and puts its own programs first on the search path.
 *
 * @param procfs where procfs is mounted
 * @param sysfs where sysfs is mounted
 * @param executables where smartctl, lvs and vgs are found
 * @param clock the agent's clock
 * @param timer the agent's one timer thread, for short timed tasks (the scheduler's ticks, closing
 *     a request that ran out of time, a look at the web config's files); never for work that can
 *     block on a command or the network
 */
public record NodeContext(
    Path procfs, Path sysfs, Executables executables, Clock clock, ScheduledExecutorService timer) {

  /** A timer as the agent runs it: one daemon thread. */
  public static ScheduledExecutorService newTimer() {
    return Executors.newSingleThreadScheduledExecutor(
        r -> {
          Thread t = new Thread(r, "collector-timer");
          t.setDaemon(true);
          return t;
        });
  }
}
