package io.github.storageagent.collect;

/**
 * Error text from outside (a parser's message, a program's stderr, an HTTP body) made fit for one
 * log line, one landing-page cell or one metric-free status: never multi-line, never unbounded.
 */
public final class Messages {

  private Messages() {}

  /** The first line of {@code text}, cut at {@code max} characters with "…"; "" for null. */
  public static String firstLine(String text, int max) {
    if (text == null) {
      return "";
    }
    return cut(text.lines().findFirst().orElse(""), max);
  }

  /** {@code text} on one line, each run of whitespace one space, cut at {@code max} with "…". */
  public static String oneLine(String text, int max) {
    return cut(text.replaceAll("\\s+", " ").strip(), max);
  }

  private static String cut(String line, int max) {
    return line.length() > max ? line.substring(0, max) + "…" : line;
  }
}
