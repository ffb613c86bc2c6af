package io.github.storageagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The mapping reader under the config records' factories: how it takes each kind of value (as
 * databind took it before), which problem it reports first, and the document around it.
 */
class ConfigNodeTest {

  private static Object read(String yaml, Function<ConfigNode, Object> reader)
      throws ConfigException {
    return ConfigYaml.read(yaml, () -> "empty", reader);
  }

  /** Key {@code k} given {@code value}, read with {@code as}. */
  private static Object value(String value, Function<ConfigNode, Object> as)
      throws ConfigException {
    return read("k: " + value + "\n", as);
  }

  private static Object string(String value) throws ConfigException {
    return value(value, n -> n.string("k"));
  }

  private static Object bool(String value) throws ConfigException {
    return value(value, n -> n.bool("k"));
  }

  private static Object integer(String value) throws ConfigException {
    return value(value, n -> n.integer("k"));
  }

  @Test
  void aStringTakesNumbersAndBooleansAsWritten() throws Exception {
    for (String written :
        List.of(
            "0755", "0x1F", "0b101", "1_000", "+5", "-0", "1.50", "1e3", "yes", "True", "off")) {
      assertThat(string(written)).as(written).isEqualTo(written);
    }
    assertThat(string("\"quoted\"")).isEqualTo("quoted");
    assertThat(string("'  '")).isEqualTo("  ");
    assertThat(string("!!binary aGVsbG8=")).isEqualTo("aGVsbG8=");
    for (String unset : List.of("", "~", "null", "Null")) {
      assertThat(string(unset)).as(unset).isNull();
    }
    assertThat(read("other: 1\n", n -> n.string("other") + " " + n.string("k")))
        .isEqualTo("1 null");
    assertThatThrownBy(() -> string("[a]")).hasMessage("k: expected a string");
    assertThatThrownBy(() -> string("{a: 1}")).hasMessage("k: expected a string");
  }

  @Test
  void aBooleanTakesYamlBooleansTheirStringsAndWholeNumbers() throws Exception {
    Map<String, Boolean> taken = new LinkedHashMap<>();
    taken.put("true", true);
    taken.put("yes", true);
    taken.put("On", true);
    taken.put("no", false);
    taken.put("OFF", false);
    taken.put("\"true\"", true);
    taken.put("\" False \"", false);
    taken.put("\"TRUE\"", true);
    taken.put("0", false);
    taken.put("-0", false);
    taken.put("5", true);
    taken.put("010", true);
    // A whole number beyond an int is true unless written "0", as databind had it.
    taken.put("0x0000000000", true);
    for (Map.Entry<String, Boolean> t : taken.entrySet()) {
      assertThat(bool(t.getKey())).as(t.getKey()).isEqualTo(t.getValue());
    }
    for (String unset : List.of("", "~", "''", "' '", "\"null\"")) {
      assertThat(bool(unset)).as(unset).isNull();
    }
    assertThatThrownBy(() -> bool("maybe")).hasMessage("k: expected true or false, got 'maybe'");
    assertThatThrownBy(() -> bool("\"yes\"")).hasMessage("k: expected true or false, got 'yes'");
    assertThatThrownBy(() -> bool("\" y \"")).hasMessage("k: expected true or false, got 'y'");
    assertThatThrownBy(() -> bool("1.5")).hasMessage("k: expected true or false");
    assertThatThrownBy(() -> bool("[true]")).hasMessage("k: expected true or false");
  }

  @Test
  void anIntegerTakesWholeNumbersAndTheirStrings() throws Exception {
    Map<String, Integer> taken = new LinkedHashMap<>();
    taken.put("10", 10);
    taken.put("0x1F", 31);
    taken.put("010", 8);
    taken.put("1_000", 1000);
    taken.put("\"10\"", 10);
    taken.put("\" 10 \"", 10);
    taken.put("\"+10\"", 10);
    taken.put("2147483647", Integer.MAX_VALUE);
    for (Map.Entry<String, Integer> t : taken.entrySet()) {
      assertThat(integer(t.getKey())).as(t.getKey()).isEqualTo(t.getValue());
    }
    for (String unset : List.of("", "~", "''", "\"null\"")) {
      assertThat(integer(unset)).as(unset).isNull();
    }
    assertThatThrownBy(() -> integer("1.5")).hasMessage("k: expected a number, got '1.5'");
    assertThatThrownBy(() -> integer("1e3")).hasMessage("k: expected a number, got '1000.0'");
    assertThatThrownBy(() -> integer("ten")).hasMessage("k: expected a number, got 'ten'");
    assertThatThrownBy(() -> integer("\"99999999999\""))
        .hasMessage("k: expected a number, got '99999999999'");
    assertThatThrownBy(() -> integer("true")).hasMessage("k: expected a number");
    assertThatThrownBy(() -> integer("[1]")).hasMessage("k: expected a number");
    assertThatThrownBy(() -> read("a: 1\nk: 99999999999\n", n -> n.integer("k") + n.string("a")))
        .hasMessage(
            "line 2: not valid YAML: Numeric value (99999999999) out of range of int"
                + " (-2147483648 - 2147483647)");
  }

