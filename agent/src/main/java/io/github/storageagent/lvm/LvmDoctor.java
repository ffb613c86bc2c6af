package io.github.storageagent.lvm;

import io.github.storageagent.config.LvmConfig;
import io.github.storageagent.exec.CommandRunner;
import io.github.storageagent.exec.Executables;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** The doctor's LVM checks: is lvm there, which version, and may this user read the VGs. */
public final class LvmDoctor {

  private final LvmClient client;

  public LvmDoctor(LvmConfig config, Executables executables) {
    this.client =
        new LvmClient(
            executables, new CommandRunner(), config.lvsPath(), config.vgsPath(), config.timeout());
  }

  /** Prints one line per check; returns false if the collector cannot work on this node. */
  public boolean check(PrintWriter out) throws InterruptedException {
    var lvs = client.lvsPath();
    if (lvs.isEmpty()) {
      out.println(
          "lvm: FAIL, lvs not found (install lvm2, set lvm.lvs_path, or disable with"
              + " lvm.enabled: false)");
      return false;
    }
    try {
      out.printf("lvm: ok, %s (%s)%n", lvs.get(), client.version());
    } catch (LvmCommandException e) {
      out.printf("lvm: FAIL, %s%n", e.getMessage());
      return false;
    }
    try {
      List<VolumeGroup> vgs = LvmJsonParser.parse(client.vgs()).volumeGroups();
      List<ThinPool> pools = ThinPool.group(LvmJsonParser.parse(client.lvs()).logicalVolumes());
      out.printf(
          "lvm: ok, reads %d volume group(s) and %d thin pool(s)%s%n",
          vgs.size(),
          pools.size(),
          pools.isEmpty()
              ? ""
              : pools.stream()
                  .map(p -> p.vg() + "/" + p.name() + " " + p.health().label())
                  .collect(Collectors.joining(", ", ": ", "")));
      return true;
    } catch (LvmCommandException | LvmParseException e) {
      out.printf(
          "lvm: FAIL, cannot read the volume groups: %s (lvs needs root, or the unit's"
              + " capabilities)%n",
          e.getMessage());
      return false;
    }
  }
}
