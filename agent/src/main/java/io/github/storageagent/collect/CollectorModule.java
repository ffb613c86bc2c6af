package io.github.storageagent.collect;

import io.github.storageagent.config.AgentConfig;
import java.io.PrintWriter;
import java.util.List;

/**
 * One collector package's entry point: what the agent and {@code doctor} need from it, and nothing
 * else. Each package (disk, smart, lvm, backup.pbs, backup.pve) has exactly one; the agent runs the
 * collectors of every module, and {@code doctor} asks every module in the same order.
 */
public interface CollectorModule {

  /** The module's name: the {@code collector} label of what it creates, and doctor's prefix. */
  String name();

  /** Its collectors under {@code config}: none when disabled, one per target where it has them. */
  List<Collector> create(AgentConfig config, NodeContext node);

  /**
   * Prints, one line each starting with {@link #name()}, what this module can read on this node and
   * what is missing; false if it cannot work as configured.
   */
  boolean doctor(AgentConfig config, NodeContext node, PrintWriter out) throws InterruptedException;
}
