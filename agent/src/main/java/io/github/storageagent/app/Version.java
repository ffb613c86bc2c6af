package io.github.storageagent.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The agent's version, stamped into the jar at build time. */
public final class Version {

  private Version() {}

  public static String agent() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  public static String java() {
    return System.getProperty("java.version", "unknown");
  }
}
