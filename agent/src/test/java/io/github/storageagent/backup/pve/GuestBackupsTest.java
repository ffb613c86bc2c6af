package io.github.storageagent.backup.pve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.backup.RunOutcome;
import io.github.storageagent.backup.Upid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GuestBackupsTest {

  /** A finished vzdump task started at {@code start} and ended at {@code start + 600}. */
  private static VzdumpTask task(long start, Map<String, VzdumpLog.Guest> guests) {
    String upid = String.format("UPID:pve1:0002A1F3:05F61A14:%08X:vzdump::root@pam:", start);
    TaskIndex.Entry entry =
        new TaskIndex.Entry(
            upid, Upid.parse(upid).orElseThrow(), Optional.of(start + 600), Optional.of("OK"));
    return new VzdumpTask(entry, guests);
  }

  private static Map<String, VzdumpLog.Guest> guests(Object... vmidTypeSuccess) {
    Map<String, VzdumpLog.Guest> out = new LinkedHashMap<>();
    for (int i = 0; i < vmidTypeSuccess.length; i += 3) {
      out.put(
          (String) vmidTypeSuccess[i],
          new VzdumpLog.Guest((String) vmidTypeSuccess[i + 1], (Boolean) vmidTypeSuccess[i + 2]));
    }
    return out;
  }

  @Test
  void theNewestTaskDecidesTheOutcomeWhateverTheListingOrder() {
    var newer = task(2000, guests("100", "qemu", false));
    var older = task(1000, guests("100", "qemu", true));

    assertThat(GuestBackups.of(List.of(newer, older)))
        .containsExactly(
            new PveBackupReading.Guest("100", "qemu", Optional.of(1600L), RunOutcome.FAILED));
  }

  @Test
  void theLastBackupIsTheEndOfTheNewestSuccessfulTask() {
    var tasks =
        List.of(
            task(1000, guests("100", "qemu", true)),
            task(2000, guests("100", "qemu", true)),
            task(3000, guests("200", "lxc", true)));

    assertThat(GuestBackups.of(tasks))
        .containsExactly(
            new PveBackupReading.Guest("100", "qemu", Optional.of(2600L), RunOutcome.OK),
            new PveBackupReading.Guest("200", "lxc", Optional.of(3600L), RunOutcome.OK));
  }

  @Test
  void aGuestThatNeverSucceededHasNoLastBackup() {
    assertThat(GuestBackups.of(List.of(task(1000, guests("100", "qemu", false)))))
        .containsExactly(
            new PveBackupReading.Guest("100", "qemu", Optional.empty(), RunOutcome.FAILED));
  }

  @Test
  void theTypeComesFromTheNewestLogThatNamedIt() {
    // a log without the guest's start line does not name its type
    var tasks =
        List.of(task(1000, guests("100", "qemu", true)), task(2000, guests("100", "", true)));

    assertThat(GuestBackups.of(tasks))
        .containsExactly(
            new PveBackupReading.Guest("100", "qemu", Optional.of(2600L), RunOutcome.OK));
    assertThat(GuestBackups.of(List.of(task(1000, guests("101", "", false)))))
        .containsExactly(
            new PveBackupReading.Guest("101", "", Optional.empty(), RunOutcome.FAILED));
  }

  @Test
  void guestsAreInNumericVmidOrder() {
    var tasks =
        List.of(task(1000, guests("1000", "qemu", true, "99", "lxc", true, "100", "qemu", true)));

    assertThat(GuestBackups.of(tasks))
        .extracting(PveBackupReading.Guest::vmid)
        .containsExactly("99", "100", "1000");
  }

  @Test
  void noTasksNoGuests() {
    assertThat(GuestBackups.of(List.of())).isEmpty();
  }
}
