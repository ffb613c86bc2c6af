package io.github.storageagent.backup.pbs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.backup.pbs.PbsReading.Condition;
import io.github.storageagent.backup.pbs.PbsReading.Store;
import io.github.storageagent.backup.pbs.PbsReading.Target;
import io.github.storageagent.backup.pbs.PbsRecords.Datastore;
import io.github.storageagent.backup.pbs.PbsRecords.DatastoreStatus;
import io.github.storageagent.backup.pbs.PbsRecords.DatastoreUsage;
import io.github.storageagent.testing.Exposition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PBS 3 and PBS 4 datastore list and datastore-usage answers (fixtures under pbs/pbs3 and pbs/pbs4)
 * through the datastore policy and the metric mapping.
 */
class DatastorePolicyTest {

  /** Each store of a version's fixtures, as the reader would see it before reading groups. */
  static Map<String, Store> stores(String version) throws Exception {
    var list =
        PbsJson.list(PbsJsonTest.fixture(version + "/admin-datastore.json"), Datastore::from);
    var usage =
        PbsJson.list(
            PbsJsonTest.fixture(version + "/status-datastore-usage.json"), DatastoreUsage::from);
    assertThat(list.skipped() + usage.skipped()).isZero();
    Map<String, Store> out = new LinkedHashMap<>();
    for (Datastore d : list.items()) {
      DatastoreUsage u =
          usage.items().stream().filter(x -> d.store().equals(x.store())).findFirst().orElse(null);
      Condition c = DatastorePolicy.condition(d, u);
      Optional<String> unreadable = DatastorePolicy.unreadable(c, u);
      out.put(
          d.store(),
          new Store(
              d.store(),
              c,
              unreadable,
              DatastorePolicy.usage(u),
              u == null ? Optional.empty() : DatastorePolicy.gc(u.gcStatus()),
              List.of(),
              Optional.empty()));
    }
    return out;
  }

  static Exposition metrics(Map<String, Store> stores) {
    var target =
        new Target(
            "pbs1", true, Optional.empty(), List.copyOf(stores.values()), List.of(), List.of(), 0);
    return Exposition.of(
        PbsMetrics.families(
            List.of(target), Set.of(), Set.of(), Instant.ofEpochSecond(1_700_000_000)));
  }

  @ParameterizedTest
  @CsvSource({
    // version, store, mount, maintenance, backend, readable, faulty
    "pbs3, daily, nonremovable, none, filesystem, true, false",
    "pbs3, archive, nonremovable, read-only, filesystem, true, false",
    "pbs3, broken, nonremovable, none, filesystem, false, true",
    "pbs4, daily, nonremovable, none, filesystem, true, false",
    "pbs4, usb-offsite, notmounted, none, filesystem, false, false",
    "pbs4, usb-weekly, mounted, none, filesystem, true, false",
    "pbs4, s3-offsite, nonremovable, none, s3, true, false",
    "pbs4, migrating, nonremovable, offline, filesystem, false, false",
    "pbs4, readonly, nonremovable, read-only, filesystem, true, false",
    "pbs4, nas, nonremovable, none, filesystem, false, true",
  })
  void conditionAndFault(
      String version,
      String store,
      String mount,
      String maintenance,
      String backend,
      boolean readable,
      boolean faulty)
      throws Exception {
    Store s = stores(version).get(store);
    assertThat(s.condition().mount().label()).isEqualTo(mount);
    assertThat(s.condition().maintenance().label()).isEqualTo(maintenance);
    assertThat(s.condition().backend().label()).isEqualTo(backend);
    assertThat(s.error().isEmpty()).isEqualTo(readable);
    assertThat(s.faulty()).isEqualTo(faulty);
  }

  @Test
  void pbs4NotMountedRemovableStoreIsAStateThatHidesNothingElse() throws Exception {
    Exposition e = metrics(stores("pbs4"));
    String usb = "datastore=\"usb-offsite\",";
    assertThat(e.value("storage_pbs_datastore_up{" + usb + "target=\"pbs1\"}")).isEqualTo(0);
    assertThat(
            e.value(
                "storage_pbs_datastore_info{backend=\"filesystem\","
                    + usb
                    + "maintenance=\"none\",mount=\"notmounted\",target=\"pbs1\"}"))
        .isEqualTo(1);
    assertThat(e.value("storage_pbs_datastore_size_bytes{" + usb + "target=\"pbs1\"}")).isNull();
    // every other store keeps its numbers
    assertThat(
            e.value("storage_pbs_datastore_size_bytes{datastore=\"usb-weekly\",target=\"pbs1\"}"))
        .isEqualTo(2000398934016.0);
    assertThat(e.named("storage_pbs_datastore_up")).hasSize(7);
    // one info series per store carries its mount and maintenance states
    assertThat(e.named("storage_pbs_datastore_info")).hasSize(7);
  }

