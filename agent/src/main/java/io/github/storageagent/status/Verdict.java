package io.github.storageagent.status;

import java.util.Collection;

/**
 * How a drive, pool or backup is doing. A critical alert rule means failing, a warning rule watch;
 * a backup, job or verify whose own result is a failure is failing whatever the rule's severity,
 * because the thing already went wrong.
 */
public enum Verdict {
  HEALTHY,
  WATCH,
  FAILING;

  /** The verdict as the status JSON and page write it: healthy, watch or failing. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The worst of the reasons' verdicts, healthy for none. */
  public static Verdict worst(Collection<Reason> reasons) {
    Verdict v = HEALTHY;
    for (Reason r : reasons) {
      if (r.verdict().compareTo(v) > 0) {
        v = r.verdict();
      }
    }
    return v;
  }
}
