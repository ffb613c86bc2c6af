package io.github.storageagent.lvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.storageagent.json.JsonTree;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LvmJsonParserTest {

  private static Map<String, LogicalVolume> byName(LvmReport r) {
    return r.logicalVolumes().stream()
        .collect(Collectors.toMap(lv -> lv.vg() + "/" + lv.name(), Function.identity()));
  }

  @Test
  void classicLvsOfAProxmoxNode() throws Exception {
    LvmReport r = Fixtures.parse("lvs-pve8.json");
    assertThat(r.skippedRows()).isZero();
    assertThat(r.volumeGroups()).isEmpty();
    assertThat(r.logicalVolumes()).hasSize(15);
    Map<String, LogicalVolume> lvs = byName(r);

    LogicalVolume data = lvs.get("pve/data");
    assertThat(data.isThinPool()).isTrue();
    assertThat(data.sizeBytes()).isEqualTo(3_562_817_429_504L);
    assertThat(data.dataPercent()).isEqualTo(OptionalDouble.of(47.31));
    assertThat(data.metadataPercent()).isEqualTo(OptionalDouble.of(2.87));
    assertThat(data.dataUsedRatio()).isEqualTo(OptionalDouble.of(0.4731));
    assertThat(data.metadataUsedRatio()).isEqualTo(OptionalDouble.of(0.0287));
    assertThat(data.metadataSizeBytes()).isEqualTo(OptionalLong.of(16_240_345_088L));
    assertThat(data.whenFull()).isEqualTo("queue");
    assertThat(data.pool()).isEmpty();

    LogicalVolume disk = lvs.get("pve/vm-100-disk-0");
    assertThat(disk.isThinVolume()).isTrue();
    assertThat(disk.pool()).isEqualTo("data");
    assertThat(disk.dataUsedRatio()).isEqualTo(OptionalDouble.of(0.7112));
    assertThat(disk.metadataPercent()).isEmpty();
    assertThat(disk.metadataSizeBytes()).isEmpty();

    // "" = not applicable: inactive volumes have no usage
    assertThat(lvs.get("pve/vm-101-disk-0").dataPercent()).isEmpty();
    assertThat(lvs.get("pve/snap_vm-100-disk-0_before_upgrade").dataPercent()).isEmpty();
    assertThat(lvs.get("pve/root").isThinPool()).isFalse();
    assertThat(lvs.get("pve/root").isThinVolume()).isFalse();
    assertThat(lvs.get("ssd/ssdpool").whenFull()).isEqualTo("error");
  }

  @Test
  void classicVgs() throws Exception {
    LvmReport r = Fixtures.parse("vgs-pve8.json");
    assertThat(r.volumeGroups())
        .containsExactly(
            new VolumeGroup("pve", 915_311L * 4_194_304, 4095L * 4_194_304),
            new VolumeGroup("ssd", 476_932L * 4_194_304, 0));
    assertThat(r.logicalVolumes()).isEmpty();
  }

  @Test
  void jsonStdNumbersNullsAndTopLevelLog() throws Exception {
    LvmReport r = Fixtures.parse("lvs-json-std-log.json");
    assertThat(r.skippedRows()).isZero();
    Map<String, LogicalVolume> lvs = byName(r);
    LogicalVolume data = lvs.get("pve/data");
    assertThat(data.sizeBytes()).isEqualTo(1_888_444_416_000L);
    assertThat(data.dataUsedRatio()).isEqualTo(OptionalDouble.of(0.2346));
    assertThat(data.metadataUsedRatio()).isEqualTo(OptionalDouble.of(0.0108));
    assertThat(data.metadataSizeBytes()).isEqualTo(OptionalLong.of(16_106_127_360L));
    assertThat(lvs.get("pve/vm-104-disk-0").dataUsedRatio()).isEqualTo(OptionalDouble.of(0.885));
    assertThat(lvs.get("pve/vm-105-disk-0").dataPercent()).isEmpty();
    assertThat(lvs.get("pve/root").metadataSizeBytes()).isEmpty();
  }

  @Test
  void fullreportWithUnescapedBackslashesReadsVgAndLvArrays() throws Exception {
    // Like real fullreport output, the lv rows carry no vg_name: data has lv_full_name, and
    // vm-110-disk-0 not even that, so its VG is the report element's.
    LvmReport r = Fixtures.parse("fullreport-backslash.json");
    assertThat(r.volumeGroups())
        .containsExactly(new VolumeGroup("pve", 1_000_203_091_968L, 16_101_933_056L));
    Map<String, LogicalVolume> lvs = byName(r);
    assertThat(lvs).containsOnlyKeys("pve/data", "pve/vm-110-disk-0");
    assertThat(lvs.get("pve/data").dataUsedRatio()).isEqualTo(OptionalDouble.of(0.125));
    assertThat(lvs.get("pve/vm-110-disk-0").pool()).isEqualTo("data");
  }

  @Test
  void strayBackslashesAreDoubledAndValidEscapesKept() {
    assertThat(LvmJsonParser.escapeStrayBackslashes("{\"a\":\"x\\x20y\"}"))
        .isEqualTo("{\"a\":\"x\\\\x20y\"}");
    assertThat(LvmJsonParser.escapeStrayBackslashes("{\"a\":\"C:\\\", \"b\":\"\"}"))
        .isEqualTo("{\"a\":\"C:\\\\\", \"b\":\"\"}");
    String valid = "{\"a\":\"tab\\t quote\\\" uni\\u00e9 slash\\\\ end\"}";
    assertThat(LvmJsonParser.escapeStrayBackslashes(valid)).isEqualTo(valid);
    assertThat(LvmJsonParser.escapeStrayBackslashes("{\"a\":\"\\u12\"}"))
        .isEqualTo("{\"a\":\"\\\\u12\"}");
    String plain = "{\"report\":[]}";
    assertThat(LvmJsonParser.escapeStrayBackslashes(plain)).isSameAs(plain);
  }

  @Test
  void vgSizesFromExtentCountsWhenSizesAreNotListed() throws Exception {
    LvmReport r =
        LvmJsonParser.parse(
            "{\"report\":[{\"vg\":[{\"vg_name\":\"test\", \"vg_extent_size\":\"4194304\","
                + " \"vg_extent_count\":\"100\", \"vg_free_count\":\"25\"}]}]}");
    assertThat(r.volumeGroups()).containsExactly(new VolumeGroup("test", 419_430_400, 104_857_600));
  }

  @Test
  void rowsWithoutNameOrReadableSizeAreSkippedAndCounted() throws Exception {
    LvmReport r =
        LvmJsonParser.parse(
            "{\"report\":[{\"lv\":["
                + "{\"vg_name\":\"pve\",\"lv_name\":\"ok\",\"lv_attr\":\"Vwi-a-tz--\",\"lv_size\":\"1024\"},"
                + "{\"vg_name\":\"pve\",\"lv_name\":\"\",\"lv_size\":\"1024\"},"
                + "{\"vg_name\":\"pve\",\"lv_name\":\"nosize\",\"lv_size\":\"\"},"
                + "{\"vg_name\":\"pve\",\"lv_name\":\"garbage\",\"lv_size\":\"12ab\"},"
                + "\"not an object\"],"
                + "\"vg\":[{\"vg_name\":\"pve\",\"vg_size\":\"x\",\"vg_free\":\"0\"}]}]}");
    assertThat(r.logicalVolumes()).extracting(LogicalVolume::name).containsExactly("ok");
    assertThat(r.volumeGroups()).isEmpty();
    assertThat(r.skippedRows()).isEqualTo(5);
  }

  @Test
  void oddValuesAreReadOrLeftEmpty() throws Exception {
    LvmReport r =
        LvmJsonParser.parse(
            "{\"report\":[{\"lv\":[{\"vg_name\":\"pve\",\"lv_name\":\"data\",\"lv_attr\":\"twi-aotz--\","
                + "\"lv_size\":\"1073741824B\",\"data_percent\":\"12,50\",\"metadata_percent\":\"-1\","
                + "\"lv_metadata_size\":\"-1\",\"lv_when_full\":\"Error\"}]}]}");
    LogicalVolume lv = r.logicalVolumes().get(0);
    assertThat(lv.sizeBytes()).isEqualTo(1_073_741_824L);
    assertThat(lv.dataPercent()).isEqualTo(OptionalDouble.of(12.5));
    assertThat(lv.metadataPercent()).isEmpty();
    assertThat(lv.metadataSizeBytes()).isEmpty();
    assertThat(lv.whenFull()).isEqualTo("error");
    assertThat(lv.healthStatus()).isEmpty();
  }

  @Test
  void duplicateRowsOfOneLvAreKeptOnce() throws Exception {
    String row = "{\"vg_name\":\"test\",\"lv_name\":\"[lvol0_pmspare]\",\"lv_size\":\"12582912\"}";
    LvmReport r = LvmJsonParser.parse("{\"report\":[{\"lv\":[" + row + "," + row + "]}]}");
    assertThat(r.logicalVolumes()).hasSize(1);
    assertThat(r.skippedRows()).isZero();
  }

  @Test
  void emptyReportIsNotAnError() throws Exception {
    LvmReport r = LvmJsonParser.parse("  {\n      \"report\": [\n          {\n \"lv\": []}]}\n");
    assertThat(r.logicalVolumes()).isEmpty();
    assertThat(r.volumeGroups()).isEmpty();
  }

  @Test
  void outputThatIsNotAReportFails() {
    for (String bad :
        List.of("", "garbage", "{\"report\": [ {\"lv\": [ {\"vg_name\": \"pve\",", "[1,2]")) {
      assertThatThrownBy(() -> LvmJsonParser.parse(bad))
          .as(bad)
          .isInstanceOf(LvmParseException.class)
          .hasMessageMatching("not (valid JSON|an lvm JSON report).*");
    }
    assertThatThrownBy(() -> LvmJsonParser.parse("{\"log\": []}"))
        .isInstanceOf(LvmParseException.class)
        .hasMessage("not an lvm JSON report (no \"report\" array)");
  }

  @Test
  void numberTooLargeForADoubleIsNoValue() throws Exception {
    LvmReport r =
        LvmJsonParser.parse(
            "{\"report\": [{\"lv\": [{\"vg_name\": \"pve\", \"lv_name\": \"data\","
                + " \"lv_size\": 1024, \"lv_metadata_size\": 1e999, \"data_percent\": -1e999}]}]}");
    assertThat(r.logicalVolumes()).hasSize(1);
    assertThat(r.logicalVolumes().get(0).metadataSizeBytes()).isEmpty();
    assertThat(r.logicalVolumes().get(0).dataPercent()).isEmpty();
  }

  @Test
  void textAfterTheReportIsNotRead() throws Exception {
    LvmReport r =
        LvmJsonParser.parse(
            "{\"report\":[{\"vg\":[{\"vg_name\":\"pve\",\"vg_size\":\"8\",\"vg_free\":\"0\"}]}]}"
                + "\n  WARNING: trailing text");
    assertThat(r.volumeGroups()).containsExactly(new VolumeGroup("pve", 8, 0));
  }

  @Test
  void rowsThatAreNotObjectsAndReportsThatAreNotObjectsAreSkipped() throws Exception {
    LvmReport r =
        LvmJsonParser.parse(
            "{\"report\":[null, 1, \"x\", [], {\"lv\":{}}, {\"lv\":[null, [], 7]}]}");
    assertThat(r.logicalVolumes()).isEmpty();
    assertThat(r.skippedRows()).isEqualTo(3);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'\"  1024B \"'               | 1024B",
        "1024                         | 1024",
        "-1                           | -1",
        "12345678901234567890123      | 12345678901234567890123",
        "1.5                          | 1.5",
        "1e3                          | 1000.0",
        "1E+20                        | 100000000000000000000",
        "-0.0                         | 0.0",
        "true                         | true",
        "false                        | false",
        "null                         | ''",
        "1e999                        | ''",
        "'{\"a\":1}'                    | ''",
        "'[1]'                        | ''",
      })
  void textReadsStringsNumbersAndBooleansAsBefore(String value, String expected) throws Exception {
    assertThat(LvmJsonParser.text(JsonTree.firstValue("{\"f\":" + value + "}"), "f"))
        .isEqualTo(expected);
  }

  @Test
  void textOfAMissingFieldOrOfARowThatIsNotAnObjectIsEmpty() throws Exception {
    assertThat(LvmJsonParser.text(JsonTree.firstValue("{}"), "f")).isEmpty();
    assertThat(LvmJsonParser.text(JsonTree.firstValue("[\"f\"]"), "f")).isEmpty();
    assertThat(LvmJsonParser.text(JsonTree.firstValue("\"f\""), "f")).isEmpty();
  }

  @Test
  void jsonStdNumbersWithAnExponentAreWholeBytes() throws Exception {
    LvmReport r =
        LvmJsonParser.parse(
            "{\"report\":[{\"lv\":[{\"vg_name\":\"pve\",\"lv_name\":\"data\","
                + "\"lv_size\":1.5e3,\"lv_metadata_size\":1.5}]}]}");
    LogicalVolume lv = r.logicalVolumes().get(0);
    assertThat(lv.sizeBytes()).isEqualTo(1500);
    assertThat(lv.metadataSizeBytes()).isEmpty();
  }
}
