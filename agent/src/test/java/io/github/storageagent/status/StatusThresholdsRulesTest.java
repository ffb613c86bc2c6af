package io.github.storageagent.status;

import static io.github.storageagent.status.StatusThresholds.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The status page's thresholds are the shipped rules' thresholds: each constant of {@link
 * StatusThresholds} is read back out of the alert expression it mirrors in {@code
 * rules/*.rules.yml}. Changing a number in one place and not the other fails here.
 */
class StatusThresholdsRulesTest {

  static final Path ROOT =
      Path.of(System.getProperty("storage.project.root", "..")).toAbsolutePath().normalize();

  /** Alert rules the page deliberately does not apply, with the reason. */
  static final Set<String> NOT_ON_THE_PAGE =
      Set.of(
          // The agent's own health: the page's agent section shows each collector's state.
          "StorageAgentDown",
          "StorageCollectorFailing",
          // Need the disk collector's histograms over 5 minutes; Grafana shows latency.
          "StorageDiskLatencyHigh",
          // Need a week of trend per drive or datastore; not kept by the agent.
          "StorageNvmeWearOutForecast",
          "StoragePbsDatastoreFillingUp");

  record Rule(String alert, String severity, String expr) {}

  static List<Rule> rules;

  @BeforeAll
  static void readRules() throws Exception {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    rules = new ArrayList<>();
    try (Stream<Path> files = Files.list(ROOT.resolve("rules"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".rules.yml")).sorted().toList()) {
        for (JsonNode group : yaml.readTree(f.toFile()).path("groups")) {
          for (JsonNode r : group.path("rules")) {
            if (r.has("alert")) {
              rules.add(
                  new Rule(
                      r.path("alert").asText(),
                      r.path("labels").path("severity").asText(),
                      r.path("expr").asText()));
            }
          }
        }
      }
    }
    assertThat(rules).as("alert rules under %s", ROOT.resolve("rules")).isNotEmpty();
  }

  @Test
  void everyShippedAlertIsEitherAppliedByThePageOrListedAsNot() {
    Set<String> shipped = new TreeSet<>();
    rules.forEach(r -> shipped.add(r.alert()));
    Set<String> unaccounted = new TreeSet<>(shipped);
    unaccounted.removeAll(VerdictPolicy.ALERTS);
    unaccounted.removeAll(NOT_ON_THE_PAGE);
    assertThat(unaccounted)
        .as("alerts the status page neither applies nor lists as left out")
        .isEmpty();
    assertThat(shipped).containsAll(VerdictPolicy.ALERTS);
  }

  @Test
  void driveThresholds() {
    assertNumber(
        "StorageNvmeWearHigh",
        "warning",
        "storage_nvme_percentage_used_ratio >= ([0-9.]+)\\)",
        WEAR_WARNING_RATIO);
    assertNumber(
        "StorageNvmeWearHigh",
        "warning",
        "storage_ata_percentage_used_ratio >= ([0-9.]+)\\)",
        WEAR_WARNING_RATIO);
    assertNumber(
        "StorageNvmeWearHigh",
        "critical",
        "storage_nvme_percentage_used_ratio >= ([0-9.]+)\\)",
        WEAR_CRITICAL_RATIO);
    assertNumber(
        "StorageNvmeWearHigh",
        "critical",
        "storage_ata_percentage_used_ratio >= ([0-9.]+)\\)",
        WEAR_CRITICAL_RATIO);
    assertNumber(
        "StorageNvmeSpareLow", "warning", "threshold_ratio \\+ (\\S+)", SPARE_WARNING_MARGIN_RATIO);
    assertNumber(
        "StorageDiskTemperatureHigh",
        "warning",
        "device!~\"nvme\\.\\*\"}\\) > (\\S+)",
        TEMPERATURE_WARNING_CELSIUS_ATA);
    assertNumber(
        "StorageDiskTemperatureHigh",
        "warning",
        "device=~\"nvme\\.\\*\"}\\) > (\\S+)",
        TEMPERATURE_WARNING_CELSIUS_NVME);
    assertNumber(
        "StorageDiskTemperatureHigh",
        "critical",
        "device!~\"nvme\\.\\*\"}\\) > (\\S+)",
        TEMPERATURE_CRITICAL_CELSIUS_ATA);
    assertNumber(
        "StorageDiskTemperatureHigh",
        "critical",
        "device=~\"nvme\\.\\*\"}\\) > (\\S+)",
        TEMPERATURE_CRITICAL_CELSIUS_NVME);
    assertDuration(
        "StorageNvmeMediaErrors",
        "warning",
        "increase\\([^\\[]+\\[(\\w+)\\]\\)",
        MEDIA_ERRORS_WINDOW);
    for (String alert :
        List.of(
            "StorageAtaSectorsReallocating",
            "StorageAtaUncorrectableErrors",
            "StorageAtaCommandTimeouts",
            "StorageScsiGrownDefects")) {
      assertDuration(
          alert, "warning", "min_over_time\\([^\\[]+\\[(\\w+)\\]\\)", RISING_COUNT_WINDOW);
    }
    assertText("StorageAtaSectorsReallocating", "warning", "id=\"" + ATA_ID_REALLOCATED + "\"");
    assertText("StorageAtaPendingSectors", "warning", "id=\"" + ATA_ID_PENDING + "\"} > 0");
    assertText(
        "StorageAtaUncorrectableErrors",
        "warning",
        "id=~\"" + ATA_ID_UNCORRECTABLE + "|" + ATA_ID_OFFLINE_UNCORRECTABLE + "\"");
    assertText("StorageAtaCommandTimeouts", "warning", "id=\"" + ATA_ID_COMMAND_TIMEOUT + "\"");
  }

  @Test
  void poolThresholds() {
    assertNumber("StorageThinPoolDataAlmostFull", "warning", "> (\\S+)$", POOL_DATA_WARNING_RATIO);
    assertNumber(
        "StorageThinPoolDataAlmostFull", "critical", "> (\\S+)$", POOL_DATA_CRITICAL_RATIO);
    assertNumber(
        "StorageThinPoolMetadataAlmostFull", "warning", "> (\\S+)$", POOL_METADATA_WARNING_RATIO);
    assertNumber(
        "StorageThinPoolMetadataAlmostFull", "critical", "> (\\S+)$", POOL_METADATA_CRITICAL_RATIO);
    for (String severity : List.of("warning", "critical")) {
      assertNumber(
          "StorageThinPoolDataFillingUp",
          severity,
          "storage_lvm_thinpool_data_used_ratio > (\\S+)",
          POOL_DATA_FORECAST_FLOOR_RATIO);
      assertNumber(
          "StorageThinPoolMetadataFillingUp",
          severity,
          "storage_lvm_thinpool_metadata_used_ratio > (\\S+)",
          POOL_METADATA_FORECAST_FLOOR_RATIO);
    }
    assertText("StorageThinPoolDataFillingUp", "warning", "deriv" + hours(FORECAST_WARNING_WINDOW));
    assertText(
        "StorageThinPoolDataFillingUp",
        "warning",
        "predict_linear" + hours(FORECAST_WARNING_WINDOW) + "_" + hours(FORECAST_WARNING_HORIZON));
    assertText(
        "StorageThinPoolDataFillingUp",
        "critical",
        "predict_linear"
            + hours(FORECAST_CRITICAL_WINDOW)
            + "_"
            + hours(FORECAST_CRITICAL_HORIZON));
    assertRecording(
        "storage:lvm_thinpool_data_used_ratio:predict_linear"
            + hours(FORECAST_WARNING_WINDOW)
            + "_"
            + hours(FORECAST_WARNING_HORIZON),
        "["
            + hours(FORECAST_WARNING_WINDOW)
            + "], "
            + FORECAST_WARNING_HORIZON.toHours()
            + " * 3600");
    assertRecording(
        "storage:lvm_thinpool_data_used_ratio:predict_linear"
            + hours(FORECAST_CRITICAL_WINDOW)
            + "_"
            + hours(FORECAST_CRITICAL_HORIZON),
        "["
            + hours(FORECAST_CRITICAL_WINDOW)
            + "], "
            + FORECAST_CRITICAL_HORIZON.toHours()
            + " * 3600");
    assertNumber(
        "StorageThinPoolOvercommitted", "warning", "size_bytes > 0\\) > (\\S+)", OVERCOMMIT_RATIO);
    assertNumber(
        "StorageThinPoolOvercommitted",
        "warning",
        "data_used_ratio > (\\S+)",
        OVERCOMMIT_DATA_USED_RATIO);
    assertNumber(
        "StorageThinPoolOvercommitted",
        "warning",
        "size_bytes \\* (\\S+)",
        OVERCOMMIT_AUTOEXTEND_SHARE);
    assertNumber("StoragePbsDatastoreAlmostFull", "warning", "> (\\S+)$", DATASTORE_WARNING_RATIO);
  }

  @Test
  void backupThresholds() {
    assertRecording("storage:backup_max_age_seconds", "vector(" + BACKUP_MAX_AGE.toSeconds() + ")");
    assertNumber(
        "StoragePbsJobMissedRun", "warning", "> (\\S+)$", JOB_MISSED_RUN_GRACE.toSeconds());
  }

  private static String hours(Duration d) {
    return d.toHours() + "h";
  }

  private static Rule rule(String alert, String severity) {
    return rules.stream()
        .filter(r -> r.alert().equals(alert) && r.severity().equals(severity))
        .findFirst()
        .orElseGet(() -> fail("no %s rule %s in the shipped rules", severity, alert));
  }

  private static void assertNumber(String alert, String severity, String regex, double constant) {
    String expr = rule(alert, severity).expr().strip();
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(expr);
    if (!m.find()) {
      fail("%s %s: /%s/ not found in\n%s", alert, severity, regex, expr);
    }
    assertThat(Double.parseDouble(m.group(1)))
        .as("%s %s: the rule's number against StatusThresholds", alert, severity)
        .isEqualTo(constant);
  }

  private static void assertDuration(String alert, String severity, String regex, Duration d) {
    String expr = rule(alert, severity).expr();
    Matcher m = Pattern.compile(regex).matcher(expr);
    if (!m.find()) {
      fail("%s %s: /%s/ not found in\n%s", alert, severity, regex, expr);
    }
    String range = m.group(1);
    long seconds =
        Long.parseLong(range.substring(0, range.length() - 1))
            * switch (range.charAt(range.length() - 1)) {
              case 'm' -> 60;
              case 'h' -> 3600;
              case 'd' -> 86400;
              default -> 1;
            };
    assertThat(Duration.ofSeconds(seconds))
        .as("%s %s: the rule's range", alert, severity)
        .isEqualTo(d);
  }

  private static void assertText(String alert, String severity, String text) {
    assertThat(rule(alert, severity).expr()).as("%s %s", alert, severity).contains(text);
  }

  private static void assertRecording(String record, String text) {
    try {
      ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
      try (Stream<Path> files = Files.list(ROOT.resolve("rules"))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".rules.yml")).toList()) {
          for (JsonNode group : yaml.readTree(f.toFile()).path("groups")) {
            for (JsonNode r : group.path("rules")) {
              if (record.equals(r.path("record").asText())) {
                assertThat(r.path("expr").asText()).as(record).contains(text);
                return;
              }
            }
          }
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    fail("no recording rule %s in the shipped rules", record);
  }
}
