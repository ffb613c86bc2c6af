package io.github.storageagent.smart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.storageagent.exec.CommandResult;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every real smartctl capture in {@code ../shared/fixtures/smartctl/} through the parser, the
 * exit-bit policy and the metric mapping, and checks the facts its SOURCES.md line states.
 */
class SmartCorpusTest {

  private static Path corpus;
  private static final Instant T0 = Instant.parse("2025-11-24T09:20:00Z");

  @BeforeAll
  static void locate() {
    String root = System.getProperty("storage.shared.fixtures");
    if (root == null || root.isBlank()) {
      fail(
          "system property storage.shared.fixtures is not set; run with"
              + " -Dstorage.shared.fixtures=<path to shared/fixtures>");
    }
    corpus = Path.of(root, "smartctl");
    if (!Files.isDirectory(corpus)) {
      fail(
          "the shared smartctl corpus is missing: "
              + corpus
              + " (expected the real captures and SOURCES.md there)");
    }
  }

  /** Facts per file, from its SOURCES.md line. */
  private static Map<String, Consumer<Parsed>> facts() {
    Map<String, Consumer<Parsed>> f = new HashMap<>();
    f.put(
        "nvme-samsung-970evoplus-250gb-healthy.json",
        p -> {
          p.readWithExit(0).version(7, 3).model("Samsung SSD 970 EVO Plus 250GB").healthy();
          NvmeHealth n = p.nvme();
          assertThat(n.criticalWarning()).hasValue(0);
          assertThat(n.mediaErrors()).hasValue(0);
          assertThat(n.percentageUsed()).hasValue(0);
          assertThat(n.errorLogEntries()).hasValue(22);
          p.metric("storage_nvme_percentage_used_ratio{device=\"nvme0\",serial=\"REDACTED\"} 0.0");
        });
    f.put(
        "nvme-sabrent-rocket4-1tb-healthy-errlog-4871.json",
        p -> {
          p.readWithExit(0).version(7, 4).model("Sabrent Rocket 4.0 1TB").healthy();
          assertThat(p.nvme().errorLogEntries()).hasValue(4871);
          assertThat(p.nvme().percentageUsed()).hasValue(4);
          assertThat(p.nvme().criticalWarning()).hasValue(0);
          p.metric(
              "storage_nvme_error_log_entries_total{device=\"nvme0\",serial=\"6D1107091C9583054511\"} 4871.0");
          p.metric(
              "storage_nvme_critical_warning{device=\"nvme0\",serial=\"6D1107091C9583054511\"} 0.0");
        });
    f.put(
        "nvme-seagate-firecuda530-4tb-healthy.json",
        p -> {
          p.readWithExit(0).version(7, 3).model("Seagate FireCuda 530 ZP4000GM30023").healthy();
          assertThat(p.nvme().percentageUsed()).hasValue(0);
          assertThat(p.nvme().errorLogEntries()).hasValue(4);
          assertThat(p.reading.identity().serial()).isEqualTo("REDACTED");
        });
    f.put(
        "nvme-wd-black-sn770-500gb-windows-healthy.json",
        p -> {
          p.readWithExit(0).version(7, 3).model("WD_BLACK SN770 500GB").healthy();
          assertThat(p.reading.deviceName()).isEqualTo("/dev/sdc");
          assertThat(p.reading.identity().type()).isEqualTo("nvme");
          assertThat(p.reading.identity().protocol()).isEqualTo("NVMe");
          assertThat(p.nvme().criticalWarning()).hasValue(0);
          p.metric("storage_nvme_media_errors_total{device=\"sdc\",serial=\"22050Y803439\"} 0.0");
        });
    f.put(
        "nvme-samsung-970evo-500gb-media-errors-7.json",
        p -> {
          p.readWithExit(0).version(7, 0).model("Samsung SSD 970 EVO 500GB").healthy();
          assertThat(p.nvme().criticalWarning()).hasValue(0);
          assertThat(p.nvme().mediaErrors()).hasValue(7);
          assertThat(p.nvme().availableSpare()).hasValue(99);
          assertThat(p.nvme().percentageUsed()).hasValue(3);
          p.metric(
              "storage_nvme_media_errors_total{device=\"nvme0\",serial=\"S466NX0M776250H\"} 7.0");
          p.metric(
              "storage_nvme_available_spare_ratio{device=\"nvme0\",serial=\"S466NX0M776250H\"} 0.99");
          p.metric("storage_smart_healthy{device=\"nvme0\",serial=\"S466NX0M776250H\"} 1.0");
        });
    f.put(
        "nvme-intel-ssdpedmd800g4-worn-51pct-spare-93.json",
        p -> {
          p.readWithExit(0).version(7, 3).model("INTEL SSDPEDMD800G4").healthy();
          assertThat(p.nvme().percentageUsed()).hasValue(51);
          assertThat(p.nvme().availableSpare()).hasValue(93);
          assertThat(p.nvme().mediaErrors()).hasValue(0);
          assertThat(p.nvme().errorLogEntries()).hasValue(0);
          assertThat(p.reading.powerOnSeconds()).hasValue(54704L * 3600);
          p.metric("storage_nvme_percentage_used_ratio{device=\"nvme0\",serial=\"REDACTED\"} 0.51");
          // 15055091656 data units × 512000 bytes
          p.metric(
              "storage_nvme_data_written_bytes_total{device=\"nvme0\",serial=\"REDACTED\"} 7.708206927872E15");
        });
    f.put(
        "nvme-micron-mtfdhax1t6mce-worn-69pct.json",
        p -> {
          p.readWithExit(0).version(7, 3).model("MTFDHAX1T6MCE-1AN1ZABYY").healthy();
          assertThat(p.nvme().percentageUsed()).hasValue(69);
          assertThat(p.nvme().errorLogEntries()).hasValue(1);
          assertThat(p.reading.powerOnSeconds()).hasValue(29891L * 3600);
        });
    f.put(
        "sata-ssd-samsung-860evo-500gb-xall-healthy.json",
        p -> {
          p.readWithExit(0).version(7, 0).model("Samsung SSD 860 EVO 500GB").healthy();
          AtaAttribute wear = p.attribute(177);
          assertThat(wear.name()).isEqualTo("Wear_Leveling_Count");
          assertThat(wear.rawValue()).isEqualTo(278);
          assertThat(wear.value()).isEqualTo(81);
          p.metric(
              "storage_ata_attribute_normalized{device=\"sda\",id=\"177\",name=\"Wear_Leveling_Count\",serial=\"S3YZNB0KB00864E\"} 81.0");
        });
    f.put(
        "sata-ssd-samsung-840-crc-errors-108-xall.json",
        p -> {
          p.readWithExit(0).version(7, 0).model("Samsung SSD 840 Series").healthy();
          assertThat(p.attribute(199).name()).isEqualTo("CRC_Error_Count");
          assertThat(p.attribute(199).rawValue()).isEqualTo(108);
          p.metric(
              "storage_ata_attribute_raw{device=\"sda\",id=\"199\",name=\"CRC_Error_Count\",serial=\"S14LNEACC02756X\"} 108.0");
        });
    f.put(
        "sata-ssd-micron-m4-128gb-xall.json",
        p -> {
          p.readWithExit(0).version(7, 4).model("MTFDDAK128MAM-1J1").healthy();
          assertThat(p.attribute(202).name()).isEqualTo("Perc_Rated_Life_Used");
          assertThat(p.attribute(202).rawValue()).isEqualTo(2);
          assertThat(p.reading.ataAttributes())
              .extracting(AtaAttribute::id)
              .contains(170, 171, 172, 173, 174, 181, 183, 184, 187, 188, 189, 194, 195, 196, 197)
              .contains(198, 199, 202, 206);
          // The m4 reports 0 °C: no sensor, not a frozen disk.
          assertThat(p.reading.temperatureCelsius()).isEmpty();
        });
    f.put(
        "sata-ssd-kingston-sa400-exit4.json",
        p -> {
          p.readWithExit(4).version(7, 3).model("KINGSTON SA400M8120G").healthy();
          assertThat(p.reading.ataErrorLogCount()).isEmpty();
          assertThat(p.reading.ataAttributes()).hasSize(26);
          p.metric("storage_smartctl_exit_status{device=\"sda\",serial=\"REDACTED\"} 4.0");
          p.metric(
              "storage_ata_attribute_raw{device=\"sda\",id=\"231\",name=\"SSD_Life_Left\",serial=\"REDACTED\"} 98.0");
        });
    f.put(
        "sata-hdd-wdc-wd140edfz-14tb-healthy.json",
        p -> {
          p.readWithExit(0).version(7, 0).model("WDC WD140EDFZ-11A0VA0").healthy();
          assertThat(p.attribute(22).rawValue()).isEqualTo(100);
          for (int id : new int[] {5, 196, 197, 198, 199}) {
            assertThat(p.attribute(id).rawValue()).as("attribute %d", id).isZero();
          }
          assertThat(p.reading.ataErrorLogCount()).hasValue(0);
        });
    f.put(
        "sata-hdd-seagate-st3500418as-reallocated-304.json",
        p -> {
          p.readWithExit(0).version(7, 3).model("ST3500418AS").healthy();
          assertThat(p.attribute(5).rawValue()).isEqualTo(304);
          assertThat(p.attribute(5).whenFailed()).isEmpty();
          p.metric(
              "storage_ata_attribute_raw{device=\"sda\",id=\"5\",name=\"Reallocated_Sector_Ct\",serial=\"REDACTED\"} 304.0");
          p.metric(
              "storage_ata_attribute_failing{device=\"sda\",id=\"5\",name=\"Reallocated_Sector_Ct\",serial=\"REDACTED\",when=\"now\"} 0.0");
          // Seagate packs seek errors into 48 bits; only the Backblaze five are decoded.
          p.metric(
              "storage_ata_attribute_raw{device=\"sda\",id=\"7\",name=\"Seek_Error_Rate\",serial=\"REDACTED\"} 1.2834215976973E13");
        });
    f.put(
        "sata-hdd-hgst-hus724020ale640-errorlog-exit64.json",
        p -> {
          p.readWithExit(64).version(7, 3).model("HGST HUS724020ALE640").healthy();
          assertThat(p.reading.ataErrorLogCount()).hasValue(12);
          assertThat(p.attribute(5).rawValue()).isZero();
          assertThat(p.attribute(196).rawValue()).isZero();
          p.metric("storage_smartctl_exit_status{device=\"sdb\",serial=\"REDACTED\"} 64.0");
        });
    f.put(
        "sat-megaraid-wdc-wd4000fyyx-reallocated-387-exit4.json",
        p -> {
          p.readWithExit(4).version(7, 1).model("WD4000FYYX").healthy();
          assertThat(p.reading.identity().type()).isEqualTo("sat+megaraid,1");
          assertThat(p.attribute(5).rawValue()).isEqualTo(387);
          assertThat(p.attribute(196).rawValue()).isEqualTo(9);
          assertThat(p.reading.messages())
              .containsExactly(
                  new SmartctlMessage(
                      "Warning: This result is based on an Attribute check.", "warning"));
          p.metric(
              "storage_ata_attribute_raw{device=\"sda_megaraid1\",id=\"5\",name=\"Reallocated_Sector_Ct\",serial=\"XXXXXXXXXXXX\"} 387.0");
          p.metric("block_device=\"\",device=\"sda_megaraid1\"");
        });
    f.put(
        "usb-sat-sandisk-pssd-healthy.json",
        p -> {
          p.readWithExit(0).version(7, 4).model("SanDisk pSSD").healthy();
          assertThat(p.reading.identity().family()).isEqualTo("SanDisk based SSDs");
          assertThat(p.reading.identity().type()).isEqualTo("sat");
        });
    f.put(
        "unsupported-intel-raid1-volume-windows-exit4.json",
        p -> {
          p.readWithExit(4).version(7, 0).model("Intel Raid 1 Volume");
          assertThat(p.reading.smartPassed()).isEmpty();
          assertThat(p.reading.temperatureCelsius()).isEmpty();
          assertThat(p.reading.ataAttributes()).isEmpty();
          assertThat(p.text).doesNotContain("storage_smart_healthy");
        });
    f.put(
        "open-failed-windows-physicaldrive0-exit2.json",
        p -> {
          assertThat(p.outcome).isInstanceOf(DeviceOutcome.NoData.class);
          DeviceOutcome.NoData n = (DeviceOutcome.NoData) p.outcome;
          assertThat(n.exit().value()).isEqualTo(2);
          assertThat(n.reason()).contains("Open failed, Error=5");
        });
    f.put(
        "scsi-sas-seagate-st373453lc-grown-defects-260.json",
        p -> {
          p.readWithExit(0).version(7, 4).model("SEAGATE ST373453LC").healthy();
          assertThat(p.reading.identity().firmware()).isEqualTo("DX10");
          ScsiCounters s = p.reading.scsi().orElseThrow();
          assertThat(s.grownDefects()).hasValue(260);
          assertThat(s.uncorrectedErrors()).containsEntry("read", 1L).containsEntry("write", 535L);
          assertThat(p.reading.powerOnSeconds()).hasValue(102880L * 3600 + 59 * 60);
          p.metric("storage_scsi_grown_defects{device=\"sdb\",serial=\"REDACTED\"} 260.0");
          p.metric(
              "storage_scsi_uncorrected_errors_total{device=\"sdb\",op=\"write\",serial=\"REDACTED\"} 535.0");
        });
    return f;
  }

