package io.github.storageagent.disk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceMapperNameTest {

  @Test
  void undoublesDashesInsideVgAndLvNames() {
    assertThat(DeviceMapperName.parseLvm("pve-vm--100--disk--0"))
        .contains(new DeviceMapperName("pve", "vm-100-disk-0", ""));
    assertThat(DeviceMapperName.parseLvm("ssd--pool-vm--101--state--pre--upgrade"))
        .contains(new DeviceMapperName("ssd-pool", "vm-101-state-pre-upgrade", ""));
  }

  @Test
  void separatesTheLayerSuffixOfPoolInternals() {
    assertThat(DeviceMapperName.parseLvm("pve-data-tpool"))
        .contains(new DeviceMapperName("pve", "data", "tpool"));
    assertThat(DeviceMapperName.parseLvm("pve-data_tdata"))
        .contains(new DeviceMapperName("pve", "data_tdata", ""));
  }

  @Test
  void rejectsNamesWithoutAVgLvSeparator() {
    assertThat(DeviceMapperName.parseLvm("cryptroot")).isEmpty();
    assertThat(DeviceMapperName.parseLvm("-lv")).isEmpty();
    assertThat(DeviceMapperName.parseLvm("a--b")).isEmpty();
  }
}
