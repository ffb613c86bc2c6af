package io.github.storageagent.proxmox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class GuestVolumeTest {

  @Test
  void guestDisks() {
    assertThat(GuestVolume.parse("vm-100-disk-0"))
        .contains(new GuestVolume("100", GuestVolume.Kind.DISK, Optional.empty()));
    assertThat(GuestVolume.parse("subvol-105-disk-1"))
        .contains(new GuestVolume("105", GuestVolume.Kind.DISK, Optional.empty()));
    assertThat(GuestVolume.parse("vm-120-disk-2.qcow2").map(GuestVolume::vmid)).contains("120");
  }

  @Test
  void templateDisks() {
    assertThat(GuestVolume.parse("base-9000-disk-0"))
        .contains(new GuestVolume("9000", GuestVolume.Kind.TEMPLATE_DISK, Optional.empty()));
  }

  @Test
  void ramStateOfASnapshot() {
    assertThat(GuestVolume.parse("vm-100-state-before_upgrade"))
        .contains(new GuestVolume("100", GuestVolume.Kind.STATE, Optional.of("before_upgrade")));
  }

  @Test
  void cloudInitDrive() {
    assertThat(GuestVolume.parse("vm-104-cloudinit").map(GuestVolume::kind))
        .contains(GuestVolume.Kind.CLOUDINIT);
  }

  @Test
  void thinSnapshotVolumes() {
    assertThat(GuestVolume.parse("snap_vm-101-disk-0_nightly"))
        .contains(new GuestVolume("101", GuestVolume.Kind.SNAPSHOT, Optional.of("nightly")));
  }

  @Test
  void otherNamesAreNotGuests() {
    assertThat(GuestVolume.parse("data")).isEmpty();
    assertThat(GuestVolume.parse("root")).isEmpty();
    assertThat(GuestVolume.parse("vm-abc-disk-0")).isEmpty();
    assertThat(GuestVolume.parse("backup-vm-100-disk-0")).isEmpty();
    assertThat(GuestVolume.parse("")).isEmpty();
    assertThat(GuestVolume.parse(null)).isEmpty();
    assertThat(GuestVolume.vmidOf("swap")).isEmpty();
    assertThat(GuestVolume.vmidOf("vm-7-disk-0")).isEqualTo("7");
  }
}
