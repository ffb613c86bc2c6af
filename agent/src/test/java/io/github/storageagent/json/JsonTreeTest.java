package io.github.storageagent.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.jr.stree.JrsValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTreeTest {

  @Test
  void readsTypedValuesWithoutCoercion() throws IOException {
    JrsValue root =
        first(
            "{\"n\": 42, \"big\": 18446744073709551615, \"f\": 1.5, \"s\": \"7\", \"b\": true,"
                + " \"z\": null, \"a\": [1, 2]}");
    assertThat(root.path("n").isNumber()).isTrue();
    assertThat(root.path("n").asText()).isEqualTo("42");
    assertThat(root.path("big").asText()).isEqualTo("18446744073709551615");
    assertThat(root.path("f").asText()).isEqualTo("1.5");
    assertThat(JsonTree.text(root.path("s"))).hasValue("7");
    assertThat(JsonTree.text(root.path("n"))).isEmpty();
    assertThat(JsonTree.kind(root.path("n"))).isEqualTo("a number");
    assertThat(JsonTree.bool(root.path("b"))).hasValue(true);
    assertThat(JsonTree.bool(root.path("s"))).isEmpty();
    assertThat(root.path("z").isNull()).isTrue();
    assertThat(root.path("absent").isMissingNode()).isTrue();
    assertThat(root.path("absent").path("deeper").isMissingNode()).isTrue();
    assertThat(JsonTree.kind(root.path("a"))).isEqualTo("a list");
    assertThat(JsonTree.kind(root.path("absent"))).isEqualTo("nothing");
    assertThat(root.path("a").size()).isEqualTo(2);
  }

  @Test
  void readsOnlyTheFirstValueAndRefusesBrokenJson() throws IOException {
    assertThat(first("{\"a\": 2} trailing garbage").path("a").asText()).isEqualTo("2");
    assertThat(first("{\"a\": 1} {").path("a").asText()).isEqualTo("1");
    assertThatThrownBy(() -> first("{\"a\": ")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> first("{\"a\": }")).isInstanceOf(IOException.class);
  }

  @Test
  void anEmptyDocumentIsMissing() throws IOException {
    assertThat(first("  ").isMissingNode()).isTrue();
  }

  private static JrsValue first(String json) throws IOException {
    try (JsonParser p = JsonTree.FACTORY.createParser(json)) {
      return JsonTree.firstValue(p);
    }
  }

  @Test
  void streamsOneElementAtATime() throws IOException {
    byte[] body = "{\"data\": [{\"t\": 1}, {\"t\": 2}]}".getBytes(StandardCharsets.UTF_8);
    List<Long> seen = new ArrayList<>();
    try (JsonParser p = JsonTree.FACTORY.createParser(new ByteArrayInputStream(body))) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      assertThat(p.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
      while (p.nextToken() != JsonToken.END_ARRAY) {
        seen.add(Long.valueOf(JsonTree.readValue(p).path("t").asText()));
      }
    }
    assertThat(seen).containsExactly(1L, 2L);
  }
}
