package io.github.storageagent.smart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExitStatusTest {

  @Test
  void decodesEveryBit() {
    ExitStatus all = new ExitStatus(255);
    assertThat(all.commandLineError()).isTrue();
    assertThat(all.deviceOpenFailed()).isTrue();
    assertThat(all.commandFailed()).isTrue();
    assertThat(all.diskFailing()).isTrue();
    assertThat(all.prefailBelowThreshold()).isTrue();
    assertThat(all.pastBelowThreshold()).isTrue();
    assertThat(all.errorLogHasRecords()).isTrue();
    assertThat(all.selfTestErrors()).isTrue();

    ExitStatus none = ExitStatus.OK;
    assertThat(none.noData()).isFalse();
    assertThat(none.diskFailing()).isFalse();
  }

  @Test
  void onlyBitsZeroAndOneMeanNoData() {
    assertThat(new ExitStatus(1).noData()).isTrue();
    assertThat(new ExitStatus(2).noData()).isTrue();
    for (int bits = 4; bits < 256; bits += 4) {
      assertThat(new ExitStatus(bits).noData()).as("exit %d", bits).isFalse();
    }
    ExitStatus failing = new ExitStatus(8 | 16 | 64);
    assertThat(failing.diskFailing()).isTrue();
    assertThat(failing.prefailBelowThreshold()).isTrue();
    assertThat(failing.errorLogHasRecords()).isTrue();
    assertThat(failing.pastBelowThreshold()).isFalse();
    assertThat(failing.selfTestErrors()).isFalse();
  }

  @Test
  void rejectsValuesAProcessCannotExitWith() {
    assertThatThrownBy(() -> new ExitStatus(256)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ExitStatus(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
