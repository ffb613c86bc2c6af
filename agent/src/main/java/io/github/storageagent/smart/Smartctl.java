package io.github.storageagent.smart;

import io.github.storageagent.exec.CommandResult;
import io.github.storageagent.exec.ExecException;

/** The two smartctl calls the collector makes. */
public interface Smartctl {

  /** {@code smartctl --scan-open --json}. */
  CommandResult scan() throws ExecException, InterruptedException;

  /**
   * One device's identity, health, attributes, error and self-test logs, device statistics and SCT
   * temperature status, without waking it.
   */
  CommandResult read(SmartDevice device) throws ExecException, InterruptedException;
}
