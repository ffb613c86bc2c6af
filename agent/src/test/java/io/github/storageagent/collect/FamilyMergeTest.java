package io.github.storageagent.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class FamilyMergeTest {

  private static GaugeSnapshot up(String target, double value) {
    return GaugeSnapshot.builder()
        .name("storage_pbs_up")
        .help("1 if the target answered.")
        .dataPoint(
            GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(Labels.of("target", target))
                .value(value)
                .build())
        .build();
  }

  @Test
  void familiesOfOneNameFromSeveralCollectorsBecomeOne() {
    CounterSnapshot other =
        CounterSnapshot.builder()
            .name("storage_collector_errors")
            .help("Errors.")
            .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(3).build())
            .build();
    List<MetricSnapshot> merged = FamilyMerge.merge(List.of(up("pbs01", 1), other, up("pbs02", 0)));
    assertThat(merged).hasSize(2);
    assertThat(merged.get(0).getMetadata().getName()).isEqualTo("storage_pbs_up");
    assertThat(merged.get(0).getDataPoints()).hasSize(2);
    assertThat(merged.get(1)).isSameAs(other);
  }

  @Test
  void aNamePublishedWithTwoTypesIsRefused() {
    CounterSnapshot counter =
        CounterSnapshot.builder()
            .name("storage_pbs_up")
            .help("wrong")
            .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(1).build())
            .build();
    assertThatThrownBy(() -> FamilyMerge.merge(List.of(up("pbs01", 1), counter)))
        .hasMessageContaining("storage_pbs_up published with two types");
  }

  @Test
  void theSameLabelsFromTwoCollectorsAreRefusedByTheModel() {
    // Two collectors may not claim the same series: client_java refuses duplicate label sets.
    assertThatThrownBy(() -> FamilyMerge.merge(List.of(up("pbs01", 1), up("pbs01", 0))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
