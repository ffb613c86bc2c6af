package io.github.storageagent.backup.pve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VzdumpLogTest {

  @Test
  void warnLinesCountForTheGuestBeingBackedUpOnly() {
    var guests =
        VzdumpLog.parse(
            """
            WARN: a job-wide warning before any guest
            INFO: Starting Backup of VM 100 (qemu)
            WARN: no efidisk configured! Using temporary efivars disk.
            WARN: second warning
            INFO: Finished Backup of VM 100 (00:01:02)
            WARN: between guests
            INFO: Starting Backup of VM 101 (lxc)
            INFO: Finished Backup of VM 101 (00:00:30)
            INFO: Starting Backup of VM 102 (qemu)
            WARN: before it failed
            ERROR: Backup of VM 102 failed - got timeout
            """);

    assertThat(guests.get("100")).isEqualTo(new VzdumpLog.Guest("qemu", true, 2));
    assertThat(guests.get("101")).isEqualTo(new VzdumpLog.Guest("lxc", true, 0));
    assertThat(guests.get("102")).isEqualTo(new VzdumpLog.Guest("qemu", false, 1));
    assertThat(GuestBackups.outcome(guests.get("100")).label()).isEqualTo("warnings");
    assertThat(GuestBackups.outcome(guests.get("101")).label()).isEqualTo("ok");
    assertThat(GuestBackups.outcome(guests.get("102")).label()).isEqualTo("failed");
  }

  @Test
  void onlyTheLinesTheParserNeedsAreKept() {
    assertThat(VzdumpLog.relevant("WARN: x")).isTrue();
    assertThat(VzdumpLog.relevant("INFO: Starting Backup of VM 1 (qemu)")).isTrue();
    assertThat(VzdumpLog.relevant("INFO: WARN: not at the start")).isFalse();
    assertThat(VzdumpLog.relevant("INFO: status = running")).isFalse();
  }
}
