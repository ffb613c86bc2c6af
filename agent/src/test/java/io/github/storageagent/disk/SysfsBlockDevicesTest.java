package io.github.storageagent.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsBlockDevicesTest {

  @TempDir Path sysfs;

  private Path device(String name) throws Exception {
    return Files.createDirectories(sysfs.resolve("block").resolve(name).resolve("device"));
  }

  /** VPD page 0x80 as the kernel exposes it: header, then the serial, space padded. */
  private static byte[] unitSerialPage(String serial) {
    byte[] text = ("  " + serial + "    ").getBytes(StandardCharsets.US_ASCII);
    byte[] page = new byte[4 + text.length];
    page[1] = (byte) 0x80;
    page[3] = (byte) text.length;
    System.arraycopy(text, 0, page, 4, text.length);
    return page;
  }

  @Test
  void nvmeAndVirtioSerialsComeFromDeviceSerial() throws Exception {
    Path d = device("nvme0n1");
    Files.writeString(d.resolve("model"), "Samsung SSD 990 PRO 2TB                 \n");
    Files.writeString(d.resolve("serial"), "S7DNNJ0W123456    \n");
    DeviceIdentity id = new SysfsBlockDevices(sysfs).identify("nvme0n1");
    assertThat(id.model()).isEqualTo("Samsung SSD 990 PRO 2TB");
    assertThat(id.serial()).isEqualTo("S7DNNJ0W123456");
  }

  @Test
  void sataSerialsComeFromTheUnitSerialNumberPage() throws Exception {
    Path d = device("sda");
    Files.writeString(d.resolve("model"), "LAB SATA HDD    \n");
    Files.write(d.resolve("vpd_pg80"), unitSerialPage("LABSATA0"));
    Files.writeString(
        d.resolve("wwid"), "t10.ATA     LAB SATA HDD                            OTHER0\n");
    assertThat(new SysfsBlockDevices(sysfs).identify("sda").serial()).isEqualTo("LABSATA0");
  }

  @Test
  void withoutThePageTheAtaWwidNamesTheSerial() throws Exception {
    Path d = device("sdb");
    Files.writeString(
        d.resolve("wwid"), "t10.ATA     LAB SATA HDD                            LABSATA1\n");
    assertThat(new SysfsBlockDevices(sysfs).identify("sdb").serial()).isEqualTo("LABSATA1");
    Files.writeString(d.resolve("wwid"), "naa.5000c500a1b2c3d4\n");
    assertThat(new SysfsBlockDevices(sysfs).identify("sdb").serial()).isEmpty();
  }

  @Test
  void aBrokenOrForeignPageIsNoSerial() throws Exception {
    Path d = device("sdc");
    Files.write(d.resolve("vpd_pg80"), new byte[] {0, (byte) 0x83, 0, 8, 'A', 'B'});
    assertThat(new SysfsBlockDevices(sysfs).identify("sdc").serial()).isEmpty();
    Files.write(d.resolve("vpd_pg80"), new byte[] {0, (byte) 0x80, 0, 100, 'A', 'B', 0, 0});
    assertThat(new SysfsBlockDevices(sysfs).identify("sdc").serial()).isEqualTo("AB");
    Files.write(d.resolve("vpd_pg80"), new byte[] {0, (byte) 0x80});
    assertThat(new SysfsBlockDevices(sysfs).identify("sdc").serial()).isEmpty();
  }
}
