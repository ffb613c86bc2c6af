package io.github.storageagent.smart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceNamingTest {

  @ParameterizedTest(name = "{0} -d {1} -> {2} / {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "/dev/nvme0       | nvme              | nvme0                | ''",
        "/dev/nvme12      | nvme              | nvme12               | ''",
        "/dev/nvme1n1     | nvme              | nvme1                | nvme1n1",
        "/dev/nvme0n2     | ''                | nvme0                | nvme0n2",
        "/dev/sda         | sat               | sda                  | sda",
        "/dev/sdaa        | scsi              | sdaa                 | sdaa",
        "/dev/sda         | sat,12            | sda                  | sda",
        "/dev/sda         | ''                | sda                  | sda",
        "/dev/sda         | null              | sda                  | sda",
        "/dev/bus/0       | megaraid,1        | bus0_megaraid1       | ''",
        "/dev/bus/0       | sat+megaraid,1    | bus0_megaraid1       | ''",
        "/dev/bus/12      | megaraid,31       | bus12_megaraid31     | ''",
        "/dev/sda         | megaraid,4        | sda_megaraid4        | ''",
        "/dev/sg1         | cciss,0           | sg1_cciss0           | ''",
        "/dev/sg2         | areca,3/1         | sg2_areca3_1         | ''",
        "/dev/twa0        | 3ware,2           | twa0_3ware2          | ''",
        "/dev/sda         | sat+jmb39x-q,1    | sda_jmb39x_q1        | ''",
        "/dev/sg0         | scsi              | sg0                  | ''",
        "/dev/disk/by-id/ata-X | sat          | disk_by-id_ata-X     | ''"
      })
  void labelsAndBlockDevices(String name, String type, String label, String block) {
    assertThat(DeviceNaming.label(name, type)).isEqualTo(label);
    assertThat(DeviceNaming.blockDevice(name, type)).isEqualTo(block);
  }
}