  @Test
  void pbs4MaintenanceAndBackendAreExported() throws Exception {
    Exposition e = metrics(stores("pbs4"));
    assertThat(
            e.value(
                "storage_pbs_datastore_info{backend=\"filesystem\",datastore=\"migrating\",maintenance=\"offline\",mount=\"nonremovable\",target=\"pbs1\"}"))
        .isEqualTo(1);
    assertThat(
            e.value(
                "storage_pbs_datastore_info{backend=\"filesystem\",datastore=\"readonly\",maintenance=\"read-only\",mount=\"nonremovable\",target=\"pbs1\"}"))
        .isEqualTo(1);
    assertThat(
            e.value(
                "storage_pbs_datastore_info{backend=\"s3\",datastore=\"s3-offsite\",maintenance=\"none\",mount=\"nonremovable\",target=\"pbs1\"}"))
        .isEqualTo(1);
    assertThat(
            e.value(
                "storage_pbs_datastore_info{backend=\"filesystem\",datastore=\"daily\",maintenance=\"none\",mount=\"nonremovable\",target=\"pbs1\"}"))
        .isEqualTo(1);
    assertThat(e.named("storage_pbs_datastore_info"))
        .allSatisfy((series, v) -> assertThat(v).isEqualTo(1));
  }

  @Test
  void pbs3StoresAreNonRemovableFilesystemStores() throws Exception {
    Exposition e = metrics(stores("pbs3"));
    assertThat(e.named("storage_pbs_datastore_info"))
        .hasSize(3)
        .allSatisfy((series, v) -> assertThat(series).contains("backend=\"filesystem\""));
    assertThat(
            e.value(
                "storage_pbs_datastore_info{backend=\"filesystem\",datastore=\"daily\",maintenance=\"none\",mount=\"nonremovable\",target=\"pbs1\"}"))
        .isEqualTo(1);
    assertThat(e.value("storage_pbs_datastore_up{datastore=\"broken\",target=\"pbs1\"}"))
        .isEqualTo(0);
  }

  @Test
  void gcNumbersFromTheUsageAnswersGcStatus() throws Exception {
    Exposition e = metrics(stores("pbs4"));
    assertThat(
            e.value("storage_pbs_datastore_dedup_ratio{datastore=\"s3-offsite\",target=\"pbs1\"}"))
        .isEqualTo(5.0);
    assertThat(e.value("storage_pbs_gc_pending_bytes{datastore=\"s3-offsite\",target=\"pbs1\"}"))
        .isEqualTo(1073741824.0);
    // before the first GC disk-bytes is 0: no ratio, but pending bytes are known
    Exposition pbs3 = metrics(stores("pbs3"));
    assertThat(
            pbs3.value("storage_pbs_datastore_dedup_ratio{datastore=\"archive\",target=\"pbs1\"}"))
        .isNull();
    assertThat(pbs3.value("storage_pbs_gc_pending_bytes{datastore=\"archive\",target=\"pbs1\"}"))
        .isEqualTo(0);
  }

  @Test
  void s3StatisticsBecomeCounters() throws Exception {
    DatastoreStatus status =
        PbsJson.object(PbsJsonTest.fixture("pbs4/datastore-status-s3.json"), DatastoreStatus::from);
    assertThat(status.backendType()).isEqualTo("s3");
    var s3 = DatastorePolicy.s3(status.s3Statistics());
    Store base = stores("pbs4").get("s3-offsite");
    Store withS3 =
        new Store(
            base.store(),
            base.condition(),
            base.error(),
            base.usage(),
            base.gc(),
            base.groups(),
            Optional.of(s3));
    Exposition e = metrics(Map.of("s3-offsite", withS3));
    String store = "datastore=\"s3-offsite\",";
    assertThat(
            e.value(
                "storage_pbs_datastore_s3_requests_total{"
                    + store
                    + "method=\"put\",target=\"pbs1\"}"))
        .isEqualTo(262188);
    assertThat(
            e.value(
                "storage_pbs_datastore_s3_requests_total{"
                    + store
                    + "method=\"delete\",target=\"pbs1\"}"))
        .isEqualTo(0);
    assertThat(e.named("storage_pbs_datastore_s3_requests_total")).hasSize(5);
    assertThat(
            e.value("storage_pbs_datastore_s3_uploaded_bytes_total{" + store + "target=\"pbs1\"}"))
        .isEqualTo(1099511627776.0);
    assertThat(
            e.value(
                "storage_pbs_datastore_s3_downloaded_bytes_total{" + store + "target=\"pbs1\"}"))
        .isEqualTo(734003200.0);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "type=offline,message=moving%20disks | offline",
        "message=x,type=read-only | read-only",
        "read-only | read-only",
        "s3-refresh | s3-refresh",
        "unmount | unmount",
        "type=frozen | unknown",
        "message=only | unknown",
        "'' | none",
      })
  void maintenanceProperty(String property, String state) {
    assertThat(MaintenanceMode.parse(property).label()).isEqualTo(state);
  }
}
