package io.github.storageagent;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the node's pseudo-filesystems are mounted; shared by the agent and {@code doctor}. */
final class NodePaths {

  @Option(
      names = "--path.procfs",
      defaultValue = "/proc",
      description = "procfs mountpoint (default: ${DEFAULT-VALUE}).")
  Path procfs;

  @Option(
      names = "--path.sysfs",
      defaultValue = "/sys",
      description = "sysfs mountpoint (default: ${DEFAULT-VALUE}).")
  Path sysfs;
}
