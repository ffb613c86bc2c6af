package io.github.storageagent.config;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.jr.stree.JrsArray;
import com.fasterxml.jackson.jr.stree.JrsBoolean;
import com.fasterxml.jackson.jr.stree.JrsEmbeddedObject;
import com.fasterxml.jackson.jr.stree.JrsNumber;
import com.fasterxml.jackson.jr.stree.JrsObject;
import com.fasterxml.jackson.jr.stree.JrsString;
import com.fasterxml.jackson.jr.stree.JrsValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One mapping of a config file, read by a config record's {@code from} factory: it hands out its
 * keys' values as the types the record takes, knows its path for messages ({@code
 * backup.pbs[0].url}), and refuses the keys no factory asked for.
 *
 * <p>Values are taken as the config loader always took them (it bound with Jackson databind until
 * databind was dropped to save memory): a key that takes a string takes a number or boolean as
 * written; a key that takes true or false also takes {@code "true"}, {@code 0} and {@code 1}; a key
 * that takes a whole number also takes {@code "10"}; an empty or null value is no value (the
 * default); and a value of the wrong kind says what was expected ({@code disk.enabled: expected
 * true or false, got 'maybe'}).
 *
 * <p>The first problem reported is the one databind reported: a value of the wrong kind, the first
 * in the document's order (a factory asks for its keys in its own order, so a problem is noted and
 * the key's value taken as unset until the factory is done); else the record's own check of its
 * values ({@link InvalidValueException}); else the first unknown key.
 */
final class ConfigNode {

