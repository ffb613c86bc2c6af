package io.github.storageagent.backup.pbs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.json.JsonTree;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class PbsDoctorTest {

  private static boolean isSet(String json) throws IOException {
    return PbsDoctor.isSet(JsonTree.firstValue(json));
  }

  @Test
  void aPrivilegeIsGrantedOnThePathAboveOrBelowIt() throws IOException {
    var perms = JsonTree.firstValue("{\"/datastore/daily\":{\"Datastore.Audit\":1},\"/x\":7}");

    assertThat(PbsDoctor.granted(perms, "/datastore", "Datastore.Audit")).isTrue();
    assertThat(PbsDoctor.granted(perms, "/data", "Datastore.Audit")).isFalse();
    assertThat(PbsDoctor.granted(perms, "/x", "Datastore.Audit")).isFalse();
    assertThat(
            PbsDoctor.granted(
                JsonTree.firstValue("{\"/\":{\"Sys.Audit\":true}}"), "/system", "Sys.Audit"))
        .isTrue();
    assertThat(PbsDoctor.granted(JsonTree.firstValue("[]"), "/", "Sys.Audit")).isFalse();
  }

  @Test
  void aFlagIsSetAsTheDoctorAlwaysReadIt() throws IOException {
    assertThat(isSet("1")).isTrue();
    assertThat(isSet("0")).isFalse();
    assertThat(isSet("true")).isTrue();
    assertThat(isSet("false")).isFalse();
    assertThat(isSet("4294967296")).isTrue();
    assertThat(isSet("1.5")).isTrue();
    assertThat(isSet("0.5")).isFalse();
    assertThat(isSet("\" true \"")).isTrue();
    assertThat(isSet("\"TRUE\"")).isFalse();
    assertThat(isSet("\"1\"")).isTrue();
    assertThat(isSet("\" 2 \"")).isTrue();
    assertThat(isSet("\"1.5\"")).isTrue();
    assertThat(isSet("\"0\"")).isFalse();
    assertThat(isSet("\"yes\"")).isFalse();
    assertThat(isSet("null")).isFalse();
    assertThat(isSet("{\"a\":1}")).isFalse();
    assertThat(isSet("[1]")).isFalse();
    assertThat(PbsDoctor.isSet(null)).isFalse();
  }
}
