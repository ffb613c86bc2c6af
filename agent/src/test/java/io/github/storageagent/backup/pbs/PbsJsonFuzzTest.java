package io.github.storageagent.backup.pbs;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.storageagent.backup.JsonFields;
import java.io.ByteArrayInputStream;
import java.util.List;

/** PBS response bodies: only {@link PbsFormatException} may escape, for every record type read. */
class PbsJsonFuzzTest {

  private static final List<JsonFields.Reader<?>> LISTS =
      List.of(
          PbsRecords.Datastore::from,
          PbsRecords.DatastoreUsage::from,
          PbsRecords.JobStatus::from,
          PbsRecords.Namespace::from,
          PbsRecords.BackupGroup::from,
          PbsRecords.Task::from);
  private static final List<JsonFields.Reader<?>> OBJECTS =
      List.of(PbsRecords.GcStatus::from, PbsRecords.Version::from);

  @FuzzTest
  void list(byte[] input) {
    for (JsonFields.Reader<?> reader : LISTS) {
      try {
        PbsJson.list(new ByteArrayInputStream(input), reader);
      } catch (PbsFormatException expected) {
        // documented
      }
    }
  }

  @FuzzTest
  void object(byte[] input) {
    for (JsonFields.Reader<?> reader : OBJECTS) {
      try {
        PbsJson.object(new ByteArrayInputStream(input), reader);
      } catch (PbsFormatException expected) {
        // documented
      }
    }
  }

  @FuzzTest
  void newestSnapshot(byte[] input) {
    try {
      PbsJson.newestSnapshot(new ByteArrayInputStream(input));
    } catch (PbsFormatException expected) {
      // documented
    }
  }
}
