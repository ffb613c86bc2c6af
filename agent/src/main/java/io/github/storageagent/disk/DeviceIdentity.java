package io.github.storageagent.disk;

/**
 * What names a block device for humans: hardware model and serial, and for device-mapper devices
 * the dm name, the LVM VG/LV behind it and the Proxmox guest that owns the LV. Empty strings where
 * unknown, so the label set of {@code storage_disk_info} is stable.
 */
public record DeviceIdentity(
    String model, String serial, String dmName, String vg, String lv, String vmid) {

  public static final DeviceIdentity UNKNOWN = new DeviceIdentity("", "", "", "", "", "");
}
