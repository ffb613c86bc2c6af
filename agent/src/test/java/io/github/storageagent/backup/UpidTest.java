package io.github.storageagent.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.config.Secret;
import org.junit.jupiter.api.Test;

class UpidTest {

  @Test
  void parsesPbsUpidAndUnescapesTheWorkerId() {
    Upid u =
        Upid.parse(
                "UPID:golem:000030B1:000082AF:0000000F:6AC223A0:verificationjob:erebor\\x3aweekly:root@pam:")
            .orElseThrow();

    assertThat(u.node()).isEqualTo("golem");
    assertThat(u.pid()).isEqualTo(0x30B1);
    assertThat(u.startTime()).isEqualTo(0x6AC223A0L);
    assertThat(u.type()).isEqualTo("verificationjob");
    assertThat(u.workerId()).isEqualTo("erebor:weekly");
    assertThat(u.authId()).isEqualTo("root@pam");
  }

  @Test
  void acceptsNineHexDigitPstartAndEscapedDashes() {
    Upid u =
        Upid.parse(
                "UPID:backup-srv:00130F49:1A12D8375:00001CD7:657A2258:verificationjob:daily\\x3av\\x2dd0cc18c5\\x2d8707:root@pam:")
            .orElseThrow();

    assertThat(u.pstart()).isEqualTo(0x1A12D8375L);
    assertThat(u.workerId()).isEqualTo("daily:v-d0cc18c5-8707");
  }

  @Test
  void slashIsEscapedAsDash() {
    assertThat(Upid.unescape("daily\\x3avm-100")).isEqualTo("daily:vm/100");
  }

  @Test
  void parsesPveUpidWithoutTaskIdField() {
    Upid u = Upid.parse("UPID:pve1:0002A1F3:05F61A14:6767E5D0:vzdump::root@pam:").orElseThrow();

    assertThat(u.type()).isEqualTo("vzdump");
    assertThat(u.workerId()).isEmpty();
    assertThat(u.startTime()).isEqualTo(0x6767E5D0L);
    assertThat(Upid.parse("UPID:pve1:0002A1F3:05F61A14:6767E5D0:vzdump:104:root@pam:"))
        .hasValueSatisfying(p -> assertThat(p.workerId()).isEqualTo("104"));
  }

  @Test
  void rejectsGarbage() {
    assertThat(Upid.parse(null)).isEmpty();
    assertThat(Upid.parse("UPID:")).isEmpty();
    assertThat(Upid.parse("UPID:pve1:zz:05F61A14:6767E5D0:vzdump::root@pam:")).isEmpty();
    assertThat(Upid.parse("not a upid")).isEmpty();
  }

  @Test
  void taskStatusWarningsAreSuccessJobErrorsAreNot() {
    assertThat(TaskStatus.isSuccess("OK")).isTrue();
    assertThat(TaskStatus.isSuccess("WARNINGS: 3")).isTrue();
    assertThat(TaskStatus.isSuccess("job errors")).isFalse();
    assertThat(TaskStatus.isSuccess("unknown")).isFalse();
    assertThat(TaskStatus.isSuccess("backup failed: broken pipe")).isFalse();
    assertThat(TaskStatus.isSuccess(null)).isFalse();
  }

  @Test
  void secretNeverPrints() {
    Secret s = Secret.of("d0cc18c5-8707-4f1e-9c55-3f0e7a1b2c3d");
    assertThat(s.toString()).doesNotContain("d0cc18c5").contains("redacted");
    assertThat(String.valueOf(java.util.List.of(s))).doesNotContain("d0cc18c5");
    assertThat(s.reveal()).isEqualTo("d0cc18c5-8707-4f1e-9c55-3f0e7a1b2c3d");
  }
}
