package io.github.storageagent.collect;

/**
 * Which collector: its name (the {@code collector} label) and, for a collector that runs once per
 * configured target (one per PBS server), the target (the {@code target} label; empty otherwise).
 */
public record CollectorKey(String name, String target) {

  public CollectorKey {
    if (name == null || name.isEmpty() || target == null) {
      throw new IllegalArgumentException("a collector needs a name; target may be empty only");
    }
  }

  public static CollectorKey of(String name) {
    return new CollectorKey(name, "");
  }

  /** {@code smart}, or {@code pbs/main} for a target: in logs and on the landing page. */
  @Override
  public String toString() {
    return target.isEmpty() ? name : name + "/" + target;
  }
}
