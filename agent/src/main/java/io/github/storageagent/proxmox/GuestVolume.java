package io.github.storageagent.proxmox;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A volume name as Proxmox VE's storage plugins make them, parsed into the guest it belongs to.
 * This is the one place that knows those names; the disk and LVM collectors both use it.
 *
 * <p>Recognised: {@code vm-100-disk-0}, {@code base-9000-disk-1} (template), {@code
 * vm-100-state-before_upgrade} (RAM state of a snapshot), {@code vm-100-cloudinit}, {@code
 * subvol-100-disk-0} / {@code basevol-...} (containers on directory-like storages), and LVM-thin
 * snapshot volumes {@code snap_vm-100-disk-0_before_upgrade}.
 *
 * @param vmid the guest's id
 * @param kind what the volume holds
 * @param snapshot the snapshot name, for {@link Kind#SNAPSHOT} and {@link Kind#STATE}
 */
public record GuestVolume(String vmid, Kind kind, Optional<String> snapshot) {

  /** What a Proxmox volume holds. */
  public enum Kind {
    DISK,
    TEMPLATE_DISK,
    STATE,
    CLOUDINIT,
    SNAPSHOT
  }

  private static final Pattern SNAPSHOT =
      Pattern.compile("^snap_((?:vm|base)-(\\d+)-disk-\\d+)_(.+)$");
  private static final Pattern STATE = Pattern.compile("^vm-(\\d+)-state-(.+)$");
  private static final Pattern CLOUDINIT = Pattern.compile("^vm-(\\d+)-cloudinit$");
  private static final Pattern DISK =
      Pattern.compile("^(vm|base|subvol|basevol)-(\\d+)-disk-\\d+(?:\\.[a-z0-9]+)?$");

  /** Parses an LV or volume name; empty if it is not a Proxmox guest volume. */
  public static Optional<GuestVolume> parse(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = SNAPSHOT.matcher(name);
    if (m.matches()) {
      return Optional.of(new GuestVolume(m.group(2), Kind.SNAPSHOT, Optional.of(m.group(3))));
    }
    m = STATE.matcher(name);
    if (m.matches()) {
      return Optional.of(new GuestVolume(m.group(1), Kind.STATE, Optional.of(m.group(2))));
    }
    m = CLOUDINIT.matcher(name);
    if (m.matches()) {
      return Optional.of(new GuestVolume(m.group(1), Kind.CLOUDINIT, Optional.empty()));
    }
    m = DISK.matcher(name);
    if (m.matches()) {
      Kind kind = m.group(1).startsWith("base") ? Kind.TEMPLATE_DISK : Kind.DISK;
      return Optional.of(new GuestVolume(m.group(2), kind, Optional.empty()));
    }
    return Optional.empty();
  }

  /** The vmid of a Proxmox volume name, or "" for any other name (label-friendly). */
  public static String vmidOf(String name) {
    return parse(name).map(GuestVolume::vmid).orElse("");
  }
}
