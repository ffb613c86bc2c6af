package io.github.storageagent.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SysfsDriveTest {

  @Test
  void wwnFromNaaAndEuiWwids() {
    assertThat(SysfsDrive.wwn("naa.5000C500A1B2C3D4\n")).contains("0x5000c500a1b2c3d4");
    assertThat(SysfsDrive.wwn("eui.0025385791b4f537")).contains("0x0025385791b4f537");
  }

  @Test
  void noWwnFromOtherForms() {
    // t10 vendor ids, NVMe's fallback "nvme." ids, 32-digit NAA/EUI names and empty ids
    assertThat(SysfsDrive.wwn("t10.ATA     LAB SATA HDD                            LABSATA0"))
        .isEmpty();
    assertThat(SysfsDrive.wwn("nvme.1b36-4c41424e564d4530-51454d55204e564d65204374726c-00000001"))
        .isEmpty();
    assertThat(SysfsDrive.wwn("naa.6005076801810523d800000000000123")).isEmpty();
    assertThat(SysfsDrive.wwn("eui.0000000000000000")).isEmpty();
    assertThat(SysfsDrive.wwn("")).isEmpty();
  }
}
