package io.github.storageagent.log;

/** The two line formats of Prometheus exporters' logs. */
public enum LogFormat {
  LOGFMT,
  JSON
}
