package io.github.storageagent.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The IO-latency collector.
 *
 * @param enabled whether it runs
 * @param interval how often /proc/diskstats is sampled; also the step of the await histograms
 * @param maxAge how long a sample is served without a newer one (default 3 × interval)
 * @param deviceInclude only devices whose whole name matches are exported (empty: all)
 * @param deviceExclude devices whose whole name matches are dropped (default: node_exporter's)
 * @param histograms whether the await histograms are exported (the bulk of this collector's series)
 */
public record DiskConfig(
    boolean enabled,
    Duration interval,
    Optional<Duration> maxAge,
    Optional<Pattern> deviceInclude,
    Pattern deviceExclude,
    boolean histograms) {

  /** node_exporter's default: partitions, ram, zram, loop and floppy devices. */
  public static final String DEFAULT_EXCLUDE =
      "^(z?ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$";

  public static DiskConfig defaults() {
    return new DiskConfig((Boolean) null, null, null, null, null, null);
  }

  @JsonCreator
  public DiskConfig(
      @JsonProperty("enabled") Boolean enabled,
      @JsonProperty("interval") String interval,
      @JsonProperty("max_age") String maxAge,
      @JsonProperty("device_include") String deviceInclude,
      @JsonProperty("device_exclude") String deviceExclude,
      @JsonProperty("histograms") Boolean histograms) {
    this(
        enabled == null || enabled,
        ConfigValues.positiveDuration("interval", interval, Duration.ofSeconds(1)),
        Optional.ofNullable(maxAge).map(v -> ConfigValues.positiveDuration("max_age", v, null)),
        Optional.ofNullable(deviceInclude)
            .filter(s -> !s.isEmpty())
            .map(v -> regex("device_include", v)),
        regex("device_exclude", deviceExclude == null ? DEFAULT_EXCLUDE : deviceExclude),
        histograms == null || histograms);
  }

  /** Whether a device (kernel name) is exported. */
  public boolean selects(String device) {
    return deviceInclude.map(p -> p.matcher(device).matches()).orElse(true)
        && !deviceExclude.matcher(device).matches();
  }

  static Pattern regex(String key, String value) {
    try {
      return Pattern.compile(value);
    } catch (PatternSyntaxException e) {
      throw new InvalidValueException(key, "not a valid regular expression: " + e.getDescription());
    }
  }
}
