package io.github.storageagent.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.jr.stree.JacksonJrsTreeCodec;
import com.fasterxml.jackson.jr.stree.JrsBoolean;
import com.fasterxml.jackson.jr.stree.JrsMissing;
import com.fasterxml.jackson.jr.stree.JrsNumber;
import com.fasterxml.jackson.jr.stree.JrsString;
import com.fasterxml.jackson.jr.stree.JrsValue;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads JSON (or any format with a Jackson streaming parser, such as YAML) into a tree of {@link
 * JrsValue}s, and reads typed values out of that tree without coercion.
 *
 * <p>The agent reads JSON from smartctl, lvm, PBS and vzdump with Jackson's streaming parser and
 * jackson-jr's small tree, not with databind: databind alone loads some 450 classes, which every
 * node would carry in resident memory for reading a handful of documents.
 */
public final class JsonTree {

  /** Shared and thread-safe; duplicate keys keep the last value, as databind's tree did. */
  public static final JsonFactory FACTORY =
      JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

  private static final JacksonJrsTreeCodec CODEC = new JacksonJrsTreeCodec();

  private JsonTree() {}

  /**
   * The first value of a document, {@link JrsMissing} for an empty one. What follows it is not
   * read, as databind's readTree did: smartctl, lvm and PBS print one document, and a stray byte
   * after it has never made one unreadable.
   */
  public static JrsValue firstValue(JsonParser parser) throws IOException {
    return parser.nextToken() == null ? JrsMissing.instance() : readValue(parser);
  }

  /** The same for a document in a string, read with {@link #FACTORY}. */
  public static JrsValue firstValue(String json) throws IOException {
    try (JsonParser parser = FACTORY.createParser(json)) {
      return firstValue(parser);
    }
  }

  /**
   * The value at the parser's current token (which must be set: call {@code nextToken()} first),
   * leaving the parser on that value's last token. For streaming through big lists one element at a
   * time.
   */
  public static JrsValue readValue(JsonParser parser) throws IOException {
    JrsValue value = CODEC.readTree(parser);
    return value == null ? JrsMissing.instance() : value;
  }

  /** A string value; numbers, booleans and containers are not strings. */
  public static Optional<String> text(JrsValue value) {
    return value instanceof JrsString s ? Optional.of(s.getValue()) : Optional.empty();
  }

  /** A boolean value; strings such as "true" are not booleans. */
  public static Optional<Boolean> bool(JrsValue value) {
    return value instanceof JrsBoolean b ? Optional.of(b.booleanValue()) : Optional.empty();
  }

  /** What a value is, for error messages: "an object", "a list", "a string", ... */
  public static String kind(JrsValue value) {
    if (value == null || value.isMissingNode()) {
      return "nothing";
    }
    if (value.isObject()) {
      return "an object";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isNull()) {
      return "null";
    }
    if (value instanceof JrsString) {
      return "a string";
    }
    if (value instanceof JrsNumber) {
      return "a number";
    }
    if (value instanceof JrsBoolean) {
      return "a boolean";
    }
    return "a value";
  }
}
