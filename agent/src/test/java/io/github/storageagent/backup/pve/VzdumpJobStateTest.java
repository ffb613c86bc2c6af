package io.github.storageagent.backup.pve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VzdumpJobStateTest {

  private static final String UPID = "UPID:pve1:0002A1F3:05F61A14:67687DD0:vzdump::root@pam:";

  @Test
  void readsWhatPveManagerWrites() throws IOException {
    var state =
        VzdumpJobState.parse(
            "{\"config\":{\"enabled\":1,\"schedule\":\"21:00\",\"comment\":\"x\"},"
                + "\"msg\":\"job errors\",\"state\":\"stopped\",\"upid\":\""
                + UPID
                + "\",\"time\":1734902468,\"updated\":1734000000,\"extra\":[1,{}]}");

    assertThat(state)
        .isEqualTo(
            new VzdumpJobState(
                "stopped",
                UPID,
                "job errors",
                1734902468L,
                1734000000L,
                new VzdumpJobState.Config("21:00", 1)));
  }

  @Test
  void aBlankFileIsACreatedJob() throws IOException {
    assertThat(VzdumpJobState.parse(" \n"))
        .isEqualTo(new VzdumpJobState("created", null, null, null, null, null));
  }

  @Test
  void onlyAnObjectIsAJobState() {
    for (String text : List.of("null", "[]", "\"stopped\"", "1", "not json", "{\"state\":")) {
      assertThatThrownBy(() -> VzdumpJobState.parse(text)).as(text).isInstanceOf(IOException.class);
    }
    assertThatThrownBy(() -> VzdumpJobState.parse("null")).hasMessage("not a job state: null");
  }

  @Test
  void valuesAreCoercedAsBefore() throws IOException {
    var state =
        VzdumpJobState.parse(
            "{\"state\":\"stopped\",\"msg\":7,\"time\":\"1734902468\",\"updated\":1.9,"
                + "\"config\":{\"schedule\":\"sat 05:00\",\"enabled\":\"0\"}}");

    assertThat(state.msg()).isEqualTo("7");
    assertThat(state.time()).isEqualTo(1734902468L);
    assertThat(state.updated()).isEqualTo(1L);
    assertThat(state.config().enabled()).isEqualTo("0");
    assertThatThrownBy(() -> VzdumpJobState.parse("{\"time\":\"soon\"}"))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> VzdumpJobState.parse("{\"msg\":[\"OK\"]}"))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> VzdumpJobState.parse("{\"config\":\"21:00\"}"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void aNumberGivenAsTextKeepsItsSpellingFromTheFile() throws IOException {
    var state = VzdumpJobState.parse("{\"state\":1e3,\"msg\":-0,\"config\":{\"schedule\":1.50}}");

    assertThat(state.state()).isEqualTo("1e3");
    assertThat(state.msg()).isEqualTo("-0");
    assertThat(state.config().schedule()).isEqualTo("1.50");
  }

  @Test
  void enabledKeepsWhateverTheFileHas() throws IOException {
    assertThat(enabled("0")).isEqualTo(0);
    assertThat(enabled("false")).isEqualTo(false);
    assertThat(enabled("\"false\"")).isEqualTo("false");
    assertThat(enabled("12345678901")).isEqualTo(12345678901L);
    assertThat(enabled("0.0")).isEqualTo(0.0);
    assertThat(enabled("{\"a\":[1]}")).isEqualTo(Map.of("a", List.of(1)));
    assertThat(enabled("null")).isNull();
    assertThat(VzdumpJobState.parse("{\"config\":null}").config()).isNull();
  }

  private static Object enabled(String json) throws IOException {
    return VzdumpJobState.parse("{\"config\":{\"enabled\":" + json + "}}").config().enabled();
  }

  @Test
  void whatFollowsTheObjectIsNotRead() throws IOException {
    assertThat(VzdumpJobState.parse("{\"state\":\"started\"} and then garbage").state())
        .isEqualTo("started");
  }

  @Test
  void aRepeatedKeyTakesTheLaterValueUntilTheRecordIsComplete() throws IOException {
    assertThat(VzdumpJobState.parse("{\"state\":\"started\",\"state\":\"stopped\"}").state())
        .isEqualTo("stopped");
    // all six given, then one again: databind refused this, and so do we
    String all =
        "\"state\":\"a\",\"upid\":\"u\",\"msg\":\"m\",\"time\":1,\"updated\":2,\"config\":null";
    assertThatThrownBy(() -> VzdumpJobState.parse("{" + all + ",\"msg\":\"n\"}"))
        .isInstanceOf(IOException.class);
    assertThat(VzdumpJobState.parse("{" + all + ",\"other\":\"n\"}").msg()).isEqualTo("m");
    assertThatThrownBy(
            () ->
                VzdumpJobState.parse(
                    "{\"config\":{\"schedule\":\"a\",\"enabled\":1,\"schedule\":\"b\"}}"))
        .isInstanceOf(IOException.class);
    assertThat(
            VzdumpJobState.parse("{\"config\":{\"schedule\":\"a\",\"schedule\":\"b\"}}")
                .config()
                .schedule())
        .isEqualTo("b");
  }
}
