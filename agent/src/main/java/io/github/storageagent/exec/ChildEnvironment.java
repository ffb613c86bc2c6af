package io.github.storageagent.exec;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole environment a child process (smartctl, lvs, vgs) gets: the agent's search path, the C
 * locale, and the few variables lvm documents for where it finds its configuration and devices,
 * when the agent has them. Nothing else of the agent's environment is passed on: it may hold a PBS
 * token secret ({@code token_secret_env}) or {@code $CREDENTIALS_DIRECTORY}.
 */
public final class ChildEnvironment {

  /**
   * lvm(8) ENVIRONMENT VARIABLES that change what a report reads: LVM_SYSTEM_DIR (the directory of
   * lvm.conf) and DM_DEV_DIR (the device directory). Passed only when the agent has them.
   */
  static final List<String> PASSED_WHEN_SET = List.of("LVM_SYSTEM_DIR", "DM_DEV_DIR");

  private ChildEnvironment() {}

  /** The environment for children of an agent whose own environment is {@code agent}. */
  public static Map<String, String> of(Map<String, String> agent) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", searchPath(agent.get("PATH")));
    env.put("LC_ALL", "C");
    env.put("LANG", "C");
    for (String name : PASSED_WHEN_SET) {
      String value = agent.get(name);
      if (value != null && !value.isEmpty()) {
        env.put(name, value);
      }
    }
    return Map.copyOf(env);
  }

  /** The directories {@link Executables#fromEnvironment()} searches, in its order, once each. */
  static String searchPath(String agentPath) {
    Set<String> dirs = new LinkedHashSet<>();
    for (Path dir : Executables.fromPath(agentPath).searchPath()) {
      dirs.add(dir.toString());
    }
    return String.join(File.pathSeparator, dirs);
  }
}
