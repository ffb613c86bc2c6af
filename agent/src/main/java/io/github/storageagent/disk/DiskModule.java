package io.github.storageagent.disk;

import io.github.storageagent.collect.Collector;
import io.github.storageagent.collect.CollectorModule;
import io.github.storageagent.collect.NodeContext;
import io.github.storageagent.config.AgentConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** IO latency and throughput of block devices, from /proc/diskstats with names from sysfs. */
public final class DiskModule implements CollectorModule {

  @Override
  public String name() {
    return "disk";
  }

  @Override
  public List<Collector> create(AgentConfig config, NodeContext node) {
    if (!config.disk().enabled()) {
      return List.of();
    }
    return List.of(new DiskCollector(node.procfs(), node.sysfs(), config.disk()));
  }

  @Override
  public boolean doctor(AgentConfig config, NodeContext node, PrintWriter out) {
    boolean ok = true;
    Path diskstats = node.procfs().resolve("diskstats");
    if (Files.isReadable(diskstats)) {
      try {
        var parsed = DiskStatsParser.parse(Files.readString(diskstats));
        out.printf(
            "disk: ok, %s lists %d devices%s%n",
            diskstats,
            parsed.lines().size(),
            parsed.badLines().isEmpty()
                ? ""
                : " (" + parsed.badLines().size() + " unreadable lines)");
      } catch (IOException e) {
        out.printf("disk: FAIL, cannot read %s: %s%n", diskstats, e.getMessage());
        ok = false;
      }
    } else {
      out.printf("disk: FAIL, %s is missing or unreadable (is --path.procfs right?)%n", diskstats);
      ok = false;
    }
    Path block = node.sysfs().resolve("block");
    out.printf(
        "disk: %s%n",
        Files.isDirectory(block)
            ? "ok, " + block + " present (device models and LVM names available)"
            : "WARN, "
                + block
                + " missing: devices are exported without model, serial or LVM names");
    return ok;
  }
}
