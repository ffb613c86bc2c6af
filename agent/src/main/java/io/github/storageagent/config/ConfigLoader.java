package io.github.storageagent.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads the YAML config file into {@link AgentConfig}, refusing unknown keys and bad values. */
public final class ConfigLoader {

  /** The name under which the agent's environment is injected into config objects. */
  static final String ENVIRONMENT = "storage-agent.environment";

  private final ObjectMapper yaml;

  /** A loader that resolves environment variables and credentials in the agent's environment. */
  public ConfigLoader() {
    this(System.getenv());
  }

  /**
   * A loader that resolves {@code token_secret_env} and {@code token_secret_credential} in {@code
   * environment} instead of the agent's own (tests stand in a temporary $CREDENTIALS_DIRECTORY).
   */
  public ConfigLoader(Map<String, String> environment) {
    this.yaml =
        new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .setInjectableValues(
                new InjectableValues.Std().addValue(ENVIRONMENT, Map.copyOf(environment)));
  }

  public AgentConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    return parse(text);
  }

  public AgentConfig parse(String text) throws ConfigException {
    if (text.isBlank()) {
      return AgentConfig.defaults();
    }
    try {
      AgentConfig config = yaml.readValue(text, AgentConfig.class);
      return config == null ? AgentConfig.defaults() : config;
    } catch (JacksonException e) {
      throw new ConfigException(describe(e));
    }
  }

  static String describe(JacksonException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      String known =
          u.getKnownPropertyIds().stream()
              .map(Object::toString)
              .sorted()
              .collect(Collectors.joining(", "));
      return path(u.getPath()) + ": unknown key (known keys here: " + known + ")";
    }
    if (e instanceof ValueInstantiationException v
        && v.getCause() instanceof InvalidValueException iv) {
      return join(path(v.getPath()), iv.key()) + ": " + iv.getMessage();
    }
    if (e instanceof InvalidFormatException f) {
      return path(f.getPath())
          + ": expected "
          + simpleType(f.getTargetType())
          + ", got '"
          + f.getValue()
          + "'";
    }
    if (e instanceof MismatchedInputException m) {
      return path(m.getPath()) + ": expected " + simpleType(m.getTargetType());
    }
    if (e instanceof JsonProcessingException p && p.getLocation() != null) {
      return "line "
          + p.getLocation().getLineNr()
          + ": not valid YAML: "
          + p.getOriginalMessage().lines().findFirst().orElse("");
    }
    return e.getOriginalMessage();
  }

  private static String simpleType(Class<?> type) {
    if (type == null) {
      return "a different value";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a mapping (key: value)";
  }

  private static String path(List<JsonMappingException.Reference> refs) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? "(top level)" : sb.toString();
  }

  private static String join(String parent, String key) {
    return parent.equals("(top level)") ? key : parent + "." + key;
  }
}
