package io.github.storageagent.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The whole config file. Every section is optional: with no file at all the defaults serve a
 * Proxmox node.
 *
 * @param disk the IO-latency collector
 * @param backup the PBS targets and the node's vzdump jobs
 */
public record AgentConfig(
    @JsonProperty("disk") DiskConfig disk, @JsonProperty("backup") BackupConfig backup) {

  public AgentConfig {
    if (disk == null) {
      disk = DiskConfig.defaults();
    }
    if (backup == null) {
      backup = BackupConfig.defaults();
    }
  }

  public static AgentConfig defaults() {
    return new AgentConfig(null, null);
  }

  public AgentConfig withBackup(BackupConfig replacement) {
    return new AgentConfig(disk, replacement);
  }
}
