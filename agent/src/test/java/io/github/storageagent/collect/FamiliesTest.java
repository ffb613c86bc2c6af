package io.github.storageagent.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.storageagent.testing.Exposition;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FamiliesTest {

  static final Family SIZE = Family.gauge("test_size_bytes", Unit.BYTES, "Size.", "device", "pool");
  static final Family READS = Family.counter("test_reads_total", "Reads.", "device");
  static final Family DEVICE = Family.info("test_device_info", "Identity.", "device", "model");
  static final Family HEALTH = Family.stateSet("test_health", "Health.", "state", "pool", "state");

  @Test
  void familiesWithoutPointsAreLeftOut() {
    List<MetricSnapshot> out =
        new Families()
            .add(SIZE, OptionalLong.empty(), "sda", "p")
            .add(READS, OptionalDouble.empty(), "sda")
            .add(SIZE, Optional.<Long>empty(), "sda", "p")
            .add(READS, 3, "sda")
            .build();
    assertThat(out)
        .extracting(m -> m.getMetadata().getPrometheusName())
        .containsExactly("test_reads");
    assertThat(new Families().build()).isEmpty();
  }

  @Test
  void textFormatCarriesTheDeclaredNames() {
    Exposition e =
        Exposition.of(
            new Families()
                .add(SIZE, 512, "sda", "data")
                .add(READS, 7, "sda")
                .info(DEVICE, "sda", "ST4000")
                .states(HEALTH, Labels.of("pool", "data"), List.of("ok", "failed"), "ok")
                .build());
    assertThat(e.all())
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of(
                "test_size_bytes{device=\"sda\",pool=\"data\"}", 512.0,
                "test_reads_total{device=\"sda\"}", 7.0,
                "test_device_info{device=\"sda\",model=\"ST4000\"}", 1.0,
                "test_health{pool=\"data\",state=\"ok\"}", 1.0,
                "test_health{pool=\"data\",state=\"failed\"}", 0.0));
    assertThat(e.text()).contains("# TYPE test_device_info gauge\n");
  }

  @Test
  void infoFamiliesAreTypedInfoInOpenMetrics() throws Exception {
    List<MetricSnapshot> out = new Families().info(DEVICE, "sda", "ST4000").build();
    assertThat(out).singleElement().isInstanceOf(InfoSnapshot.class);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OpenMetricsTextFormatWriter.create().write(bytes, new MetricSnapshots(out));
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("# TYPE test_device info\n")
        .contains("test_device_info{device=\"sda\",model=\"ST4000\"} 1\n");
  }

  @Test
  void aRepeatedLabelSetKeepsTheFirstPoint() {
    Exposition e = Exposition.of(new Families().add(READS, 1, "sda").add(READS, 2, "sda").build());
    assertThat(e.value("test_reads_total{device=\"sda\"}")).isEqualTo(1.0);
  }

  @Test
  void aNegativeCounterIsLeftOut() {
    assertThat(new Families().add(READS, -1, "sda").build()).isEmpty();
  }

  @Test
  void pointsMayLeaveOutADeclaredLabelButCarryNoOther() {
    assertThat(new Families().add(SIZE, 1, Labels.of("device", "sda")).build()).hasSize(1);
    assertThatThrownBy(() -> new Families().add(SIZE, 1, Labels.of("disk", "sda")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("test_size_bytes");
    assertThatThrownBy(() -> new Families().add(SIZE, 1, "sda"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eachKindOnlyTakesItsOwnPoints() {
    assertThatThrownBy(() -> new Families().add(DEVICE, 1, "sda", "m"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Families().info(SIZE, "sda", "p"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Families().states(SIZE, Labels.EMPTY, List.of("ok"), "ok"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void declarationsFollowTheNamingRules() {
    assertThatThrownBy(() -> Family.counter("test_reads", "Reads.")).hasMessageContaining("_total");
    assertThatThrownBy(() -> Family.info("test_device", "Identity.")).hasMessageContaining("_info");
    assertThatThrownBy(() -> Family.gauge("test_size", "Size.", "pool", "device"))
        .hasMessageContaining("alphabetical");
    assertThatThrownBy(() -> Family.stateSet("test_health", "Health.", "state", "pool"))
        .hasMessageContaining("state label");
  }
}
