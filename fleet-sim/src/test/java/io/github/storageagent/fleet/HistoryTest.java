package io.github.storageagent.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HistoryTest {

  private static final long START = 1_800_000_000L;

  private static SimulatedNode node(int index) {
    return new SimulatedNode(
        index,
        "127.0.1." + index + ":9958",
        Template.parse(SimulatedNodeTest.TEMPLATE),
        Set.of(),
        1);
  }

  @Test
  void writesThePastOfTheLongWindowSeriesWithTheScrapeLabelsInTimeOrder() throws Exception {
    SimulatedNode one = node(1);
    StringWriter out = new StringWriter();
    long samples = History.write(out, List.of(one, node(2)), START, 60, 15);

    List<String> lines = out.toString().lines().toList();
    // 2 nodes x 1 pool x 4 steps; the template's other families have no history.
    assertThat(samples).isEqualTo(8);
    assertThat(lines.get(0)).isEqualTo("# TYPE storage_lvm_thinpool_data_used_ratio gauge");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("# EOF");
    assertThat(lines.get(1))
        .startsWith(
            "storage_lvm_thinpool_data_used_ratio"
                + "{pool=\"data\",vg=\"pve\",instance=\"127.0.1.1:9958\",job=\"storage-agent\"} ")
        .endsWith(" " + (START - 60));
    assertThat(lines.get(4)).endsWith(" " + (START - 15));
    assertThat(lines.get(5)).contains("instance=\"127.0.1.2:9958\"").endsWith(" " + (START - 60));
    assertThat(out.toString()).doesNotContain("storage_disk_read_bytes_total");

    // The past continues into what the node serves from its start: the pool fills over time.
    double first = Double.parseDouble(lines.get(1).split(" ")[1]);
    double last = Double.parseDouble(lines.get(4).split(" ")[1]);
    double served =
        SimulatedNodeTest.values(one, 0)
            .get("storage_lvm_thinpool_data_used_ratio{pool=data, vg=pve}");
    assertThat(first).isLessThanOrEqualTo(last);
    assertThat(last).isLessThanOrEqualTo(served);
  }

  @Test
  void refusesAnEmptyWindow() {
    assertThatThrownBy(() -> History.write(new StringWriter(), List.of(node(1)), START, 0, 15))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