  @Test
  void aPlainValueIsWhatTheParserRead() throws Exception {
    assertThat(value("010", n -> n.value("k"))).isEqualTo(8);
    assertThat(value("99999999999999999999", n -> n.value("k")))
        .isEqualTo(new BigInteger("99999999999999999999"));
    assertThat(value("1.50", n -> n.value("k"))).isEqualTo(1.5);
    assertThat(value("yes", n -> n.value("k"))).isEqualTo(true);
    assertThat(value("{a: [1, x, ~], b: {c: off}}", n -> n.value("k")).toString())
        .isEqualTo("{a=[1, x, null], b={c=false}}");
    assertThat(value("!!binary aGVsbG8=", n -> n.value("k"))).isInstanceOf(byte[].class);
  }

  @Test
  void listsAndMappingsOfStrings() throws Exception {
    assertThat(value("[a, ~, 010]", n -> n.stringList("k")))
        .isEqualTo(Arrays.asList("a", null, "010"));
    assertThatThrownBy(() -> value("''", n -> n.stringList("k")))
        .hasMessage("k: expected a list, got ''");
    assertThatThrownBy(() -> value("x", n -> n.stringList("k"))).hasMessage("k: expected a list");
    assertThatThrownBy(() -> value("[a, [b]]", n -> n.stringList("k")))
        .hasMessage("k[1]: expected a string");

    Map<String, String> map = new LinkedHashMap<>();
    map.put("a", "0x1");
    map.put("b", null);
    assertThat(value("{a: 0x1, b: ~}", n -> n.stringMap("k"))).isEqualTo(map);
    assertThatThrownBy(() -> value("{a: [1]}", n -> n.stringMap("k")))
        .hasMessage("k.a: expected a string");
    assertThatThrownBy(() -> value("' '", n -> n.stringMap("k")))
        .hasMessage("k: expected a mapping (key: value), got ''");
    assertThatThrownBy(() -> value("[a]", n -> n.stringMap("k")))
        .hasMessage("k: expected a mapping (key: value)");
  }

  @Test
  void nestedMappingsAndListsOfThem() throws Exception {
    Function<ConfigNode, Object> inner = n -> n.mapping("k", m -> m.string("x"));
    assertThat(value("{x: 1}", inner)).isEqualTo("1");
    assertThat(value("~", inner)).isNull();
    assertThatThrownBy(() -> value("''", inner))
        .hasMessage("k: expected a mapping (key: value), got ''");
    assertThatThrownBy(() -> value("5", inner)).hasMessage("k: expected a mapping (key: value)");
    assertThatThrownBy(() -> value(".inf", inner))
        .hasMessage("line 1: not valid YAML: Malformed numeric value '.inf'");

    Function<ConfigNode, Object> list = n -> n.mappings("k", m -> m.string("x"));
    assertThat(value("[{x: a}, {x: b}]", list)).isEqualTo(List.of("a", "b"));
    assertThatThrownBy(() -> value("[{x: a}, ~]", list))
        .hasMessage("k[1]: expected a mapping (key: value)");
    // Unlike a list of strings, a list of mappings does not echo the empty string.
    assertThatThrownBy(() -> value("''", list)).hasMessage("k: expected a list");
  }

  @Test
  void aValueOfTheWrongKindIsReportedInTheDocumentsOrder() {
    assertThatThrownBy(() -> read("a: [1]\nb: [2]\n", n -> n.string("b") + n.string("a")))
        .hasMessage("a: expected a string");
  }

