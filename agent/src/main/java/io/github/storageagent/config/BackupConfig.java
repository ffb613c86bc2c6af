package io.github.storageagent.config;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The backup collectors: Proxmox Backup Server targets, each with its own credentials, and the
 * node's own vzdump jobs.
 *
 * @param pbs PBS targets; none by default (the {@code pbs} collector only runs with at least one)
 * @param pve the node's vzdump jobs and task logs
 */
public record BackupConfig(List<PbsTargetConfig> pbs, PveBackupConfig pve) {

  public BackupConfig {
    pbs = pbs == null ? List.of() : List.copyOf(pbs);
    if (pve == null) {
      pve = PveBackupConfig.defaults();
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < pbs.size(); i++) {
      if (!names.add(pbs.get(i).name())) {
        throw new InvalidValueException(
            "pbs[" + i + "].name", "duplicate target name '" + pbs.get(i).name() + "'");
      }
    }
  }

  public static BackupConfig defaults() {
    return new BackupConfig(null, null);
  }

  /** The {@code backup} section; {@code environment} is where PBS token secrets are looked up. */
  static BackupConfig from(ConfigNode node, Map<String, String> environment) {
    return new BackupConfig(
        node.mappings("pbs", n -> PbsTargetConfig.from(n, environment)),
        node.mapping("pve", PveBackupConfig::from));
  }
}
