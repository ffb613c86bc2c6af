package io.github.storageagent.backup.pve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskIndexTest {

  @Test
  void taskIndexFormats() {
    var parsed =
        TaskIndex.parse(
            "UPID:pve1:0002A1F3:05F61A14:67687DD0:vzdump::root@pam: 1 676882C4 job errors\n"
                + "UPID:pve1:0002B000:05F61A99:67687E00:vzdump:300:root@pam:\nrubbish\n");
    var entries = parsed.entries();
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).status()).contains("job errors");
    assertThat(entries.get(0).endTime()).contains(0x676882C4L);
    assertThat(entries.get(1).finished()).isFalse();
    assertThat(parsed.badLines()).isEqualTo(1);
    assertThat(TaskIndex.logPath("U", entries.get(0).parsed())).isEqualTo("0/U");
  }
}