  @Test
  void everyCaptureParsesToTheFactsItsSourcesLineStates() throws IOException {
    String sources = Files.readString(corpus.resolve("SOURCES.md"), StandardCharsets.UTF_8);
    Map<String, Consumer<Parsed>> facts = facts();
    List<String> files;
    try (Stream<Path> s = Files.list(corpus)) {
      files =
          s.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".json") && !n.startsWith("scan-"))
              .sorted()
              .toList();
    }
    assertThat(files).as("device captures in %s", corpus).isNotEmpty();
    for (String file : files) {
      assertThat(sources).as("SOURCES.md describes %s", file).contains("`" + file + "`");
      assertThat(facts)
          .as("%s is new: add the facts its SOURCES.md line states to this test", file)
          .containsKey(file);
      Parsed parsed = Parsed.of(corpus.resolve(file));
      try {
        facts.get(file).accept(parsed);
      } catch (AssertionError e) {
        throw new AssertionError(file + ": " + e.getMessage(), e);
      }
    }
    assertThat(facts.keySet()).as("every file with facts is in the corpus").containsAll(files);
  }

  /**
   * WWNs as "LU WWN Device Id" shows them (NAA, OUI, vendor id) and NVMe EUI-64s as "IEEE EUI-64"
   * does (OUI, extension id), both packed into 16 hex digits; a SAS capture without one has none.
   */
  @Test
  void wwnAndEui64AreSixteenHexDigitsOnTheInfoSeries() throws Exception {
    assertThat(Parsed.of(corpus.resolve("sata-hdd-wdc-wd140edfz-14tb-healthy.json")).wwn())
        .isEqualTo("0x5000cca264eb01d7");
    assertThat(
            Parsed.of(corpus.resolve("sat-megaraid-wdc-wd4000fyyx-reallocated-387-exit4.json"))
                .wwn())
        .isEqualTo("0x50014ee2b6578d5f");
    Parsed nvme = Parsed.of(corpus.resolve("nvme-samsung-970evo-500gb-media-errors-7.json"));
    assertThat(nvme.wwn()).isEqualTo("0x0025385791b4f537");
    assertThat(nvme.text).contains("wwn=\"0x0025385791b4f537\"} 1");
    assertThat(
            Parsed.of(corpus.resolve("scsi-sas-seagate-st373453lc-grown-defects-260.json")).wwn())
        .isEmpty();
  }

  @Test
  void megaraidScanYieldsTwoDevices() throws Exception {
    String json =
        Files.readString(corpus.resolve("scan-megaraid-two-disks.json"), StandardCharsets.UTF_8);

    List<SmartDevice> devices = SmartctlJsonParser.parseScan(json);

    assertThat(devices)
        .containsExactly(
            new SmartDevice("/dev/bus/0", "megaraid,0", "SCSI", "bus0_megaraid0", ""),
            new SmartDevice("/dev/bus/0", "megaraid,1", "SCSI", "bus0_megaraid1", ""));
  }

  /** One capture taken through parser, policy and metrics the way the collector does. */
  private static final class Parsed {
    final DeviceOutcome outcome;
    final SmartReading reading;
    final String text;

    private Parsed(DeviceOutcome outcome, SmartReading reading, String text) {
      this.outcome = outcome;
      this.reading = reading;
      this.text = text;
    }

    static Parsed of(Path file) throws IOException {
      byte[] bytes = Files.readAllBytes(file);
      SmartReading reading;
      try {
        reading = SmartctlJsonParser.parseReading(new String(bytes, StandardCharsets.UTF_8));
      } catch (SmartParseException e) {
        throw new AssertionError(file.getFileName() + " does not parse: " + e.getMessage(), e);
      }
      int exit = reading.exitStatus().orElseThrow();
      DeviceOutcome outcome =
          OutcomePolicy.classify(
              T0, new CommandResult(exit, bytes, new byte[0], false, false, Duration.ofMillis(50)));
      String text = "";
      if (outcome instanceof DeviceOutcome.Read r) {
        SmartDevice device =
            SmartDevice.of(
                reading.deviceName(), reading.identity().type(), reading.identity().protocol());
        DeviceView view =
            new DeviceView(
                device,
                reading.identity(),
                OptionalInt.of(1),
                OptionalInt.of(r.exit().value()),
                Optional.of(reading));
        text =
            PrometheusTextFormatWriter.create()
                .toDebugString(new MetricSnapshots(SmartMetrics.families(List.of(view))));
      }
      return new Parsed(outcome, reading, text);
    }

    Parsed readWithExit(int exit) {
      assertThat(outcome).isInstanceOf(DeviceOutcome.Read.class);
      assertThat(((DeviceOutcome.Read) outcome).exit().value()).isEqualTo(exit);
      assertThat(reading.identity().identified()).isTrue();
      return this;
    }

    Parsed version(int major, int minor) {
      assertThat(reading.smartctlVersion()).contains(List.of(major, minor));
      return this;
    }

    Parsed model(String model) {
      assertThat(reading.identity().model()).isEqualTo(model);
      return this;
    }

    Parsed healthy() {
      assertThat(reading.smartPassed()).contains(true);
      assertThat(text)
          .containsPattern("storage_smart_healthy\\{device=\"[^\"]+\",serial=\"[^\"]+\"\\} 1\\.0");
      return this;
    }

    String wwn() {
      return reading.identity().wwn();
    }

    NvmeHealth nvme() {
      return reading.nvme().orElseThrow(() -> new AssertionError("no NVMe health log"));
    }

    AtaAttribute attribute(int id) {
      return reading.ataAttributes().stream()
          .filter(a -> a.id() == id)
          .findFirst()
          .orElseThrow(() -> new AssertionError("no ATA attribute " + id));
    }

    void metric(String line) {
      assertThat(text).contains(line);
    }
  }
}
