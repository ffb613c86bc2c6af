package io.github.storageagent.backup;

import com.fasterxml.jackson.jr.stree.JrsArray;
import com.fasterxml.jackson.jr.stree.JrsBoolean;
import com.fasterxml.jackson.jr.stree.JrsNumber;
import com.fasterxml.jackson.jr.stree.JrsObject;
import com.fasterxml.jackson.jr.stree.JrsString;
import com.fasterxml.jackson.jr.stree.JrsValue;
import io.github.storageagent.json.JsonTree;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON values into the components of the backup records (PBS answers, vzdump job states).
 *
 * <p>These records used to be bound by Jackson databind, whose default coercions the readers keep
 * so that what parsed before parses alike: a number or boolean where text is expected is its text,
 * a string of digits where a whole number is expected is that number ({@code ""} and {@code "null"}
 * are nothing), a fraction is cut to its whole part, an integer where a boolean is expected is true
 * unless 0, and {@code "true"}, {@code "True"}, {@code "TRUE"} (likewise false) are booleans. JSON
 * null and a missing member are null. Anything else, such as a list where text is expected, is a
 * {@link BadValueException}, which fails the record as databind did.
 */
public final class JsonFields {

  /** Jackson's default limit on the digits of a number, which databind applied to "123" too. */
  private static final int MAX_NUMBER_LENGTH = 1000;

  private JsonFields() {}

  /** Reads one record from a JSON object. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(JrsObject object) throws BadValueException;
  }

  /** A member whose value does not fit its record component. */
  public static final class BadValueException extends IOException {
    private static final long serialVersionUID = 1L;

    BadValueException(String name, String expected, JrsValue got) {
      super("\"" + name + "\": expected " + expected + ", got " + JsonTree.kind(got));
    }
  }

  /** The member {@code name} of {@code object} as text. */
  public static String text(JrsObject object, String name) throws BadValueException {
    return text(object.get(name), name);
  }

  /** A value as text; numbers are written as Jackson writes them (a fraction as a double). */
  public static String text(JrsValue value, String name) throws BadValueException {
    if (absent(value)) {
      return null;
    }
    if (value instanceof JrsString s) {
      return s.getValue();
    }
    if (value instanceof JrsNumber n) {
      return n.getValue().toString();
    }
    if (value instanceof JrsBoolean b) {
      return String.valueOf(b.booleanValue());
    }
    throw new BadValueException(name, "text", value);
  }

  /** The member {@code name} of {@code object} as a whole number. */
  public static Long wholeNumber(JrsObject object, String name) throws BadValueException {
    return wholeNumber(object.get(name), name);
  }

  /**
   * A value as a whole number: an integer that fits a long, a fraction within the range of a long
   * cut towards zero, or a string holding a decimal long (surrounding blanks allowed).
   */
  public static Long wholeNumber(JrsValue value, String name) throws BadValueException {
    if (absent(value)) {
      return null;
    }
    if (value instanceof JrsNumber n) {
      Long whole = wholePart(n.getValue());
      if (whole == null) {
        throw new BadValueException(name, "a whole number within the range of a long", value);
      }
      return whole;
    }
    if (value instanceof JrsString s) {
      String text = s.getValue().trim();
      if (text.isEmpty() || text.equals("null")) {
        return null;
      }
      if (text.length() <= MAX_NUMBER_LENGTH) {
        try {
          return Long.parseLong(text);
        } catch (NumberFormatException notALong) {
          // reported below
        }
      }
      throw new BadValueException(name, "a whole number", value);
    }
    throw new BadValueException(name, "a whole number", value);
  }

  private static Long wholePart(Number n) {
    if (n instanceof BigInteger big) {
      return big.bitLength() < 64 ? big.longValue() : null;
    }
    if (n instanceof Double || n instanceof Float || n instanceof BigDecimal) {
      double d = n.doubleValue();
      // the bounds as doubles, as Jackson checks them: 2^63 itself becomes Long.MAX_VALUE
      return d >= Long.MIN_VALUE && d <= Long.MAX_VALUE ? (long) d : null;
    }
    return n.longValue();
  }

  /** The member {@code name} of {@code object} as a boolean. */
  public static Boolean bool(JrsObject object, String name) throws BadValueException {
    return bool(object.get(name), name);
  }

  /** A value as a boolean: true, false, an integer (0 is false) or one of the words above. */
  public static Boolean bool(JrsValue value, String name) throws BadValueException {
    if (absent(value)) {
      return null;
    }
    if (value instanceof JrsBoolean b) {
      return b.booleanValue();
    }
    if (value instanceof JrsNumber n) {
      Number v = n.getValue();
      if (v instanceof BigInteger big) {
        return big.signum() != 0;
      }
      if (v instanceof Integer || v instanceof Long) {
        return v.longValue() != 0;
      }
      throw new BadValueException(name, "a boolean", value);
    }
    if (value instanceof JrsString s) {
      String text = s.getValue().trim();
      switch (text) {
        case "", "null":
          return null;
        case "true", "True", "TRUE":
          return true;
        case "false", "False", "FALSE":
          return false;
        default:
          throw new BadValueException(name, "a boolean", value);
      }
    }
    throw new BadValueException(name, "a boolean", value);
  }

  /** The member {@code name} of {@code object} read by {@code reader}; null stays null. */
  public static <T> T object(JrsObject object, String name, Reader<T> reader)
      throws BadValueException {
    return object(object.get(name), name, reader);
  }

  /** An object read by {@code reader}; null stays null, anything else is not an object. */
  public static <T> T object(JrsValue value, String name, Reader<T> reader)
      throws BadValueException {
    if (absent(value)) {
      return null;
    }
    if (value instanceof JrsObject o) {
      return reader.read(o);
    }
    throw new BadValueException(name, "an object", value);
  }

  /**
   * Any value as plain Java: String, Boolean, Integer, Long, BigInteger or Double, an object as a
   * {@link LinkedHashMap} and a list as an {@link ArrayList} of such values, null as null.
   */
  public static Object plain(JrsValue value) {
    if (absent(value)) {
      return null;
    }
    if (value instanceof JrsString s) {
      return s.getValue();
    }
    if (value instanceof JrsNumber n) {
      return n.getValue();
    }
    if (value instanceof JrsBoolean b) {
      return b.booleanValue();
    }
    if (value instanceof JrsArray a) {
      List<Object> list = new ArrayList<>(a.size());
      for (Iterator<JrsValue> it = a.elements(); it.hasNext(); ) {
        list.add(plain(it.next()));
      }
      return list;
    }
    if (value instanceof JrsObject o) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JrsValue>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JrsValue> e = it.next();
        map.put(e.getKey(), plain(e.getValue()));
      }
      return map;
    }
    return null;
  }

  private static boolean absent(JrsValue value) {
    return value == null || value.isNull() || value.isMissingNode();
  }
}
