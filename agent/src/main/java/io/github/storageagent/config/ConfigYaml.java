package io.github.storageagent.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.jr.stree.JrsValue;
import io.github.storageagent.json.JsonTree;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads a config file's YAML (the agent's config or the web config) with Jackson's streaming YAML
 * parser: its one document as a {@link JrsValue} tree, which {@link ConfigNode} then binds.
 *
 * <p>The tree keeps a number or a boolean only as its value, but a key that takes a string takes
 * such a scalar as it was written ({@code lvs_path: 0755} is "0755", {@code name: yes} is "yes"),
 * and some errors need the written form too. So while the tree is read, how each number and boolean
 * was written is kept beside it, by its place in the document ({@link Written}).
 */
final class ConfigYaml {

  /** Thread-safe; only jackson-core and SnakeYAML behind it (no databind). */
  private static final YAMLFactory FACTORY = new YAMLFactory();

  private static final String NOT_A_MAPPING = "(top level): expected a mapping (key: value)";

  private ConfigYaml() {}

  /**
   * A number or a boolean as the YAML parser saw it.
   *
   * @param token {@code VALUE_NUMBER_INT}, {@code VALUE_NUMBER_FLOAT}, {@code VALUE_TRUE} or {@code
   *     VALUE_FALSE}: what YAML 1.1 made of the scalar ({@code yes}, {@code 0x1F}, {@code 1_000})
   * @param text the scalar as written
   * @param number the value, for a number the parser could read
   * @param numberError for a number the parser cannot read ({@code .inf}): the message for reading
   *     it, which only a key that uses the number's value gives
   * @param intError for a whole number beyond an int: the message for reading it as an int
   */
  record Written(JsonToken token, String text, Number number, String numberError, String intError) {

    boolean isFloat() {
      return token == JsonToken.VALUE_NUMBER_FLOAT;
    }
  }

  /**
   * Reads {@code text}'s one document with {@code reader}; {@code empty} when the document is null
   * ({@code ~}, or only {@code ---}). Text with no document at all, only comments, is refused as
   * databind refused it (blank text is the callers' to take as empty). A second document is
   * refused, after the first one's own errors.
   */
  static <T> T read(String text, Supplier<T> empty, Function<ConfigNode, T> reader)
      throws ConfigException {
    try (Recorder parser = new Recorder(FACTORY.createParser(text))) {
      if (parser.nextToken() == null) {
        throw new ConfigException(NOT_A_MAPPING);
      }
      // The second-document check comes after binding: an error in the first document is the one
      // to report.
      JrsValue root = JsonTree.readValue(parser);
      T config = root.isNull() ? empty.get() : ConfigNode.readRoot(root, parser.written, reader);
      if (parser.nextToken() != null) {
        throw new ConfigException(NOT_A_MAPPING);
      }
      return config;
    } catch (ConfigNode.Problem e) {
      throw new ConfigException(e.getMessage());
    } catch (JacksonException e) {
      throw new ConfigException(notValidYaml(e));
    } catch (IOException e) {
      throw new ConfigException("not valid YAML: " + e.getMessage());
    }
  }

  /** {@code line 3: not valid YAML: <the parser's first line>}. */
  static String notValidYaml(JacksonException e) {
    String message = e.getOriginalMessage();
    if (e instanceof JsonProcessingException p && p.getLocation() != null) {
      return "line "
          + p.getLocation().getLineNr()
          + ": not valid YAML: "
          + message.lines().findFirst().orElse("");
    }
    return message;
  }

  /**
   * Passes the YAML parser's tokens on to the tree reader, noting how each number and boolean was
   * written, under its JSON pointer (duplicate keys keep the last one, as the tree does).
   */
  private static final class Recorder extends JsonParserDelegate {

    final Map<String, Written> written = new HashMap<>();
    private Number currentNumber;

    Recorder(JsonParser yaml) {
      super(yaml);
    }

    @Override
    public JsonToken nextToken() throws IOException {
      JsonToken token = super.nextToken();
      currentNumber = null;
      if (token == JsonToken.VALUE_NUMBER_INT
          || token == JsonToken.VALUE_NUMBER_FLOAT
          || token == JsonToken.VALUE_TRUE
          || token == JsonToken.VALUE_FALSE) {
        record(token);
      }
      return token;
    }

    private void record(JsonToken token) throws IOException {
      String text = super.getText();
      String numberError = null;
      String intError = null;
      if (token.isNumeric()) {
        // Read the value before the int check below: that check can change which Number the
        // parser hands out for a whole number (an Integer where it would give a Long).
        try {
          currentNumber = super.getNumberValue();
        } catch (JacksonException e) {
          currentNumber = Double.NaN;
          numberError = notValidYaml(e);
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
          try {
            super.getIntValue();
          } catch (InputCoercionException e) {
            intError = notValidYaml(e);
          }
        }
      }
      String pointer = super.getParsingContext().pathAsPointer().toString();
      written.put(pointer, new Written(token, text, currentNumber, numberError, intError));
    }

    /** The value read when the token was recorded (a number the parser cannot read is NaN). */
    @Override
    public Number getNumberValue() throws IOException {
      return currentNumber != null ? currentNumber : super.getNumberValue();
    }
  }
}
