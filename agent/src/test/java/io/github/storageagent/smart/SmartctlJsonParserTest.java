package io.github.storageagent.smart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.stree.JrsMissing;
import com.fasterxml.jackson.jr.stree.JrsValue;
import io.github.storageagent.json.JsonTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmartctlJsonParserTest {

  @Test
  void healthyNvmeHasIdentityAndHealthLog() throws Exception {
    SmartReading r = Fixtures.reading("nvme-samsung-pm9a3-healthy.json");

    assertThat(r.smartctlVersion()).contains(List.of(7, 3));
    assertThat(r.exitStatus()).hasValue(0);
    assertThat(r.deviceName()).isEqualTo("/dev/nvme0");
    assertThat(r.identity())
        .isEqualTo(
            new DeviceIdentity(
                "nvme",
                "NVMe",
                "SAMSUNG MZQL21T9HCJR-00A07",
                "",
                "S64GNE0R601234",
                "GDC5602Q",
                ""));
    assertThat(r.smartPassed()).contains(true);
    assertThat(r.temperatureCelsius()).hasValue(41);
    assertThat(r.powerOnSeconds()).hasValue(6530L * 3600);
    assertThat(r.powerCycles()).hasValue(14);
    assertThat(r.capacityBytes()).hasValue(1920383410176L);
    NvmeHealth n = r.nvme().orElseThrow();
    assertThat(n.criticalWarning()).hasValue(0);
    assertThat(n.availableSpare()).hasValue(100);
    assertThat(n.availableSpareThreshold()).hasValue(10);
    assertThat(n.percentageUsed()).hasValue(1);
    assertThat(n.dataUnitsRead()).hasValue(88214003);
    assertThat(n.dataUnitsWritten()).hasValue(120377712);
    assertThat(n.mediaErrors()).hasValue(0);
    assertThat(n.unsafeShutdowns()).hasValue(6);
    assertThat(r.ataAttributes()).isEmpty();
    assertThat(r.scsi()).isEmpty();
  }

  @Test
  void nvmeWithCriticalWarningKeepsEveryCounter() throws Exception {
    SmartReading r = Fixtures.reading("nvme-kioxia-critical-warning-exit8.json");

    assertThat(r.exitStatus()).hasValue(8);
    assertThat(r.smartPassed()).contains(false);
    NvmeHealth n = r.nvme().orElseThrow();
    assertThat(n.criticalWarning()).hasValue(5);
    assertThat(n.availableSpare()).hasValue(8);
    assertThat(n.percentageUsed()).hasValue(103);
    assertThat(n.mediaErrors()).hasValue(212);
    assertThat(n.errorLogEntries()).hasValue(1310);
  }

  @Test
  void ataTableKeepsWhenFailedFlagsAndRawStrings() throws Exception {
    SmartReading r = Fixtures.reading("sata-hdd-wdc-failing-exit56.json");

    assertThat(r.exitStatus()).hasValue(56);
    assertThat(r.smartPassed()).contains(false);
    assertThat(r.identity().family()).isEqualTo("Western Digital Black");
    AtaAttribute realloc = attribute(r, 5);
    assertThat(realloc.name()).isEqualTo("Reallocated_Sector_Ct");
    assertThat(realloc.value()).isEqualTo(3);
    assertThat(realloc.threshold()).isEqualTo(140);
    assertThat(realloc.whenFailed()).isEqualTo("now");
    assertThat(realloc.prefailure()).isTrue();
    assertThat(realloc.rawValue()).isEqualTo(1893);
    assertThat(attribute(r, 190).whenFailed()).isEqualTo("past");
    assertThat(attribute(r, 194).rawString()).isEqualTo("40 (Min/Max 20/54)");
    assertThat(r.ataErrorLogCount()).hasValue(0);
  }

  @Test
  void seagateErrorLogCountAndPackedRaw() throws Exception {
    SmartReading r = Fixtures.reading("sata-hdd-seagate-exos-pending-exit64.json");

    assertThat(r.ataErrorLogCount()).hasValue(23);
    assertThat(attribute(r, 188).rawValue()).isEqualTo((3L << 32) + (3L << 16) + 5);
    assertThat(attribute(r, 188).rawString()).isEqualTo("3 3 5");
    assertThat(attribute(r, 197).rawValue()).isEqualTo(24);
  }

  @Test
  void ssdWithoutErrorLogStillHasAttributes() throws Exception {
    SmartReading r = Fixtures.reading("sata-ssd-crucial-mx500-exit4.json");

    assertThat(r.exitStatus()).hasValue(4);
    assertThat(r.ataErrorLogCount()).isEmpty();
    assertThat(r.ataAttributes()).hasSize(22);
    assertThat(attribute(r, 202).name()).isEqualTo("Percent_Lifetime_Remain");
  }

  @Test
  void megaraidDeviceKeepsItsType() throws Exception {
    SmartReading r = Fixtures.reading("sat-megaraid-wd-re-exit0.json");

    assertThat(r.deviceName()).isEqualTo("/dev/bus/0");
    assertThat(r.identity().type()).isEqualTo("sat+megaraid,2");
    assertThat(r.identity().protocol()).isEqualTo("ATA");
    assertThat(attribute(r, 199).rawValue()).isEqualTo(3);
  }

  @Test
  void capacityIsTheUserCapacityElseTheNvmeTotalAndAbsentWhenUnknown() throws Exception {
    String nvmeWithoutUserCapacity =
        "{\"smartctl\":{\"exit_status\":0},\"device\":{\"name\":\"/dev/nvme0\"},"
            + "\"nvme_total_capacity\":800166076416}";
    assertThat(SmartctlJsonParser.parseReading(nvmeWithoutUserCapacity).capacityBytes())
        .hasValue(800166076416L);
    String standby = "{\"smartctl\":{\"exit_status\":2},\"device\":{\"name\":\"/dev/sdb\"}}";
    assertThat(SmartctlJsonParser.parseReading(standby).capacityBytes()).isEmpty();
  }

  @Test
  void sasUsesScsiFieldsForIdentityCyclesAndErrors() throws Exception {
    SmartReading r = Fixtures.reading("sas-hdd-hgst-grown-defects-12.json");

    assertThat(r.identity().model()).isEqualTo("HGST HUC101818CS4204");
    assertThat(r.identity().firmware()).isEqualTo("A907");
    assertThat(r.powerOnSeconds()).hasValue(41977L * 3600 + 12 * 60);
    assertThat(r.powerCycles()).hasValue(112);
    assertThat(r.capacityBytes()).hasValue(3516328368L * 512);
    assertThat(r.temperatureCelsius()).hasValue(31);
    ScsiCounters s = r.scsi().orElseThrow();
    assertThat(s.grownDefects()).hasValue(12);
    assertThat(s.uncorrectedErrors()).isEqualTo(Map.of("read", 2L, "write", 0L, "verify", 1L));
  }

  @Test
  void standbySkipHasMessageAndNoData() throws Exception {
    SmartReading r73 = Fixtures.reading("sata-standby-exit2.json");
    SmartReading r75 = Fixtures.reading("sata-standby-smartctl75-exit2.json");

    assertThat(r73.exitStatus()).hasValue(2);
    assertThat(r73.messages())
        .containsExactly(new SmartctlMessage("Device is in STANDBY mode, exit(2)", "information"));
    assertThat(r73.identity().identified()).isFalse();
    assertThat(r73.smartPassed()).isEmpty();
    assertThat(r75.powerMode()).contains("STANDBY");
  }

  @Test
  void scanListsEveryDeviceWithTypeAndNames() throws Exception {
    List<SmartDevice> devices =
        SmartctlJsonParser.parseScan(Fixtures.text("scan-sata-megaraid-nvme.json"));

    assertThat(devices)
        .extracting(SmartDevice::label)
        .containsExactly("sda", "bus0_megaraid0", "bus0_megaraid2", "nvme0", "nvme1");
    assertThat(devices.get(2))
        .isEqualTo(new SmartDevice("/dev/bus/0", "sat+megaraid,2", "ATA", "bus0_megaraid2", ""));
    // An NVMe controller's namespaces come from sysfs (SmartSysfs), not from its name.
    assertThat(devices.get(3).blockDevice()).isEmpty();
    assertThat(SmartctlJsonParser.parseScan(Fixtures.text("scan-no-devices.json"))).isEmpty();
  }

  @Test
  void zeroTemperatureMeansNoSensor() throws Exception {
    SmartReading r =
        SmartctlJsonParser.parseReading(
            "{\"smartctl\":{\"exit_status\":4},\"temperature\":{\"current\":0}}");
    assertThat(r.temperatureCelsius()).isEmpty();
  }

  @Test
  void hugeNvmeCountersAreClampedNotRejected() throws Exception {
    SmartReading r =
        SmartctlJsonParser.parseReading(
            "{\"smartctl\":{\"exit_status\":0},\"nvme_smart_health_information_log\":"
                + "{\"data_units_written\":340282366920938463463374607431768211455}}");
    assertThat(r.nvme().orElseThrow().dataUnitsWritten()).hasValue(Long.MAX_VALUE);
  }

  @Test
  void wrongTypesAreTreatedAsMissing() throws Exception {
    SmartReading r =
        SmartctlJsonParser.parseReading(
            "{\"smartctl\":{\"exit_status\":\"x\",\"messages\":7},\"model_name\":5,"
                + "\"ata_smart_attributes\":{\"table\":[{\"id\":\"5\"},{\"id\":300},"
                + "{\"id\":9,\"raw\":{\"value\":\"many\"}},{\"id\":9}]},"
                + "\"power_on_time\":{\"hours\":\"3\"}}");
    assertThat(r.exitStatus()).isEmpty();
    assertThat(r.identity().model()).isEmpty();
    assertThat(r.ataAttributes()).extracting(AtaAttribute::id).containsExactly(9);
    assertThat(r.ataAttributes().get(0).rawValue()).isZero();
    assertThat(r.powerOnSeconds()).isEqualTo(OptionalLong.empty());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "garbage\u0000\u0001",
        "Segmentation fault",
        "{\"smartctl\": {\"exit_status\": 0",
        "[1,2,3]",
        "{\"device\":{}}",
        "null",
        "42"
      })
  void garbageIsATypedFailure(String output) {
    assertThatThrownBy(() -> SmartctlJsonParser.parseReading(output))
        .isInstanceOf(SmartParseException.class);
    assertThatThrownBy(() -> SmartctlJsonParser.parseScan(output))
        .isInstanceOf(SmartParseException.class);
  }

  @Test
  void deeplyNestedInputIsATypedFailure() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertThatThrownBy(() -> SmartctlJsonParser.parseReading(deep))
        .isInstanceOf(SmartParseException.class);
  }

  @Test
  void textAfterTheJsonObjectIsNotRead() throws Exception {
    SmartReading r =
        SmartctlJsonParser.parseReading("{\"smartctl\":{\"exit_status\":0}}\ntrailing text");
    assertThat(r.exitStatus()).hasValue(0);
    assertThat(SmartctlJsonParser.parseScan("{\"smartctl\":{},\"devices\":[]} {")).isEmpty();
  }

  @Test
  void prefailureAndValidFlagsTakeBooleansNumbersAndWords() throws Exception {
    SmartReading r =
        SmartctlJsonParser.parseReading(
            "{\"smartctl\":{},\"ata_smart_attributes\":{\"table\":["
                + "{\"id\":1,\"flags\":{\"prefailure\":true}},"
                + "{\"id\":2,\"flags\":{\"prefailure\":1}},"
                + "{\"id\":3,\"flags\":{\"prefailure\":\" true \"}},"
                + "{\"id\":4,\"flags\":{\"prefailure\":\"yes\"}},"
                + "{\"id\":5,\"flags\":{}}]},"
                + "\"ata_device_statistics\":{\"pages\":[{\"number\":1,\"table\":["
                + "{\"offset\":24,\"value\":100,\"flags\":{\"valid\":0}},"
                + "{\"offset\":40,\"value\":200,\"flags\":{\"valid\":null}}]}]}}");
    assertThat(r.ataAttributes())
        .extracting(AtaAttribute::prefailure)
        .containsExactly(true, true, true, false, false);
    AtaDeviceStatistics stats = r.deviceStatistics().orElseThrow();
    assertThat(stats.logicalSectorsWritten()).isEmpty();
    assertThat(stats.logicalSectorsRead()).hasValue(200);
  }

  @Test
  void anObjectWhereAListBelongsIsReadAsTheListOfItsValues() throws Exception {
    List<SmartDevice> devices =
        SmartctlJsonParser.parseScan(
            "{\"smartctl\":{},\"devices\":{\"b\":{\"name\":\"/dev/sdb\"},"
                + "\"a\":{\"name\":\"/dev/sda\"}}}");
    assertThat(devices).extracting(SmartDevice::name).containsExactly("/dev/sdb", "/dev/sda");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "true        | false | true",
        "false       | true  | false",
        "1           | false | true",
        "-1          | false | true",
        "0           | true  | false",
        "99999999999999999999999 | false | true",
        "1.0         | false | false",
        "0.0         | true  | true",
        "'\"true\"'    | false | true",
        "'\" false \"' | true  | false",
        "'\"TRUE\"'    | false | false",
        "'\"1\"'       | false | false",
        "'\"no\"'      | true  | true",
        "null        | true  | true",
        "'{}'        | true  | true",
        "'[]'        | false | false",
      })
  void flagReadsLikeTheTreeDidBefore(String json, boolean otherwise, boolean expected)
      throws Exception {
    assertThat(SmartctlJsonParser.flag(JsonTree.firstValue(json), otherwise)).isEqualTo(expected);
  }

  @Test
  void flagOfAMissingValueIsTheDefault() {
    assertThat(SmartctlJsonParser.flag(JrsMissing.instance(), true)).isTrue();
    assertThat(SmartctlJsonParser.flag(JrsMissing.instance(), false)).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "5                          | 5",
        "-5                         | -5",
        "9223372036854775807        | 9223372036854775807",
        "18446744073709551616       | 9223372036854775807",
        "-18446744073709551616      | -9223372036854775808",
      })
  void integerTakesIntegralNumbersAndClampsHugeOnes(String json, long expected) throws Exception {
    assertThat(SmartctlJsonParser.integer(JsonTree.firstValue(json))).hasValue(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"5.0", "1e2", "\"5\"", "true", "null", "[5]", "{\"a\":5}"})
  void integerIsEmptyForAnythingButAnIntegralNumber(String json) throws Exception {
    assertThat(SmartctlJsonParser.integer(JsonTree.firstValue(json))).isEmpty();
  }

  @Test
  void integerOfNothingIsEmpty() {
    assertThat(SmartctlJsonParser.integer(null)).isEmpty();
    assertThat(SmartctlJsonParser.integer(JrsMissing.instance())).isEmpty();
  }

  @Test
  void elementsAreAListsMembersOrAnObjectsValuesAndCanBeWalkedTwice() throws Exception {
    Iterable<JrsValue> list = SmartctlJsonParser.elements(JsonTree.firstValue("[1,2,3]"));
    assertThat(integers(list)).containsExactly(1L, 2L, 3L);
    assertThat(integers(list)).containsExactly(1L, 2L, 3L);
    Iterable<JrsValue> values =
        SmartctlJsonParser.elements(JsonTree.firstValue("{\"z\":1,\"a\":2}"));
    assertThat(integers(values)).containsExactly(1L, 2L);
    assertThat(integers(values)).containsExactly(1L, 2L);
    assertThat(SmartctlJsonParser.elements(JsonTree.firstValue("\"x\""))).isEmpty();
    assertThat(SmartctlJsonParser.elements(JrsMissing.instance())).isEmpty();
  }

  private static List<Long> integers(Iterable<JrsValue> values) {
    List<Long> result = new ArrayList<>();
    for (JrsValue v : values) {
      result.add(SmartctlJsonParser.integer(v).orElseThrow());
    }
    return result;
  }

  private static AtaAttribute attribute(SmartReading r, int id) {
    return r.ataAttributes().stream().filter(a -> a.id() == id).findFirst().orElseThrow();
  }
}
