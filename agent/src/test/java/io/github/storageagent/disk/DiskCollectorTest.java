package io.github.storageagent.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.storageagent.collect.Snapshot;
import io.github.storageagent.config.DiskConfig;
import io.github.storageagent.testing.Exposition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskCollectorTest {

  @TempDir Path root;
  Path procfs;
  Path sysfs;

  @BeforeEach
  void tree() throws IOException {
    procfs = Files.createDirectories(root.resolve("proc"));
    sysfs = Files.createDirectories(root.resolve("sys"));
  }

  private void diskstats(String resource) throws IOException {
    Files.writeString(procfs.resolve("diskstats"), DiskStatsParserTest.resource(resource));
  }

  private void sysfsFile(String relative, String content) throws IOException {
    Path p = sysfs.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content + "\n");
  }

  private DiskCollector collector() {
    return new DiskCollector(procfs, sysfs, DiskConfig.defaults());
  }

  /** A collector that exports every counter family ({@code disk.counters: all}). */
  private DiskCollector allCounters() throws Exception {
    return new DiskCollector(
        procfs,
        sysfs,
        new io.github.storageagent.config.ConfigLoader().parse("disk:\n  counters: all\n").disk());
  }

  @Test
  void exportsCountersInSecondsAndBytesAndExcludesPartitionsAndLoops() throws Exception {
    diskstats("diskstats-kernel6.txt");

    Exposition e = Exposition.of(allCounters().collect().families());

    assertThat(e.value("storage_disk_reads_completed_total{device=\"nvme0n1\"}"))
        .isEqualTo(48211377);
    assertThat(e.value("storage_disk_read_bytes_total{device=\"nvme0n1\"}"))
        .isEqualTo(3196473082.0 * 512);
    assertThat(e.value("storage_disk_read_time_seconds_total{device=\"nvme0n1\"}"))
        .isEqualTo(4218.846);
    assertThat(e.value("storage_disk_flush_time_seconds_total{device=\"sda\"}")).isEqualTo(218.715);
    assertThat(e.value("storage_disk_io_in_progress{device=\"sda\"}")).isEqualTo(0);
    assertThat(e.named("storage_disk_info").keySet())
        .extracting(k -> k.replaceAll(".*device=\"([^\"]+)\".*", "$1"))
        .containsExactlyInAnyOrder("nvme0n1", "sda", "dm-0", "dm-6");
  }

  @Test
  void namesDmDevicesAsLvmVolumesAndProxmoxGuests() throws Exception {
    diskstats("diskstats-kernel6.txt");
    sysfsFile("block/dm-6/dm/name", "pve-vm--100--disk--0");
    sysfsFile(
        "block/dm-6/dm/uuid",
        "LVM-kH3y5Sx0aQp9nWf1Jd8oLz2cRt7uVb4eXg6iMk0sPq1rTs3uVw5xYz7aBc9dEf1g");
    sysfsFile("block/dm-0/dm/name", "cryptswap");
    sysfsFile("block/dm-0/dm/uuid", "CRYPT-LUKS2-0f1e2d3c4b5a69788796a5b4c3d2e1f0-cryptswap");
    sysfsFile("block/nvme0n1/device/model", "SAMSUNG MZQL23T8HCLS-00A07");
    sysfsFile("block/nvme0n1/device/serial", "S64HNE0T512345");

    Exposition e = Exposition.of(collector().collect().families());

    assertThat(
            e.value(
                "storage_disk_info{device=\"dm-6\",dm_name=\"pve-vm--100--disk--0\",lv=\"vm-100-disk-0\",model=\"\",serial=\"\",vg=\"pve\",vmid=\"100\"}"))
        .isEqualTo(1);
    assertThat(
            e.value(
                "storage_disk_info{device=\"dm-0\",dm_name=\"cryptswap\",lv=\"\",model=\"\",serial=\"\",vg=\"\",vmid=\"\"}"))
        .isEqualTo(1);
    assertThat(
            e.value(
                "storage_disk_info{device=\"nvme0n1\",dm_name=\"\",lv=\"\",model=\"SAMSUNG MZQL23T8HCLS-00A07\",serial=\"S64HNE0T512345\",vg=\"\",vmid=\"\"}"))
        .isEqualTo(1);
  }

  @Test
  void fillsAwaitHistogramsWithEachStepsMeanLatencyAcrossAWrap() throws Exception {
    DiskCollector c = allCounters();
    diskstats("diskstats-garbage-and-wrap-1.txt");
    c.collect();
    diskstats("diskstats-garbage-and-wrap-2.txt");

    Exposition e = Exposition.of(c.collect().families());

    // sda: 20 reads took 200 ms in the step -> 10 ms each
    assertThat(e.value("storage_disk_read_await_seconds_bucket{device=\"sda\",le=\"0.005\"}"))
        .isEqualTo(0);
    assertThat(e.value("storage_disk_read_await_seconds_bucket{device=\"sda\",le=\"0.01\"}"))
        .isEqualTo(1);
    assertThat(e.value("storage_disk_read_await_seconds_count{device=\"sda\"}")).isEqualTo(1);
    assertThat(e.value("storage_disk_read_await_seconds_sum{device=\"sda\"}")).isEqualTo(0.01);
    // sda wrote nothing in the step: no write observation
    assertThat(e.value("storage_disk_write_await_seconds_count{device=\"sda\"}")).isNull();
    // nvme0n1: read time wrapped at 2^32 ms: 4294967000 -> 200 is +496 ms over 100 reads
    assertThat(e.value("storage_disk_read_await_seconds_sum{device=\"nvme0n1\"}"))
        .isCloseTo(0.00496, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(e.value("storage_disk_read_time_seconds_total{device=\"nvme0n1\"}"))
        .isEqualTo((4294967000.0 + 496) / 1000);
    // nvme0n1: weighted time wrapped too, and stays monotonic
    assertThat(e.value("storage_disk_io_time_weighted_seconds_total{device=\"nvme0n1\"}"))
        .isEqualTo((4294967100.0 + 496) / 1000);
  }

  @Test
  void countsGarbageLinesAsProblemsAndKeepsTheOtherDevices() throws Exception {
    diskstats("diskstats-garbage-and-wrap-1.txt");

    Snapshot s = collector().collect();

    assertThat(s.problems()).isEqualTo(2);
    Exposition e = Exposition.of(s.families());
    assertThat(e.named("storage_disk_reads_completed_total"))
        .containsOnlyKeys(
            "storage_disk_reads_completed_total{device=\"nvme0n1\"}",
            "storage_disk_reads_completed_total{device=\"sda\"}");
  }

  @Test
  void devicesThatVanishLeaveEveryFamilyAndComeBackFresh() throws Exception {
    DiskCollector c = collector();
    diskstats("diskstats-garbage-and-wrap-1.txt");
    c.collect();
    diskstats("diskstats-garbage-and-wrap-2.txt");
    c.collect();
    Files.writeString(
        procfs.resolve("diskstats"),
        " 259 0 nvme0n1 1200 0 96000 300 2200 0 176000 700 0 1100 400 0 0 0 0 0 0\n");

    Exposition gone = Exposition.of(c.collect().families());

    assertThat(gone.text()).doesNotContain("device=\"sda\"");
    Files.writeString(
        procfs.resolve("diskstats"),
        " 259 0 nvme0n1 1300 0 96000 400 2200 0 176000 700 0 1200 500 0 0 0 0 0 0\n"
            + "   8 0 sda 5 0 40 20 0 0 0 0 0 20 20 0 0 0 0 0 0\n");
    Exposition back = Exposition.of(c.collect().families());
    assertThat(back.value("storage_disk_reads_completed_total{device=\"sda\"}")).isEqualTo(5);
    assertThat(back.value("storage_disk_read_await_seconds_count{device=\"sda\"}")).isNull();
  }

  @Test
  void readsLinesOfOlderKernelsWithoutDiscardOrFlushFamilies() throws Exception {
    diskstats("diskstats-kernel3.txt");

    Exposition e = Exposition.of(allCounters().collect().families());

    assertThat(e.value("storage_disk_writes_completed_total{device=\"sdb\"}")).isEqualTo(0);
    assertThat(e.named("storage_disk_discards_completed_total")).isEmpty();
    assertThat(e.named("storage_disk_flushes_completed_total")).isEmpty();
  }

  /** Two steps of a whole NVMe, an HDD, two LVM volumes, an md RAID and a ZFS zvol, all busy. */
  private Exposition twoStepsOfStackedDevices(String config) throws Exception {
    DiskConfig disk = new io.github.storageagent.config.ConfigLoader().parse(config).disk();
    DiskCollector c = new DiskCollector(procfs, sysfs, disk);
    String step1 =
        """
         259 0 nvme0n1 1000 0 8000 100 2000 0 16000 100 0 100 200 0 0 0 0 0 0
           8 0 sda 10 0 80 40 20 0 160 80 0 100 120 0 0 0 0 0 0
         252 0 dm-0 10 0 80 40 20 0 160 80 0 100 120 0 0 0 0 0 0
         252 6 dm-6 10 0 80 40 20 0 160 80 0 100 120 0 0 0 0 0 0
           9 0 md0 10 0 80 40 20 0 160 80 0 100 120 0 0 0 0 0 0
         230 0 zd0 10 0 80 40 20 0 160 80 0 100 120 0 0 0 0 0 0
        """;
    String step2 =
        """
         259 0 nvme0n1 2000 0 16000 190 3000 0 24000 150 0 200 300 0 0 0 0 0 0
           8 0 sda 20 0 160 120 30 0 240 130 0 200 220 0 0 0 0 0 0
         252 0 dm-0 20 0 160 120 30 0 240 130 0 200 220 0 0 0 0 0 0
         252 6 dm-6 20 0 160 120 30 0 240 130 0 200 220 0 0 0 0 0 0
           9 0 md0 20 0 160 120 30 0 240 130 0 200 220 0 0 0 0 0 0
         230 0 zd0 20 0 160 120 30 0 240 130 0 200 220 0 0 0 0 0 0
        """;
    Files.writeString(procfs.resolve("diskstats"), step1);
    c.collect();
    Files.writeString(procfs.resolve("diskstats"), step2);
    return Exposition.of(c.collect().families());
  }

  private static java.util.Set<String> devicesOf(Exposition e, String family) {
    return e.named(family).keySet().stream()
        .map(k -> k.replaceAll(".*device=\"([^\"]+)\".*", "$1"))
        .collect(java.util.stream.Collectors.toSet());
  }

  /** Metric names in the exposition (series names, so histograms show as _bucket/_sum/_count). */
  private static java.util.Set<String> names(Exposition e) {
    return e.all().keySet().stream()
        .map(k -> k.replaceAll("\\{.*", ""))
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }

  private static final String[] ESSENTIAL_COUNTERS = {
    "storage_disk_reads_completed_total",
    "storage_disk_read_bytes_total",
    "storage_disk_read_time_seconds_total",
    "storage_disk_writes_completed_total",
    "storage_disk_written_bytes_total",
    "storage_disk_write_time_seconds_total",
    "storage_disk_io_time_seconds_total"
  };

  private static final String[] OTHER_COUNTERS = {
    "storage_disk_reads_merged_total",
    "storage_disk_writes_merged_total",
    "storage_disk_io_time_weighted_seconds_total",
    "storage_disk_discards_completed_total",
    "storage_disk_discards_merged_total",
    "storage_disk_discarded_bytes_total",
    "storage_disk_discard_time_seconds_total",
    "storage_disk_flushes_completed_total",
    "storage_disk_flush_time_seconds_total",
    "storage_disk_io_in_progress"
  };

  @Test
  void byDefaultExportsExactlyTheEssentialCountersAndTheInfo() throws Exception {
    diskstats("diskstats-kernel6.txt");

    Exposition e = Exposition.of(collector().collect().families());

    java.util.List<String> expected =
        new java.util.ArrayList<>(java.util.List.of(ESSENTIAL_COUNTERS));
    expected.add("storage_disk_info");
    assertThat(names(e)).containsExactlyInAnyOrderElementsOf(expected);
    // 7 counters + 1 info per device
    assertThat(e.all().keySet()).filteredOn(k -> k.contains("device=\"nvme0n1\"")).hasSize(8);
    assertThat(e.value("storage_disk_read_time_seconds_total{device=\"nvme0n1\"}"))
        .isEqualTo(4218.846);
    assertThat(e.text()).doesNotContain("merged").doesNotContain("discard").doesNotContain("flush");
  }

  @Test
  void countersAllExportsEveryFamily() throws Exception {
    diskstats("diskstats-kernel6.txt");

    Exposition e = Exposition.of(allCounters().collect().families());

    java.util.List<String> expected =
        new java.util.ArrayList<>(java.util.List.of(ESSENTIAL_COUNTERS));
    expected.addAll(java.util.List.of(OTHER_COUNTERS));
    expected.add("storage_disk_info");
    assertThat(names(e)).containsExactlyInAnyOrderElementsOf(expected);
    // 16 counters + io_in_progress + info per device on a kernel with discard and flush columns
    assertThat(e.all().keySet()).filteredOn(k -> k.contains("device=\"nvme0n1\"")).hasSize(18);
  }

  @Test
  void theCounterKnobLeavesTheHistogramsAlone() throws Exception {
    Exposition essential = twoStepsOfStackedDevices("");
    Exposition all = twoStepsOfStackedDevices("disk:\n  counters: all\n");

    for (Exposition e : new Exposition[] {essential, all}) {
      assertThat(devicesOf(e, "storage_disk_read_await_seconds_count"))
          .containsExactlyInAnyOrder("nvme0n1", "sda");
      assertThat(devicesOf(e, "storage_disk_info"))
          .containsExactlyInAnyOrder("nvme0n1", "sda", "dm-0", "dm-6", "md0", "zd0");
    }
    assertThat(devicesOf(all, "storage_disk_io_in_progress"))
        .containsExactlyInAnyOrder("nvme0n1", "sda", "dm-0", "dm-6", "md0", "zd0");
    assertThat(essential.named("storage_disk_io_in_progress")).isEmpty();
  }

  @Test
  void byDefaultOnlyWholeDisksGetHistogramsAndEveryDeviceKeepsItsCounters() throws Exception {
    Exposition e = twoStepsOfStackedDevices("");

    assertThat(devicesOf(e, "storage_disk_read_await_seconds_count"))
        .containsExactlyInAnyOrder("nvme0n1", "sda");
    assertThat(devicesOf(e, "storage_disk_write_await_seconds_bucket"))
        .containsExactlyInAnyOrder("nvme0n1", "sda");
    assertThat(devicesOf(e, "storage_disk_reads_completed_total"))
        .containsExactlyInAnyOrder("nvme0n1", "sda", "dm-0", "dm-6", "md0", "zd0");
    assertThat(devicesOf(e, "storage_disk_info"))
        .containsExactlyInAnyOrder("nvme0n1", "sda", "dm-0", "dm-6", "md0", "zd0");
    // nvme0n1: 1000 reads in 90 ms -> 90 µs each, 1000 writes in 50 ms -> 50 µs each
    assertThat(e.value("storage_disk_read_await_seconds_bucket{device=\"nvme0n1\",le=\"1.0E-4\"}"))
        .isEqualTo(1);
    assertThat(e.value("storage_disk_write_await_seconds_sum{device=\"nvme0n1\"}"))
        .isCloseTo(0.00005, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void histogramsAllCoversDmAndOtherStackedDevices() throws Exception {
    Exposition e = twoStepsOfStackedDevices("disk:\n  histograms: all\n");

    assertThat(devicesOf(e, "storage_disk_read_await_seconds_count"))
        .containsExactlyInAnyOrder("nvme0n1", "sda", "dm-0", "dm-6", "md0", "zd0");
    // dm-6: 10 reads in 80 ms -> 8 ms each
    assertThat(e.value("storage_disk_read_await_seconds_bucket{device=\"dm-6\",le=\"0.005\"}"))
        .isEqualTo(0);
    assertThat(e.value("storage_disk_read_await_seconds_bucket{device=\"dm-6\",le=\"0.01\"}"))
        .isEqualTo(1);
  }

  @Test
  void histogramsNoneLeavesCountersOnly() throws Exception {
    for (String off : new String[] {"none", "false"}) {
      Exposition e = twoStepsOfStackedDevices("disk:\n  histograms: " + off + "\n");

      assertThat(e.text()).as(off).doesNotContain("await");
      assertThat(devicesOf(e, "storage_disk_reads_completed_total"))
          .as(off)
          .containsExactlyInAnyOrder("nvme0n1", "sda", "dm-0", "dm-6", "md0", "zd0");
    }
  }

  @Test
  void awaitBucketsFitTheLatencyAlertLimits() throws Exception {
    Exposition e = twoStepsOfStackedDevices("");
    java.util.List<String> bounds =
        e.named("storage_disk_read_await_seconds_bucket").keySet().stream()
            .filter(k -> k.contains("device=\"sda\""))
            .map(k -> k.replaceAll(".*le=\"([^\"]+)\".*", "$1"))
            .toList();

    // 8 finite buckets + Inf + sum + count: 2 × 11 series per whole disk
    assertThat(bounds)
        .containsExactly(
            "1.0E-4", "5.0E-4", "0.001", "0.005", "0.01", "0.05", "0.25", "1.0", "+Inf");
    assertThat(e.all().keySet())
        .filteredOn(k -> k.startsWith("storage_disk_read_await_seconds_"))
        .filteredOn(k -> k.contains("device=\"sda\""))
        .hasSize(11);
    assertThat(e.all().keySet())
        .filteredOn(k -> k.startsWith("storage_disk_write_await_seconds_"))
        .filteredOn(k -> k.contains("device=\"sda\""))
        .hasSize(11);
    // StorageDiskLatencyHigh compares the p99 with 50 ms (NVMe) and 250 ms: both are bounds, and
    // one lies above 250 ms, or a p99 in the +Inf bucket would read as exactly 250 ms.
    assertThat(DiskMetrics.AWAIT_BUCKETS).contains(0.05, 0.25);
    assertThat(DiskMetrics.AWAIT_BUCKETS[DiskMetrics.AWAIT_BUCKETS.length - 1]).isGreaterThan(0.25);
  }

  @Test
  void aMissingDiskstatsFileFailsTheRun() {
    assertThatThrownBy(() -> collector().collect()).isInstanceOf(NoSuchFileException.class);
  }
}
