package io.github.storageagent.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulatedNodeTest {

  static final String TEMPLATE =
      """
      # HELP storage_disk_read_bytes_total Bytes read.
      # TYPE storage_disk_read_bytes_total counter
      storage_disk_read_bytes_total{device="nvme0n1"} 1000000.0
      # TYPE storage_nvme_media_errors_total counter
      storage_nvme_media_errors_total{device="nvme0",serial="A"} 3.0
      # TYPE storage_smart_healthy gauge
      storage_smart_healthy{device="nvme0",serial="A"} 1.0
      storage_smart_healthy{device="nvme1",serial="B"} 1.0
      # TYPE storage_lvm_thinpool_data_used_ratio gauge
      storage_lvm_thinpool_data_used_ratio{pool="data",vg="pve"} 0.4
      # TYPE storage_pbs_backup_last_task_success gauge
      storage_pbs_backup_last_task_success{backup_id="100",comment="a \\"b\\" c"} 1.0
      # TYPE storage_collector_last_success_timestamp_seconds gauge
      storage_collector_last_success_timestamp_seconds{collector="smart"} 1700000000.0
      """;

  static Map<String, Double> values(SimulatedNode node, double seconds) {
    Template t = Template.parse(new String(node.render(seconds), StandardCharsets.UTF_8));
    Map<String, Double> out = new HashMap<>();
    for (Template.Line l : t.lines()) {
      if (l instanceof Template.Sample s) {
        out.put(s.name() + s.labels(), s.value());
      }
    }
    return out;
  }

  @Test
  void healthyNodeGrowsCountersKeepsErrorCountersAndPoolsBelowTheForecast() {
    Template template = Template.parse(TEMPLATE);
    assertThat(template.series()).isEqualTo(7);
    SimulatedNode node = new SimulatedNode(1, "127.0.1.1:9958", template, Set.of(), 1);
    Map<String, Double> t0 = values(node, 0);
    Map<String, Double> t1 = values(node, 3600);
    String read = "storage_disk_read_bytes_total{device=nvme0n1}";
    String errors = "storage_nvme_media_errors_total{device=nvme0, serial=A}";
    String pool = "storage_lvm_thinpool_data_used_ratio{pool=data, vg=pve}";
    String stamp = "storage_collector_last_success_timestamp_seconds{collector=smart}";
    assertThat(t1.get(read)).isGreaterThan(t0.get(read));
    assertThat(t1.get(errors)).isEqualTo(3.0);
    double perDay = (t1.get(pool) - t0.get(pool)) * 24;
    assertThat(t0.get(pool) + perDay).isLessThan(0.85);
    assertThat(t1.get(stamp) - t0.get(stamp)).isEqualTo(3600.0);
    assertThat(node.injected()).isEmpty();
  }

  @Test
  void faultsChangeTheFirstMatchingSeriesOnly() {
    Template template = Template.parse(TEMPLATE);
    SimulatedNode node =
        new SimulatedNode(7, "127.0.1.7:9958", template, EnumSet.allOf(Fault.class), 1);
    Map<String, Double> t0 = values(node, 0);
    Map<String, Double> t1 = values(node, 1000);
    assertThat(t0.get("storage_smart_healthy{device=nvme0, serial=A}")).isZero();
    assertThat(t0.get("storage_smart_healthy{device=nvme1, serial=B}")).isEqualTo(1.0);
    String pool = "storage_lvm_thinpool_data_used_ratio{pool=data, vg=pve}";
    assertThat(t0.get(pool)).isEqualTo(0.6);
    assertThat(t1.get(pool)).isCloseTo(0.63, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(t0.get("storage_pbs_backup_last_task_success{backup_id=100, comment=a \"b\" c}"))
        .isZero();
    assertThat(node.injected())
        .extracting(SimulatedNode.Injected::fault)
        .containsExactlyInAnyOrder(Fault.values());
  }

  @Test
  void aFaultWithoutItsSeriesIsRefused() {
    Template template = Template.parse("# TYPE x gauge\nx 1\n");
    assertThatThrownBy(
            () -> new SimulatedNode(3, "127.0.1.3:1", template, Set.of(Fault.DISK_FAILED), 1))
        .hasMessageContaining("disk-failed");
  }

  @Test
  void addressesSkipNetworkAndBroadcastLikeEndings() throws Exception {
    List<String> a = FleetSimulator.addresses("127.0.1.253", 4);
    assertThat(a).containsExactly("127.0.1.253", "127.0.1.254", "127.0.2.1", "127.0.2.2");
    assertThatThrownBy(() -> FleetSimulator.addresses("10.0.0.1", 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void faultSetsParse() {
    assertThat(Fault.parseSet(Fault.DEFAULT_SET))
        .containsExactly(
            new Fault.OnNode(7, Fault.DISK_FAILED),
            new Fault.OnNode(13, Fault.POOL_FILLING),
            new Fault.OnNode(21, Fault.BACKUP_FAILED));
    assertThat(Fault.parseSet("none")).isEmpty();
    assertThatThrownBy(() -> Fault.parseSet("7:melted")).hasMessageContaining("unknown fault");
  }
}
