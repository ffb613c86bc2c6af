package io.github.storageagent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Shared checks for config values; each failure names the key it was given. */
final class ConfigValues {

  private ConfigValues() {}

  static Duration positiveDuration(String key, String value, Duration fallback) {
    if (value == null) {
      return fallback;
    }
    Duration d;
    try {
      d = Durations.parse(value);
    } catch (IllegalArgumentException | ArithmeticException e) {
      // ArithmeticException: more than a Duration holds, such as 9999999999999999d.
      throw new InvalidValueException(key, e.getMessage());
    }
    if (d.isZero()) {
      throw new InvalidValueException(key, "must be greater than zero");
    }
    return d;
  }

  /** An optional {@code max_age}: a positive duration, or empty for the section's default. */
  static Optional<Duration> maxAge(String value) {
    return Optional.ofNullable(value).map(v -> positiveDuration("max_age", v, null));
  }

  /**
   * A YAML boolean. Anything else, such as a quoted {@code "true"}, a number or a list, is refused
   * rather than guessed at.
   */
  static boolean bool(String key, Object value, boolean fallback) {
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    throw new InvalidValueException(key, "must be true or false, got '" + value + "'");
  }

  static Pattern regex(String key, String value) {
    try {
      return Pattern.compile(value);
    } catch (PatternSyntaxException e) {
      throw new InvalidValueException(key, "not a valid regular expression: " + e.getDescription());
    }
  }

  /** A program name or path; {@code fallback} when not set. Blank is refused, not guessed. */
  static String program(String key, String value, String fallback) {
    if (value == null) {
      return fallback;
    }
    if (value.isBlank()) {
      throw new InvalidValueException(key, "must be a program name or path, got ''");
    }
    return value.strip();
  }

  static Path path(String key, String value, Path fallback) {
    if (value == null) {
      return fallback;
    }
    if (value.isBlank()) {
      throw new InvalidValueException(key, "must not be empty");
    }
    try {
      return Path.of(value);
    } catch (java.nio.file.InvalidPathException e) {
      throw new InvalidValueException(key, "not a valid path: " + e.getReason());
    }
  }
}
