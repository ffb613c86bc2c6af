package io.github.storageagent.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The whole config file. Every section is optional: with no file at all the defaults serve a
 * Proxmox node.
 *
 * @param disk the IO-latency collector
 * @param smart the SMART collector
 * @param lvm the LVM-thin collector
 * @param backup the PBS targets and the node's vzdump jobs
 */
public record AgentConfig(
    @JsonProperty("disk") DiskConfig disk,
    @JsonProperty("smart") SmartConfig smart,
    @JsonProperty("lvm") LvmConfig lvm,
    @JsonProperty("backup") BackupConfig backup) {

  public AgentConfig {
    if (disk == null) {
      disk = DiskConfig.defaults();
    }
    if (smart == null) {
      smart = SmartConfig.defaults();
    }
    if (lvm == null) {
      lvm = LvmConfig.defaults();
    }
    if (backup == null) {
      backup = BackupConfig.defaults();
    }
  }

  public static AgentConfig defaults() {
    return new AgentConfig(null, null, null, null);
  }

  public AgentConfig withBackup(BackupConfig replacement) {
    return new AgentConfig(disk, smart, lvm, replacement);
  }
}