  /** A config the loader refuses; its message is the whole line, path first. */
  static final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Problem(String message) {
      super(message, null, false, false);
    }
  }

  private static final String TOP_LEVEL = "(top level)";
  private static final String MAPPING = "a mapping (key: value)";

  private final JrsObject mapping;
  private final String path;
  private final JsonPointer pointer;
  private final Map<String, ConfigYaml.Written> written;
  private final Set<String> known = new TreeSet<>();
  private final Map<String, Integer> order = new HashMap<>();
  private Problem firstProblem;
  private int firstProblemAt;

  private ConfigNode(
      JrsObject mapping,
      String path,
      JsonPointer pointer,
      Map<String, ConfigYaml.Written> written) {
    this.mapping = mapping;
    this.path = path;
    this.pointer = pointer;
    this.written = written;
    Iterator<String> keys = mapping.fieldNames();
    for (int i = 0; keys.hasNext(); i++) {
      order.put(keys.next(), i);
    }
  }

  /** The document's top level, which must be a mapping. */
  static <T> T readRoot(
      JrsValue root, Map<String, ConfigYaml.Written> written, Function<ConfigNode, T> reader) {
    return new Value(root, "", JsonPointer.empty(), written).asMapping(reader);
  }

  /** A string; a number or boolean as written ({@code 010}, {@code yes}); null when not set. */
  String string(String key) {
    return read(key, Value::asString);
  }

  /** True or false, or null when not set. */
  Boolean bool(String key) {
    return read(key, Value::asBool);
  }

  /** A whole number that fits an int, or null when not set. */
  Integer integer(String key) {
    return read(key, Value::asInteger);
  }

  /**
   * The value as plain Java objects (String, Boolean, Integer, Long, BigInteger, Double, List, Map,
   * null), for a key whose own check takes more than one kind, such as {@code histograms} (a word,
   * or true or false).
   */
  Object value(String key) {
    return read(key, Value::asPlain);
  }

  /**
   * A list of strings (each as {@link #string}), or null when not set. An entry without a value is
   * null: the record decides (databind passed it on).
   */
  List<String> stringList(String key) {
    return read(key, Value::asStringList);
  }

  /** A mapping of strings to strings (each as {@link #string}), or null when not set. */
  Map<String, String> stringMap(String key) {
    return read(key, Value::asStringMap);
  }

  /** A nested mapping read by {@code reader}, or null when not set. */
  <T> T mapping(String key, Function<ConfigNode, T> reader) {
    return read(key, v -> v.asMapping(reader));
  }

  /**
   * A list of mappings, each read by {@code reader}, or null when not set. An entry without a value
   * is refused (databind passed it on, and the record failed on it).
   */
  <T> List<T> mappings(String key, Function<ConfigNode, T> reader) {
    return read(key, v -> v.asMappingList(reader));
  }

  private <T> T read(String key, Function<Value, T> as) {
    known.add(key);
    JrsValue node = mapping.get(key);
    if (node == null) {
      return null;
    }
    try {
      return as.apply(new Value(node, join(path, key), pointer.appendProperty(key), written));
    } catch (Problem p) {
      int at = order.get(key);
      if (firstProblem == null || at < firstProblemAt) {
        firstProblem = p;
        firstProblemAt = at;
      }
      return null;
    }
  }

  /** Runs {@code reader}, then reports what it found in databind's order (see the class). */
  private <T> T readWith(Function<ConfigNode, T> reader) {
    T result = null;
    Problem refused = null;
    try {
      result = reader.apply(this);
    } catch (InvalidValueException e) {
      refused = new Problem(shown(join(path, e.key())) + ": " + e.getMessage());
    } catch (Problem e) {
      throw e;
    } catch (RuntimeException e) {
      // A check that does not say which key it refuses; databind reported these too.
      refused = new Problem(shown(path) + ": not a valid value: " + e.getMessage());
    }
    if (firstProblem != null) {
      throw firstProblem;
    }
    if (refused != null) {
      throw refused;
    }
    Iterator<String> keys = mapping.fieldNames();
    while (keys.hasNext()) {
      String key = keys.next();
      if (!known.contains(key)) {
        throw new Problem(
            shown(join(path, key))
                + ": unknown key (known keys here: "
                + String.join(", ", known)
                + ")");
      }
    }
    return result;
  }

  private static String join(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  private static String shown(String path) {
    return path.isEmpty() ? TOP_LEVEL : path;
  }

  /** A value at a path, read as one of the types a config record takes. */
  private record Value(
      JrsValue node, String path, JsonPointer pointer, Map<String, ConfigYaml.Written> scalars) {

    String asString() {
      if (node.isNull()) {
        return null;
      }
      if (node instanceof JrsString s) {
        return s.getValue();
      }
      if (node instanceof JrsNumber || node instanceof JrsBoolean) {
        return readable().text();
      }
      if (node instanceof JrsEmbeddedObject e && e.embeddedValue() instanceof byte[] bytes) {
        // YAML's !!binary: databind gave its base64 again.
        return Base64Variants.getDefaultVariant().encode(bytes, false);
      }
      throw expected("a string");
    }

    Boolean asBool() {
      if (node.isNull()) {
        return null;
      }
      if (node instanceof JrsBoolean b) {
        return b.booleanValue();
      }
      if (node instanceof JrsNumber n) {
        ConfigYaml.Written w = writtenForm();
        if (w.isFloat()) {
          throw expected("true or false");
        }
        // Databind: an int is true unless 0; a larger number unless written as "0".
        return n.getValue() instanceof Integer i ? i != 0 : !"0".equals(w.text());
      }
      if (node instanceof JrsString s) {
        if (isBlank(s.getValue())) {
          return null;
        }
        String text = s.getValue().trim();
        switch (text) {
          case "true", "True", "TRUE":
            return true;
          case "false", "False", "FALSE":
            return false;
          case "null":
            return null;
          default:
            throw expected("true or false", text);
        }
      }
      throw expected("true or false");
    }

    Integer asInteger() {
      if (node.isNull()) {
        return null;
      }
      if (node instanceof JrsNumber n) {
        ConfigYaml.Written w = readable();
        if (w.isFloat()) {
          throw expected("a number", String.valueOf(n.getValue()));
        }
        if (w.intError() != null) {
          throw new Problem(w.intError());
        }
        return n.getValue().intValue();
      }
      if (node instanceof JrsString s) {
        if (isBlank(s.getValue())) {
          return null;
        }
        String text = s.getValue().trim();
        if (text.equals("null")) {
          return null;
        }
        try {
          long value = Long.parseLong(text);
          if (value == (int) value) {
            return (int) value;
          }
        } catch (NumberFormatException e) {
          // refused below, as any other text
        }
        throw expected("a number", text);
      }
      throw expected("a number");
    }

    Object asPlain() {
      if (node.isNull()) {
        return null;
      }
      if (node instanceof JrsString s) {
        return s.getValue();
      }
      if (node instanceof JrsNumber) {
        return readable().number();
      }
      if (node instanceof JrsBoolean b) {
        return b.booleanValue();
      }
      if (node instanceof JrsEmbeddedObject e) {
        return e.embeddedValue();
      }
      if (node instanceof JrsArray array) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
          list.add(element(array, i).asPlain());
        }
        return list;
      }
      Map<String, Object> map = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JrsValue>> fields = ((JrsObject) node).fields();
      while (fields.hasNext()) {
        Map.Entry<String, JrsValue> field = fields.next();
        map.put(field.getKey(), child(field.getKey(), field.getValue()).asPlain());
      }
      return map;
    }

    List<String> asStringList() {
      if (node.isNull()) {
        return null;
      }
      if (!(node instanceof JrsArray array)) {
        throw expectedContainer("a list");
      }
      List<String> list = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        list.add(element(array, i).asString());
      }
      return list;
    }

    <T> List<T> asMappingList(Function<ConfigNode, T> reader) {
      if (node.isNull()) {
        return null;
      }
      if (!(node instanceof JrsArray array)) {
        // Unlike a list of strings, not with the empty string it was given.
        throw expected("a list");
      }
      List<T> list = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        Value e = element(array, i);
        if (e.node.isNull()) {
          throw e.expected(MAPPING);
        }
        list.add(e.asMapping(reader));
      }
      return list;
    }

    Map<String, String> asStringMap() {
      if (node.isNull()) {
        return null;
      }
      if (!(node instanceof JrsObject object)) {
        throw expectedContainer(MAPPING);
      }
      Map<String, String> map = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JrsValue>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JrsValue> field = fields.next();
        map.put(field.getKey(), child(field.getKey(), field.getValue()).asString());
      }
      return map;
    }

    <T> T asMapping(Function<ConfigNode, T> reader) {
      if (node.isNull()) {
        return null;
      }
      if (node instanceof JrsObject object) {
        return new ConfigNode(object, path, pointer, scalars).readWith(reader);
      }
      if (node instanceof JrsEmbeddedObject e) {
        throw expected(MAPPING, String.valueOf(e.embeddedValue()));
      }
      if (node instanceof JrsNumber) {
        readable();
      }
      throw expectedContainer(MAPPING);
    }

    /** For a list or mapping: an empty or blank string is reported as given (''), others not. */
    private Problem expectedContainer(String kind) {
      if (node instanceof JrsString s && isBlank(s.getValue())) {
        return expected(kind, "");
      }
      return expected(kind);
    }

    private Value element(JrsArray array, int index) {
      return new Value(
          array.get(index), path + "[" + index + "]", pointer.appendIndex(index), scalars);
    }

    private Value child(String key, JrsValue value) {
      return new Value(value, join(path, key), pointer.appendProperty(key), scalars);
    }

    private ConfigYaml.Written writtenForm() {
      ConfigYaml.Written w = scalars.get(pointer.toString());
      if (w == null) {
        throw new IllegalStateException("no written form recorded at " + pointer);
      }
      return w;
    }

    /** The written number or boolean, refusing a number the parser cannot read. */
    private ConfigYaml.Written readable() {
      ConfigYaml.Written w = writtenForm();
      if (w.numberError() != null) {
        throw new Problem(w.numberError());
      }
      return w;
    }

    private Problem expected(String kind) {
      return new Problem(shown(path) + ": expected " + kind);
    }

    private Problem expected(String kind, String got) {
      return new Problem(shown(path) + ": expected " + kind + ", got '" + got + "'");
    }

    /** Databind's blank: nothing but spaces and control characters. */
    private static boolean isBlank(String text) {
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) > ' ') {
          return false;
        }
      }
      return true;
    }
  }
}
