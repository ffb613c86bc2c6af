package io.github.storageagent.backup.pbs;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.util.List;

/** PBS response bodies: only {@link PbsFormatException} may escape, for every record type read. */
class PbsJsonFuzzTest {

  private static final List<Class<?>> LISTS =
      List.of(
          PbsRecords.Datastore.class,
          PbsRecords.DatastoreUsage.class,
          PbsRecords.JobStatus.class,
          PbsRecords.Namespace.class,
          PbsRecords.BackupGroup.class,
          PbsRecords.Task.class);
  private static final List<Class<?>> OBJECTS =
      List.of(PbsRecords.GcStatus.class, PbsRecords.Version.class);

  @FuzzTest
  void list(byte[] input) {
    for (Class<?> type : LISTS) {
      try {
        PbsJson.list(new ByteArrayInputStream(input), type);
      } catch (PbsFormatException expected) {
        // documented
      }
    }
  }

  @FuzzTest
  void object(byte[] input) {
    for (Class<?> type : OBJECTS) {
      try {
        PbsJson.object(new ByteArrayInputStream(input), type);
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
