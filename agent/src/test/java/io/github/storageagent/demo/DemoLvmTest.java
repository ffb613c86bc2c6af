package io.github.storageagent.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.storageagent.disk.DeviceMapperName;
import io.github.storageagent.lvm.LogicalVolume;
import io.github.storageagent.lvm.LvmJsonParser;
import io.github.storageagent.lvm.LvmReport;
import io.github.storageagent.lvm.ThinPool;
import io.github.storageagent.lvm.ThinPoolHealth;
import io.github.storageagent.proxmox.GuestVolume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoLvmTest {

  private static final Instant START = Instant.parse("2026-11-25T08:00:00Z");

  @TempDir Path root;

  private DemoLvm demo() throws Exception {
    return DemoLvm.create(root, Clock.fixed(START, ZoneOffset.UTC));
  }

  private static Map<String, ThinPool> pools(String lvsJson) throws Exception {
    return ThinPool.group(LvmJsonParser.parse(lvsJson).logicalVolumes()).stream()
        .collect(Collectors.toMap(p -> p.vg() + "/" + p.name(), Function.identity()));
  }

  @Test
  void dataFillsSteadilyAndMetadataFasterThenTheCycleStartsOver() {
    assertThat(DemoLvm.pveData(Duration.ZERO)).isEqualTo(new DemoLvm.PoolState(60, 70, false));
    DemoLvm.PoolState tenMinutes = DemoLvm.pveData(Duration.ofMinutes(10));
    assertThat(tenMinutes.dataPercent()).isCloseTo(65, within(1e-9));
    assertThat(tenMinutes.metadataPercent()).isCloseTo(80, within(1e-9));
    assertThat(DemoLvm.pveData(Duration.ofSeconds(30)).metadataPercent())
        .isCloseTo(70.5, within(1e-9));
    assertThat(DemoLvm.pveData(Duration.ofMinutes(35)))
        .isEqualTo(new DemoLvm.PoolState(75, 100, true));
    assertThat(DemoLvm.pveData(Duration.ofMinutes(45)))
        .isEqualTo(new DemoLvm.PoolState(60, 70, false));
    assertThat(DemoLvm.fastPool(Duration.ofMinutes(20)).dataPercent()).isBetween(38.0, 39.0);
  }

  @Test
  void reportsFollowWallClockTimeSinceStart() throws Exception {
    DemoLvm demo = demo();
    ThinPool atStart = pools(demo.lvsJson(START)).get("pve/data");
    ThinPool later = pools(demo.lvsJson(START.plus(Duration.ofMinutes(20)))).get("pve/data");
    assertThat(atStart.pool().dataPercent().getAsDouble()).isEqualTo(60.0);
    assertThat(later.pool().dataPercent().getAsDouble()).isEqualTo(70.0);
    assertThat(later.pool().metadataPercent().getAsDouble()).isEqualTo(90.0);
    assertThat(later.health()).isEqualTo(ThinPoolHealth.State.OK);
    ThinPool full = pools(demo.lvsJson(START.plus(Duration.ofMinutes(31)))).get("pve/data");
    assertThat(full.health()).isEqualTo(ThinPoolHealth.State.METADATA_READ_ONLY);
    // guests' volumes grow with their pool
    LogicalVolume disk0 = volume(atStart, "vm-100-disk-0");
    LogicalVolume disk0Later = volume(later, "vm-100-disk-0");
    assertThat(disk0Later.dataPercent().getAsDouble())
        .isGreaterThan(disk0.dataPercent().getAsDouble());
  }

  private static LogicalVolume volume(ThinPool pool, String name) {
    return pool.volumes().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void twoPoolsWithAboutSixtyVolumesOfThirtyGuests() throws Exception {
    DemoLvm demo = demo();
    LvmReport lvs = LvmJsonParser.parse(demo.lvsJson(START));
    LvmReport vgs = LvmJsonParser.parse(demo.vgsJson());
    assertThat(lvs.skippedRows()).isZero();
    Map<String, ThinPool> pools = pools(demo.lvsJson(START));
    assertThat(pools).containsOnlyKeys("pve/data", "fast/fastpool");
    List<LogicalVolume> volumes =
        pools.values().stream().flatMap(p -> p.volumes().stream()).toList();
    assertThat(volumes).hasSizeBetween(55, 65);
    Set<String> guests =
        volumes.stream()
            .map(v -> GuestVolume.vmidOf(v.name()))
            .filter(id -> !id.isEmpty())
            .collect(Collectors.toSet());
    assertThat(guests).hasSizeBetween(28, 34);
    // snapshots and stopped guests are inactive; one volume is not Proxmox's
    assertThat(volumes).anyMatch(v -> v.name().startsWith("snap_") && v.dataPercent().isEmpty());
    assertThat(volumes).anyMatch(v -> GuestVolume.vmidOf(v.name()).isEmpty());
    // the pools fit their VGs, which keep some free extents
    for (ThinPool p : pools.values()) {
      var vg =
          vgs.volumeGroups().stream()
              .filter(g -> g.name().equals(p.vg()))
              .findFirst()
              .orElseThrow();
      assertThat(p.pool().sizeBytes() + 2 * p.pool().metadataSizeBytes().getAsLong())
          .isLessThanOrEqualTo(vg.sizeBytes() - vg.freeBytes());
      assertThat(p.provisionedBytes()).isGreaterThan(p.pool().sizeBytes());
    }
  }

  @Test
  void everyLvmDeviceOfTheDemoDiskTreeIsInTheLvmReport() throws Exception {
    Set<String> lvs =
        LvmJsonParser.parse(demo().lvsJson(START)).logicalVolumes().stream()
            .map(lv -> lv.vg() + "/" + lv.name())
            .collect(Collectors.toSet());
    List<String> dmVolumes =
        DemoNode.disks().stream()
            .filter(d -> !d.dmName().isEmpty())
            .map(d -> DeviceMapperName.parseLvm(d.dmName()).orElseThrow())
            // lvs without --all does not list a pool's hidden _tdata/_tmeta volumes
            .filter(n -> n.layer().isEmpty() && !n.lv().matches(".*_t(data|meta)"))
            .map(n -> n.vg() + "/" + n.lv())
            .toList();
    assertThat(dmVolumes).contains("pve/vm-100-disk-0", "fast/vm-201-disk-0");
    assertThat(lvs).containsAll(dmVolumes);
  }

  @Test
  void standInProgramsPrintTheCurrentReports() throws Exception {
    DemoLvm demo = demo();
    Path lvs = demo.bin().resolve("lvs");
    assertThat(Files.isExecutable(lvs)).isTrue();
    assertThat(Files.isExecutable(demo.bin().resolve("vgs"))).isTrue();
    assertThat(Files.readString(root.resolve("data/lvs.json"))).isEqualTo(demo.lvsJson(START));
    assertThat(Files.readString(root.resolve("data/vgs.json"))).isEqualTo(demo.vgsJson());
  }
}
