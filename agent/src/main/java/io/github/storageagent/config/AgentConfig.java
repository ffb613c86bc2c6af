package io.github.storageagent.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The whole config file. Every section is optional: with no file at all the defaults serve a
 * Proxmox node.
 *
 * @param disk the IO-latency collector
 * @param smart the SMART collector
 * @param lvm the LVM-thin collector
 */
public record AgentConfig(
    @JsonProperty("disk") DiskConfig disk,
    @JsonProperty("smart") SmartConfig smart,
    @JsonProperty("lvm") LvmConfig lvm) {

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
  }

  public static AgentConfig defaults() {
    return new AgentConfig(null, null, null);
  }
}
