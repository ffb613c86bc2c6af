package io.github.storageagent.lvm;

import static io.github.storageagent.lvm.Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Real lvm outputs captured by other projects ({@code <shared fixtures>/lvm/}, see its SOURCES.md):
 * each file yields the volume groups, thin pools, states and percentages it holds.
 */
class LvmCorpusTest {

  private static Path corpus() {
    String root = System.getProperty("storage.shared.fixtures");
    if (root == null || root.isBlank()) {
      fail(
          "system property storage.shared.fixtures is not set; run through Maven or pass"
              + " -Dstorage.shared.fixtures=<path of shared/fixtures>");
    }
    Path dir = Path.of(root, "lvm");
    if (!Files.isDirectory(dir)) {
      fail("LVM corpus folder " + dir + " is missing: check out the shared fixtures there");
    }
    return dir;
  }

  private static LvmReport parse(String file) throws IOException {
    Path path = corpus().resolve(file);
    if (!Files.isRegularFile(path)) {
      fail("corpus file " + path + " is missing");
    }
    return LvmJsonParser.parse(Files.readString(path, StandardCharsets.UTF_8));
  }

  private static Map<String, LogicalVolume> lvs(LvmReport r) {
    return r.logicalVolumes().stream()
        .collect(Collectors.toMap(lv -> lv.vg() + "/" + lv.name(), Function.identity()));
  }

  private static List<MetricSnapshot> families(LvmReport r) {
    return LvmMetrics.families(r.volumeGroups(), ThinPool.group(r.logicalVolumes()), true);
  }

  private static void assertOnlyState(
      List<MetricSnapshot> f, String vg, String pool, String state) {
    for (ThinPoolHealth.State s : ThinPoolHealth.State.values()) {
      assertThat(
              value(f, "storage_lvm_thinpool_health", "pool", pool, "state", s.label(), "vg", vg))
          .as(vg + "/" + pool + " state " + s.label())
          .isEqualTo(OptionalDouble.of(s.label().equals(state) ? 1 : 0));
    }
  }

