package io.github.storageagent.config;

import java.util.Map;

/**
 * The whole config file. Every section is optional: with no file at all the defaults serve a
 * Proxmox node.
 *
 * @param disk the IO-latency collector
 * @param smart the SMART collector
 * @param lvm the LVM-thin collector
 * @param backup the PBS targets and the node's vzdump jobs
 */
public record AgentConfig(DiskConfig disk, SmartConfig smart, LvmConfig lvm, BackupConfig backup) {

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

  /**
   * The config file's top level; {@code environment} is where {@code token_secret_env} and {@code
   * token_secret_credential} are looked up.
   */
  static AgentConfig from(ConfigNode node, Map<String, String> environment) {
    return new AgentConfig(
        node.mapping("disk", DiskConfig::from),
        node.mapping("smart", SmartConfig::from),
        node.mapping("lvm", LvmConfig::from),
        node.mapping("backup", n -> BackupConfig.from(n, environment)));
  }

  public AgentConfig withBackup(BackupConfig replacement) {
    return new AgentConfig(disk, smart, lvm, replacement);
  }
}
