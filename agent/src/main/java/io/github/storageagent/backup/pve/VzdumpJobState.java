package io.github.storageagent.backup.pve;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * {@code /var/lib/pve-manager/jobs/vzdump-<id>.json}, written by pve-manager's job scheduler:
 * {@code created}, {@code starting}, {@code started} (with the task's upid) or {@code stopped}
 * (with {@code msg}, the task's status). Newer versions also keep the job's schedule and enabled
 * flag under {@code config}, and {@code updated} when the schedule changed.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VzdumpJobState(
    @JsonProperty("state") String state,
    @JsonProperty("upid") String upid,
    @JsonProperty("msg") String msg,
    @JsonProperty("time") Long time,
    @JsonProperty("updated") Long updated,
    @JsonProperty("config") Config config) {

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * Reads a state file's text; a blank file is a job that was created but never ran.
   *
   * @throws IOException if the text is not a job state object
   */
  public static VzdumpJobState parse(String text) throws IOException {
    if (text.isBlank()) {
      return new VzdumpJobState("created", null, null, null, null, null);
    }
    VzdumpJobState state = JSON.readValue(text, VzdumpJobState.class);
    if (state == null) {
      throw new IOException("not a job state: null");
    }
    return state;
  }

  /** The job config properties pve-manager copies into the state file. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Config(
      @JsonProperty("schedule") String schedule, @JsonProperty("enabled") Object enabled) {}
}
