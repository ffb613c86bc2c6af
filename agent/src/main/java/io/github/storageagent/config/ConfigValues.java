package io.github.storageagent.config;

import java.time.Duration;

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
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(key, e.getMessage());
    }
    if (d.isZero()) {
      throw new InvalidValueException(key, "must be greater than zero");
    }
    return d;
  }
}