  @Test
  void everyJsonFileOfTheCorpusIsCheckedHere() throws IOException {
    try (Stream<Path> files = Files.list(corpus())) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")))
          .as("a new corpus file needs its expectations in LvmCorpusTest")
          .containsExactlyInAnyOrder(
              "hansmi-fullreport-issue105-thin-pool.json",
              "hansmi-fullreport-issue76-log.json",
              "hansmi-fullreport-vgdata-cached.json",
              "hansmi-fullreport-mirrored-unhealthy.json",
              "hansmi-fullreport-multivg.json",
              "libstorage-ng-lvm-cache+thin1-lvs.json",
              "libstorage-ng-lvm-cache+thin1-pvs.json",
              "libstorage-ng-lvm-cache+thin1-vgs.json");
    }
  }

  /** Fullreport of recent lvm: thin pool testvg/testpool, data 0.00 %, meta 10.94 %, queue. */
  @Test
  void issue105ThinPool() throws IOException {
    LvmReport r = parse("hansmi-fullreport-issue105-thin-pool.json");
    assertThat(r.skippedRows()).isZero();
    assertThat(r.volumeGroups())
        .containsExactly(new VolumeGroup("testvg", 2_092_957_696L, 1_010_827_264L));
    List<ThinPool> pools = ThinPool.group(r.logicalVolumes());
    assertThat(pools).extracting(p -> p.vg() + "/" + p.name()).containsExactly("testvg/testpool");
    ThinPool pool = pools.get(0);
    assertThat(pool.pool().attr().raw()).isEqualTo("twi-aot---");
    assertThat(pool.pool().attr().zeroing()).isFalse();
    assertThat(pool.health()).isEqualTo(ThinPoolHealth.State.OK);
    assertThat(pool.volumes()).extracting(LogicalVolume::name).containsExactly("test_thin");
    LvAttr thin = pool.volumes().get(0).attr();
    assertThat(thin.type()).isEqualTo(LvAttr.Type.THIN_VOLUME);
    assertThat(thin.active()).isTrue();
    assertThat(thin.open()).isFalse();

    var f = families(r);
    String[] l = {"pool", "testpool", "vg", "testvg"};
    assertThat(value(f, "storage_lvm_thinpool_size_bytes", l))
        .isEqualTo(OptionalDouble.of(1_073_741_824));
    assertThat(value(f, "storage_lvm_thinpool_data_used_ratio", l)).isEqualTo(OptionalDouble.of(0));
    assertThat(value(f, "storage_lvm_thinpool_metadata_used_ratio", l))
        .isEqualTo(OptionalDouble.of(0.1094));
    assertThat(value(f, "storage_lvm_thinpool_metadata_size_bytes", l))
        .isEqualTo(OptionalDouble.of(4_194_304));
    assertThat(value(f, "storage_lvm_thinpool_when_full_error", l)).isEqualTo(OptionalDouble.of(0));
    assertThat(value(f, "storage_lvm_thinpool_volumes", l)).isEqualTo(OptionalDouble.of(1));
    assertThat(value(f, "storage_lvm_thinpool_provisioned_bytes", l))
        .isEqualTo(OptionalDouble.of(1_073_741_824));
    assertOnlyState(f, "testvg", "testpool", "ok");
    assertThat(
            value(
                f,
                "storage_lvm_thin_volume_used_ratio",
                "lv",
                "test_thin",
                "pool",
                "testpool",
                "vg",
                "testvg",
                "vmid",
                ""))
        .isEqualTo(OptionalDouble.of(0));
    // hidden LVs of the pool ([testpool_tdata], [testpool_tmeta], [lvol0_pmspare]) are not thin
    assertThat(lvs(r).get("testvg/[testpool_tdata]").attr().type())
        .isEqualTo(LvAttr.Type.THIN_POOL_DATA);
    assertThat(lvs(r).get("testvg/[testpool_tmeta]").attr().type()).isEqualTo(LvAttr.Type.METADATA);
  }

  /** The top-level "log" member of lvm 2.03.26+; one VG on NVMe, no LVs. */
  @Test
  void issue76Log() throws IOException {
    LvmReport r = parse("hansmi-fullreport-issue76-log.json");
    assertThat(r.volumeGroups()).containsExactly(new VolumeGroup("cached", 273_741_250_560L, 0));
    assertThat(r.logicalVolumes()).isEmpty();
    assertThat(families(r))
        .extracting(m -> m.getMetadata().getPrometheusName())
        .containsExactly("storage_lvm_vg_size_bytes", "storage_lvm_vg_free_bytes");
  }

  /** dm-cache with percentages on the cache pool: a cache pool is no thin pool. */
  @Test
  void vgdataCached() throws IOException {
    LvmReport r = parse("hansmi-fullreport-vgdata-cached.json");
    assertThat(r.volumeGroups())
        .containsExactly(new VolumeGroup("vgdata", 1_249_902_592L, 1_073_741_824L));
    assertThat(ThinPool.group(r.logicalVolumes())).isEmpty();
    LogicalVolume cached = lvs(r).get("vgdata/cached");
    assertThat(cached.attr().type()).isEqualTo(LvAttr.Type.CACHE);
    assertThat(cached.dataPercent()).isEqualTo(OptionalDouble.of(11.06));
    assertThat(cached.metadataPercent()).isEqualTo(OptionalDouble.of(0.49));
    assertThat(Fixtures.family(families(r), "storage_lvm_thinpool_health")).isNull();
  }

  /** raid1 LV with a missing PV: 9th attr char p = partial, lv_health_status "partial". */
  @Test
  void mirroredUnhealthy() throws IOException {
    LvmReport r = parse("hansmi-fullreport-mirrored-unhealthy.json");
    assertThat(r.volumeGroups())
        .containsExactly(new VolumeGroup("vgaaa", 2_088_763_392L, 2_017_460_224L));
    LogicalVolume mirrored = lvs(r).get("vgaaa/mirrored");
    assertThat(mirrored.attr().raw()).isEqualTo("rwi---r-p-");
    assertThat(mirrored.attr().type()).isEqualTo(LvAttr.Type.RAID);
    assertThat(mirrored.attr().health()).isEqualTo(LvAttr.Health.PARTIAL);
    assertThat(mirrored.attr().active()).isFalse();
    assertThat(mirrored.healthStatus()).isEqualTo("partial");
    assertThat(ThinPool.group(r.logicalVolumes())).isEmpty();
  }

  /** Two VGs: one report element per VG. */
  @Test
  void multivg() throws IOException {
    LvmReport r = parse("hansmi-fullreport-multivg.json");
    assertThat(r.volumeGroups())
        .containsExactly(
            new VolumeGroup("vgbbb", 1_044_381_696L, 914_358_272L),
            new VolumeGroup("vgaaa", 1_044_381_696L, 1_040_187_392L));
    assertThat(lvs(r)).containsOnlyKeys("vgbbb/other", "vgaaa/data");
    assertThat(ThinPool.group(r.logicalVolumes())).isEmpty();
  }

  /**
   * Classic lvs JSON: two thin pools twi-aotz-- whose data is dm-cache, thin LVs Vwi-a-tz--, no
   * percentage fields asked for; [lvol0_pmspare] is listed twice.
   */
  @Test
  void libstorageNgLvs() throws IOException {
    LvmReport r = parse("libstorage-ng-lvm-cache+thin1-lvs.json");
    assertThat(r.skippedRows()).isZero();
    assertThat(r.logicalVolumes()).hasSize(15); // 16 rows, one LV twice
    List<ThinPool> pools = ThinPool.group(r.logicalVolumes());
    assertThat(pools)
        .extracting(p -> p.vg() + "/" + p.name())
        .containsExactly("test/cache1", "test/cache2");
    var f = families(r);
    for (String pool : List.of("cache1", "cache2")) {
      String[] l = {"pool", pool, "vg", "test"};
      assertOnlyState(f, "test", pool, "ok");
      assertThat(value(f, "storage_lvm_thinpool_size_bytes", l))
          .isEqualTo(OptionalDouble.of(10_737_418_240d));
      assertThat(value(f, "storage_lvm_thinpool_volumes", l)).isEqualTo(OptionalDouble.of(1));
      assertThat(value(f, "storage_lvm_thinpool_provisioned_bytes", l))
          .isEqualTo(OptionalDouble.of(8_589_934_592d));
      // the options list had no percentages: nothing is made up
      assertThat(value(f, "storage_lvm_thinpool_data_used_ratio", l)).isEmpty();
      assertThat(value(f, "storage_lvm_thinpool_metadata_used_ratio", l)).isEmpty();
      assertThat(value(f, "storage_lvm_thinpool_metadata_size_bytes", l)).isEmpty();
    }
    assertThat(pools.get(0).volumes()).extracting(LogicalVolume::name).containsExactly("thin1");
    assertThat(pools.get(1).volumes()).extracting(LogicalVolume::name).containsExactly("thin2");
    assertThat(pools.get(0).pool().attr().zeroing()).isTrue();
    assertThat(
            value(
                f,
                "storage_lvm_thin_volume_size_bytes",
                "lv",
                "thin1",
                "pool",
                "cache1",
                "vg",
                "test",
                "vmid",
                ""))
        .isEqualTo(OptionalDouble.of(8_589_934_592d));
    assertThat(Fixtures.family(f, "storage_lvm_thin_volume_used_ratio")).isNull();
  }

  /** vgs with extent counts only: sizes follow from them. */
  @Test
  void libstorageNgVgs() throws IOException {
    LvmReport r = parse("libstorage-ng-lvm-cache+thin1-vgs.json");
    assertThat(r.volumeGroups())
        .containsExactly(new VolumeGroup("test", 20_478L * 4_194_304, 14_835L * 4_194_304));
  }

  /** pvs JSON: a report, but neither VGs nor LVs in it. */
  @Test
  void libstorageNgPvs() throws IOException {
    LvmReport r = parse("libstorage-ng-lvm-cache+thin1-pvs.json");
    assertThat(r.volumeGroups()).isEmpty();
    assertThat(r.logicalVolumes()).isEmpty();
    assertThat(r.skippedRows()).isZero();
  }
}
