package io.github.storageagent.backup.pbs;

import java.util.Locale;

/**
 * Where a datastore keeps its chunks ({@code backend-type}, PBS 4): a local filesystem or an S3
 * object store. PBS 3 has no such key and only filesystem stores.
 */
public enum BackendType {
  FILESYSTEM("filesystem"),
  S3("s3"),
  /** A backend newer than this agent. */
  OTHER("other");

  private final String label;

  BackendType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The first of {@code values} that is set; none set is a filesystem store. */
  public static BackendType of(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
          case "filesystem" -> FILESYSTEM;
          case "s3" -> S3;
          default -> OTHER;
        };
      }
    }
    return FILESYSTEM;
  }
}
