package io.github.storageagent.lvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.lvm.LvAttr.Health;
import io.github.storageagent.lvm.LvAttr.Permission;
import io.github.storageagent.lvm.LvAttr.State;
import io.github.storageagent.lvm.LvAttr.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LvAttrTest {

  @Test
  void healthyActiveThinPool() {
    LvAttr a = LvAttr.parse("twi-aotz--");
    assertThat(a.type()).isEqualTo(Type.THIN_POOL);
    assertThat(a.permission()).isEqualTo(Permission.WRITABLE);
    assertThat(a.state()).isEqualTo(State.ACTIVE);
    assertThat(a.open()).isTrue();
    assertThat(a.targetType()).isEqualTo('t');
    assertThat(a.zeroing()).isTrue();
    assertThat(a.health()).isEqualTo(Health.NONE);
    assertThat(a.skipActivation()).isFalse();
    assertThat(a.active()).isTrue();
  }

  @Test
  void proxmoxSnapshotIsReadOnlyInactiveAndSkippedOnActivation() {
    LvAttr a = LvAttr.parse("Vri---tz-k");
    assertThat(a.type()).isEqualTo(Type.THIN_VOLUME);
    assertThat(a.permission()).isEqualTo(Permission.READ_ONLY);
    assertThat(a.state()).isEqualTo(State.INACTIVE);
    assertThat(a.active()).isFalse();
    assertThat(a.open()).isFalse();
    assertThat(a.zeroing()).isTrue();
    assertThat(a.skipActivation()).isTrue();
  }

  @ParameterizedTest(name = "{0}: type {1}, state {2}, health {3}")
  @CsvSource({
    "twi-aot-D-, THIN_POOL, ACTIVE, OUT_OF_DATA",
    "twi-aot-M-, THIN_POOL, ACTIVE, METADATA_READ_ONLY",
    "twi-aot-F-, THIN_POOL, ACTIVE, FAILED",
    "twi-cot---, THIN_POOL, CHECK_NEEDED, NONE",
    "twi-Cot---, THIN_POOL, SUSPENDED_CHECK_NEEDED, NONE",
    "twi-sot---, THIN_POOL, SUSPENDED, NONE",
    "twi-aot-p-, THIN_POOL, ACTIVE, PARTIAL",
    "twi-aot-X-, THIN_POOL, ACTIVE, UNKNOWN",
    "twi-Xot---, THIN_POOL, UNKNOWN, NONE",
    "twi---tz--, THIN_POOL, INACTIVE, NONE",
    "Vwi-aotzF-, THIN_VOLUME, ACTIVE, FAILED",
    "Vwi-a-tz--, THIN_VOLUME, ACTIVE, NONE",
    "Twi-ao----, THIN_POOL_DATA, ACTIVE, NONE",
    "ewi-------, METADATA, INACTIVE, NONE",
    "-wi-ao----, PLAIN, ACTIVE, NONE",
    "rwi---r-p-, RAID, INACTIVE, PARTIAL",
    "rwi-aor-r-, RAID, ACTIVE, REFRESH_NEEDED",
    "rwi-aor-m-, RAID, ACTIVE, MISMATCHES",
    "Cwi-aoC---, CACHE, ACTIVE, NONE",
    "swi-a-s---, SNAPSHOT, ACTIVE, NONE",
    "owi-aoC---, ORIGIN, ACTIVE, NONE",
  })
  void decodesTypeStateAndHealth(String attr, Type type, State state, Health health) {
    LvAttr a = LvAttr.parse(attr);
    assertThat(a.raw()).isEqualTo(attr);
    assertThat(a.type()).isEqualTo(type);
    assertThat(a.state()).isEqualTo(state);
    assertThat(a.health()).isEqualTo(health);
  }

  @Test
  void readOnlyActivationOfWritableVolume() {
    assertThat(LvAttr.parse("tRi-aotz--").permission()).isEqualTo(Permission.READ_ONLY_ACTIVATION);
  }

  @Test
  void noZeroingWhenPositionEightIsDash() {
    assertThat(LvAttr.parse("twi-aot---").zeroing()).isFalse();
  }

  @Test
  void shortAttrOfOldLvmReadsMissingPositionsAsNothingToReport() {
    LvAttr a = LvAttr.parse("-wi-a-");
    assertThat(a.type()).isEqualTo(Type.PLAIN);
    assertThat(a.state()).isEqualTo(State.ACTIVE);
    assertThat(a.health()).isEqualTo(Health.NONE);
    assertThat(a.skipActivation()).isFalse();
  }

  @Test
  void unknownLettersDecodeToOtherInsteadOfFailing() {
    LvAttr a = LvAttr.parse("?wi-?ot-?-");
    assertThat(a.type()).isEqualTo(Type.OTHER);
    assertThat(a.state()).isEqualTo(State.OTHER);
    assertThat(a.health()).isEqualTo(Health.OTHER);
    assertThat(LvAttr.parse(null).raw()).isEmpty();
  }
}