  @Test
  void aValueOfTheWrongKindComesBeforeTheRecordsOwnChecks() {
    assertThatThrownBy(
            () ->
                read(
                    "a: x\nb: maybe\n",
                    n -> {
                      n.string("a");
                      n.bool("b");
                      throw new InvalidValueException("a", "not x");
                    }))
        .hasMessage("b: expected true or false, got 'maybe'");
  }

  @Test
  void theRecordsOwnChecksComeBeforeUnknownKeys() {
    assertThatThrownBy(
            () ->
                read(
                    "zz: 1\na: x\n",
                    n -> {
                      n.string("a");
                      throw new InvalidValueException("a", "not x");
                    }))
        .hasMessage("a: not x");
  }

  @Test
  void theFirstUnknownKeyIsNamedWithTheKnownOnesSorted() {
    assertThatThrownBy(() -> read("zz: 1\nyy: 2\nb: 1\na: 2\n", n -> n.string("b") + n.string("a")))
        .hasMessage("zz: unknown key (known keys here: a, b)");
    // A malformed number under an unknown key is not read: the key is what is wrong.
    assertThatThrownBy(() -> read("bogus: .inf\n", n -> n.string("a")))
        .hasMessage("bogus: unknown key (known keys here: a)");
  }

  @Test
  void pathsNameMappingsAndListEntries() {
    assertThatThrownBy(
            () ->
                read(
                    "outer:\n  list:\n    - {y: 1}\n    - {x: 1}\n",
                    n -> n.mapping("outer", o -> o.mappings("list", e -> e.string("y")))))
        .hasMessage("outer.list[1].x: unknown key (known keys here: y)");
    assertThatThrownBy(() -> read("'': 1\n", n -> n.string("a")))
        .hasMessage("(top level): unknown key (known keys here: a)");
    assertThatThrownBy(() -> read("outer: {'': 1}\n", n -> n.mapping("outer", o -> o.string("a"))))
        .hasMessage("outer.: unknown key (known keys here: a)");
    assertThatThrownBy(
            () ->
                read(
                    "outer: {a: 1}\n",
                    n ->
                        n.mapping(
                            "outer",
                            o -> {
                              throw new InvalidValueException("a", "wrong");
                            })))
        .hasMessage("outer.a: wrong");
  }

  @Test
  void aCheckThatNamesNoKeyIsReportedForItsMapping() {
    assertThatThrownBy(
            () ->
                read(
                    "outer: {a: 1}\n",
                    n ->
                        n.mapping(
                            "outer",
                            o -> {
                              o.string("a");
                              throw new ArithmeticException("long overflow");
                            })))
        .isInstanceOf(ConfigException.class)
        .hasMessage("outer: not a valid value: long overflow");
  }

  @Test
  void theDocument() throws Exception {
    Function<ConfigNode, Object> a = n -> n.string("a");
    assertThat(read("---\n", a)).isEqualTo("empty");
    assertThat(read("~\n", a)).isEqualTo("empty");
    assertThat(read("a: x\n...\n", a)).isEqualTo("x");
    // Comments only: no document at all, which databind refused.
    assertThatThrownBy(() -> read("# nothing\n", a))
        .hasMessage("(top level): expected a mapping (key: value)");
    assertThatThrownBy(() -> read("5\n", a))
        .hasMessage("(top level): expected a mapping (key: value)");
    assertThatThrownBy(() -> read("a: x\n---\na: y\n", a))
        .hasMessage("(top level): expected a mapping (key: value)");
    // The first document's own problem comes first.
    assertThatThrownBy(() -> read("a: [x]\n---\na: y\n", a)).hasMessage("a: expected a string");
    assertThatThrownBy(() -> read("a: x\n  b: [\n", a))
        .hasMessageStartingWith("line 2: not valid YAML: ");
  }

  @Test
  void theWrittenFormIsFoundAtItsPlace() throws Exception {
    assertThat(read("a/b: 010\nc~d: yes\n", n -> n.string("a/b") + " " + n.string("c~d")))
        .isEqualTo("010 yes");
    assertThat(read("k: [0x1, [010], {m: off}]\n", n -> n.value("k")).toString())
        .isEqualTo("[1, [8], {m=false}]");
    assertThat(read("k:\n  - 0x1\n  - No\n", n -> n.stringList("k")))
        .isEqualTo(List.of("0x1", "No"));
    // A repeated key keeps its last value, and that value's written form.
    assertThat(read("k: 010\nk: 0x1F\n", n -> n.string("k"))).isEqualTo("0x1F");
  }
}
