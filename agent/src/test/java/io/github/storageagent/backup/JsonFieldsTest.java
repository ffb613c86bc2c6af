package io.github.storageagent.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.jr.stree.JrsObject;
import com.fasterxml.jackson.jr.stree.JrsValue;
import io.github.storageagent.backup.JsonFields.BadValueException;
import io.github.storageagent.json.JsonTree;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonFieldsTest {

  private static JrsValue json(String text) throws IOException {
    return JsonTree.firstValue(text);
  }

  private static String text(String json) throws IOException {
    return JsonFields.text(json(json), "k");
  }

  private static Long whole(String json) throws IOException {
    return JsonFields.wholeNumber(json(json), "k");
  }

  private static Boolean bool(String json) throws IOException {
    return JsonFields.bool(json(json), "k");
  }

  @Test
  void textIsAStringOrTheTextOfANumberOrBoolean() throws IOException {
    assertThat(text("\"web01\"")).isEqualTo("web01");
    assertThat(text("\"\"")).isEmpty();
    assertThat(text("123")).isEqualTo("123");
    assertThat(text("12345678901234567890123")).isEqualTo("12345678901234567890123");
    // a fraction as a double, as the tree held it
    assertThat(text("1.5")).isEqualTo("1.5");
    assertThat(text("1e3")).isEqualTo("1000.0");
    assertThat(text("true")).isEqualTo("true");
    assertThat(text("null")).isNull();
    assertThat(JsonFields.text((JrsValue) null, "k")).isNull();
    assertThatThrownBy(() -> text("[\"a\"]"))
        .isInstanceOf(BadValueException.class)
        .hasMessage("\"k\": expected text, got a list");
    assertThatThrownBy(() -> text("{}")).isInstanceOf(BadValueException.class);
  }

  @Test
  void wholeNumbersComeFromIntegersFractionsAndStringsOfDigits() throws IOException {
    assertThat(whole("123")).isEqualTo(123L);
    assertThat(whole("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(whole("\"123\"")).isEqualTo(123L);
    assertThat(whole("\" +123 \"")).isEqualTo(123L);
    assertThat(whole("\"-5\"")).isEqualTo(-5L);
    // a fraction is cut towards zero; 2^63 as a double is still "within range"
    assertThat(whole("1.5")).isEqualTo(1L);
    assertThat(whole("-1.5")).isEqualTo(-1L);
    assertThat(whole("1e3")).isEqualTo(1000L);
    assertThat(whole("9.223372036854775807E18")).isEqualTo(Long.MAX_VALUE);
    // nothing
    assertThat(whole("null")).isNull();
    assertThat(whole("\"\"")).isNull();
    assertThat(whole("\"  \"")).isNull();
    assertThat(whole("\" null \"")).isNull();
    assertThat(JsonFields.wholeNumber((JrsValue) null, "k")).isNull();
    for (String bad :
        List.of(
            "9223372036854775808",
            "-9223372036854775809",
            "9.3e18",
            "1e400",
            "\"1.5\"",
            "\"abc\"",
            "\"0x10\"",
            "\"9223372036854775808\"",
            "\"" + "0".repeat(1000) + "1\"",
            "true",
            "[1]",
            "{}")) {
      assertThatThrownBy(() -> whole(bad)).as(bad).isInstanceOf(BadValueException.class);
    }
    // up to Jackson's limit on the length of a number
    assertThat(whole("\"" + "0".repeat(999) + "1\"")).isEqualTo(1L);
  }

  @Test
  void booleansComeFromBooleansIntegersAndThreeSpellingsOfEachWord() throws IOException {
    assertThat(bool("true")).isTrue();
    assertThat(bool("false")).isFalse();
    assertThat(bool("0")).isFalse();
    assertThat(bool("1")).isTrue();
    assertThat(bool("-5")).isTrue();
    assertThat(bool("18446744073709551616")).isTrue();
    assertThat(bool("\"True\"")).isTrue();
    assertThat(bool("\" TRUE \"")).isTrue();
    assertThat(bool("\"False\"")).isFalse();
    assertThat(bool("\"\"")).isNull();
    assertThat(bool("\"null\"")).isNull();
    assertThat(bool("null")).isNull();
    for (String bad : List.of("1.0", "\"yes\"", "\"1\"", "\"tRUE\"", "[]", "{}")) {
      assertThatThrownBy(() -> bool(bad)).as(bad).isInstanceOf(BadValueException.class);
    }
  }

  @Test
  void objectsAreReadByTheirReaderAndNullStaysNull() throws IOException {
    JsonFields.Reader<String> store = o -> JsonFields.text(o, "store");
    JrsObject answer =
        (JrsObject) json("{\"a\": {\"store\": \"daily\"}, \"n\": null, \"s\": \"x\"}");

    assertThat(JsonFields.object(answer, "a", store)).isEqualTo("daily");
    assertThat(JsonFields.object(answer, "n", store)).isNull();
    assertThat(JsonFields.object(answer, "absent", store)).isNull();
    assertThatThrownBy(() -> JsonFields.object(answer, "s", store))
        .isInstanceOf(BadValueException.class)
        .hasMessage("\"s\": expected an object, got a string");
  }

  @Test
  void plainValuesKeepTheirJsonTypes() throws IOException {
    Object plain =
        JsonFields.plain(
            json(
                "{\"i\": 1, \"l\": 12345678901, \"big\": 12345678901234567890, \"d\": 2.5,"
                    + " \"s\": \"0\", \"b\": false, \"n\": null, \"a\": [1, {}]}"));

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("i", 1);
    expected.put("l", 12345678901L);
    expected.put("big", new BigInteger("12345678901234567890"));
    expected.put("d", 2.5);
    expected.put("s", "0");
    expected.put("b", false);
    expected.put("n", null);
    expected.put("a", new ArrayList<>(List.of(1, new LinkedHashMap<>())));
    assertThat(plain).isInstanceOf(LinkedHashMap.class).isEqualTo(expected);
    assertThat(JsonFields.plain(json("null"))).isNull();
  }

  /** How databind bound record components before; the readers agree with it. */
  record Bound(
      @JsonProperty("t") String t,
      @JsonProperty("n") Long n,
      @JsonProperty("b") Boolean b,
      @JsonProperty("o") Object o) {}

  private static final ObjectMapper DATABIND =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "1",
        "-0",
        "123",
        "-5",
        "2147483648",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775809",
        "12345678901234567890123",
        "0.0",
        "-0.0",
        "1.5",
        "-1.5",
        "1e3",
        "1.25e-5",
        "9.3e18",
        "9.223372036854775807E18",
        "-9.223372036854775808E18",
        "1e300",
        "1e400",
        "true",
        "false",
        "null",
        "[]",
        "[1]",
        "{}",
        "{\"x\": [1, null]}",
        "\"\"",
        "\"  \"",
        "\"null\"",
        "\" null \"",
        "\"NULL\"",
        "\"123\"",
        "\" 123 \"",
        "\"+123\"",
        "\"-123\"",
        "\"--5\"",
        "\"+\"",
        "\"1.5\"",
        "\"1e3\"",
        "\"0x10\"",
        "\"5L\"",
        "\"abc\"",
        "\"\\uff11\"",
        "\"\\u00a05\"",
        "\"\\t5\\n\"",
        "\"9223372036854775808\"",
        "\"true\"",
        "\"True\"",
        "\"TRUE\"",
        "\"tRUE\"",
        "\"false\"",
        "\"False\"",
        "\"FALSE\"",
        "\" true \"",
        "\"yes\"",
        "\"0\"",
        "\"1\""
      })
  void readsEveryValueAsDatabindBoundIt(String value) throws IOException {
    JrsValue v = json(value);
    assertThat(outcome(() -> JsonFields.text(v, "t")))
        .as("text")
        .isEqualTo(outcome(() -> bound("t", value).t()));
    assertThat(outcome(() -> JsonFields.wholeNumber(v, "n")))
        .as("whole number")
        .isEqualTo(outcome(() -> bound("n", value).n()));
    assertThat(outcome(() -> JsonFields.bool(v, "b")))
        .as("boolean")
        .isEqualTo(outcome(() -> bound("b", value).b()));
    assertThat(outcome(() -> JsonFields.plain(v)))
        .as("plain")
        .isEqualTo(outcome(() -> bound("o", value).o()));
  }

  /** Through a tree, as the PBS answers were bound. */
  private static Bound bound(String member, String value) throws IOException {
    return DATABIND.treeToValue(
        DATABIND.readTree("{\"" + member + "\": " + value + "}"), Bound.class);
  }

  private interface Read {
    Object read() throws IOException;
  }

  /** The value with its class, or "refused" for any IOException (databind's or ours). */
  private static String outcome(Read read) {
    try {
      Object v = read.read();
      return v == null ? "null" : v.getClass().getSimpleName() + " " + v;
    } catch (IOException e) {
      return "refused";
    }
  }
}
