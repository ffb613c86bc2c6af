package io.github.storageagent.lvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.lvm.ThinPoolHealth.State;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThinPoolHealthTest {

  private static LogicalVolume pool(String attr, String healthStatus) {
    return new LogicalVolume(
        "pve",
        "data",
        LvAttr.parse(attr),
        1L << 40,
        "",
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        OptionalLong.empty(),
        "queue",
        healthStatus);
  }

  @ParameterizedTest(name = "attr {0} + health \"{1}\" -> {2}")
  @CsvSource({
    // lvm sets both together
    "twi-aotz--, '', ok",
    "twi-aot-D-, out_of_data, out_of_data",
    "twi-aot-M-, metadata_read_only, metadata_read_only",
    "twi-aot-F-, failed, failed",
    "twi-aot-p-, partial, partial",
    // only the attr (an options list without lv_health_status)
    "twi-aot-D-, '', out_of_data",
    "twi-aot-M-, '', metadata_read_only",
    "twi-aot-F-, '', failed",
    "twi-cot---, '', check_needed",
    "twi-Cot---, '', check_needed",
    "twi-sot---, '', suspended",
    "tri-aot---, '', read_only",
    "tRi-aot---, '', read_only",
    "twi-aot-X-, '', unknown",
    "twi-Xot---, '', unknown",
    // inactive: lvm has no kernel status, which is no evidence of a problem
    "twi---tz--, '', unknown",
    // only the words
    "twi-aotz--, out_of_data, out_of_data",
    "twi-aotz--, METADATA_READ_ONLY, metadata_read_only",
    "twi-aotz--, undefined, unknown",
    "twi-aotz--, some_future_word, unknown",
    // several apply: the one that hurts guests most wins
    "twi-cot-p-, '', check_needed",
    "tri-aot-D-, '', out_of_data",
    "twi-sot-F-, '', failed",
    "twi---tz--, partial, partial",
  })
  void decides(String attr, String healthStatus, String expected) {
    assertThat(ThinPoolHealth.of(pool(attr, healthStatus)).label()).isEqualTo(expected);
  }

  @Test
  void exportsExactlyTheStatesTheAlertRulesKnow() {
    assertThat(Arrays.stream(State.values()).map(State::label))
        .containsExactlyInAnyOrder(
            "ok",
            "out_of_data",
            "metadata_read_only",
            "failed",
            "check_needed",
            "partial",
            "suspended",
            "read_only",
            "unknown");
  }
}
