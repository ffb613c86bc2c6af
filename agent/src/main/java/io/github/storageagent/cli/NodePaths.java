package io.github.storageagent.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the node's pseudo-filesystems are mounted; shared by the agent and {@code doctor}. */
public final class NodePaths {

  @Option(
      names = "--path.procfs",
      defaultValue = "/proc",
      description = "procfs mountpoint (default: ${DEFAULT-VALUE}).")
  public Path procfs;

  @Option(
      names = "--path.sysfs",
      defaultValue = "/sys",
      description = "sysfs mountpoint (default: ${DEFAULT-VALUE}).")
  public Path sysfs;
}
