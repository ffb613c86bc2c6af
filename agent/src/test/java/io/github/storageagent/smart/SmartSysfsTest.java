package io.github.storageagent.smart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmartSysfsTest {

  @TempDir Path sysfs;

  private static final SmartDevice NVME0 = SmartDevice.of("/dev/nvme0", "nvme", "NVMe");

  private void write(String path, String content) throws Exception {
    Path file = sysfs.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private void dir(String path) throws Exception {
    Files.createDirectories(sysfs.resolve(path));
  }

  /** An NVMe controller as the kernel lays it out, with namespaces {@code ns}. */
  private void nvmeController(String ctrl, String... namespaces) throws Exception {
    write("class/nvme/" + ctrl + "/serial", "S64GNE0R601234      \n");
    write("class/nvme/" + ctrl + "/model", "SAMSUNG MZQL21T9HCJR-00A07              \n");
    write("class/nvme/" + ctrl + "/firmware_rev", "GDC5602Q\n");
    for (String ns : namespaces) {
      dir("class/nvme/" + ctrl + "/" + ns);
    }
  }

  @Test
  void nvmeControllerJoinsOnItsFirstNamespaceInIdOrder() throws Exception {
    nvmeController("nvme0", "nvme0n10", "nvme0n2", "nvme0n1");
    for (String b : new String[] {"nvme0n1", "nvme0n2", "nvme0n10"}) {
      dir("block/" + b);
    }
    SmartSysfs s = new SmartSysfs(sysfs);

    assertThat(s.namespaces("nvme0")).containsExactly("nvme0n1", "nvme0n2", "nvme0n10");
    assertThat(s.blockDevice(NVME0)).isEqualTo("nvme0n1");
  }

  @Test
  void nativeMultipathNamespaceMapsToTheBlockDeviceName() throws Exception {
    // Controller nvme1 of subsystem 0: its namespace folder is nvme0c1n1, the block device nvme0n1.
    nvmeController("nvme1", "nvme0c1n1");
    dir("block/nvme0n1");

    assertThat(new SmartSysfs(sysfs).blockDevice(SmartDevice.of("/dev/nvme1", "nvme", "NVMe")))
        .isEqualTo("nvme0n1");
  }

  @Test
  void controllerWithoutNamespacesHasNoBlockDevice() throws Exception {
    nvmeController("nvme0");
    assertThat(new SmartSysfs(sysfs).blockDevice(NVME0)).isEmpty();
    assertThat(new SmartSysfs(sysfs.resolve("missing")).blockDevice(NVME0)).isEmpty();
  }

  @Test
  void namedNamespaceAndSataDisksKeepTheirOwnBlockDevice() throws Exception {
    SmartSysfs s = new SmartSysfs(sysfs);
    assertThat(s.blockDevice(SmartDevice.of("/dev/nvme0n2", "nvme", "NVMe"))).isEqualTo("nvme0n2");
    assertThat(s.blockDevice(SmartDevice.of("/dev/sda", "sat", "ATA"))).isEqualTo("sda");
    assertThat(s.blockDevice(SmartDevice.of("/dev/bus/0", "megaraid,1", ""))).isEmpty();
    assertThat(SmartSysfs.NONE.blockDevice(NVME0)).isEmpty();
  }

  @Test
  void nvmeIdentityFromTheControllerAndEuiFromTheFirstNamespace() throws Exception {
    nvmeController("nvme0", "nvme0n1");
    write("block/nvme0n1/wwid", "eui.0025385791b4f537\n");

    assertThat(new SmartSysfs(sysfs).identify(NVME0))
        .contains(
            new DeviceIdentity(
                "nvme",
                "NVMe",
                "SAMSUNG MZQL21T9HCJR-00A07",
                "",
                "S64GNE0R601234",
                "GDC5602Q",
                "0x0025385791b4f537"));
  }

  @Test
  void sataIdentityFromVpdPageAndWwid() throws Exception {
    write("block/sdb/device/vendor", "ATA     \n");
    write("block/sdb/device/model", "WDC WD4003FZEX-0\n");
    write("block/sdb/device/rev", "1A01\n");
    byte[] text = "     WD-WMC5D0D4XK1R".getBytes(StandardCharsets.US_ASCII);
    byte[] page = new byte[4 + text.length];
    page[1] = (byte) 0x80;
    page[3] = (byte) text.length;
    System.arraycopy(text, 0, page, 4, text.length);
    Files.write(sysfs.resolve("block/sdb/device/vpd_pg80"), page);
    write("block/sdb/device/wwid", "naa.50014ee2b1c2d3e4\n");

    assertThat(new SmartSysfs(sysfs).identify(SmartDevice.of("/dev/sdb", "sat", "ATA")))
        .contains(
            new DeviceIdentity(
                "sat",
                "ATA",
                "WDC WD4003FZEX-0",
                "",
                "WD-WMC5D0D4XK1R",
                "1A01",
                "0x50014ee2b1c2d3e4"));
  }

  @Test
  void scsiModelIsVendorAndProduct() throws Exception {
    write("block/sdc/device/vendor", "SEAGATE \n");
    write("block/sdc/device/model", "ST373453LC      \n");
    write("block/sdc/device/wwid", "t10.SEAGATE ST373453LC 3HW1\n");

    assertThat(new SmartSysfs(sysfs).identify(SmartDevice.of("/dev/sdc", "scsi", "SCSI")))
        .hasValueSatisfying(
            id -> {
              assertThat(id.model()).isEqualTo("SEAGATE ST373453LC");
              assertThat(id.serial()).isEmpty();
              assertThat(id.wwn()).isEmpty();
            });
  }

  @Test
  void nothingForDisksBehindRaidOrUnknownToSysfs() throws Exception {
    write("block/sda/device/model", "ST4000NM0035\n");
    SmartSysfs s = new SmartSysfs(sysfs);

    assertThat(s.identify(SmartDevice.of("/dev/sda", "sat+megaraid,1", "ATA"))).isEmpty();
    assertThat(s.identify(SmartDevice.of("/dev/sdz", "sat", "ATA"))).isEmpty();
    assertThat(s.identify(SmartDevice.of("/dev/nvme7", "nvme", "NVMe"))).isEmpty();
    assertThat(SmartSysfs.NONE.identify(SmartDevice.of("/dev/sda", "sat", "ATA"))).isEmpty();
  }
}
