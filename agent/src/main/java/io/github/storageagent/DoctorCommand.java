package io.github.storageagent;

import io.github.storageagent.config.LvmConfig;
import io.github.storageagent.exec.Executables;
import io.github.storageagent.lvm.LvmDoctor;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Tells, per collector, what works on this node and what is missing. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = "Check what each collector can read on this node.")
final class DoctorCommand implements Callable<Integer> {

  @Option(
      names = "--path.procfs",
      defaultValue = "/proc",
      description = "procfs mountpoint (default: ${DEFAULT-VALUE}).")
  Path procfs;

  @Option(
      names = "--path.sysfs",
      defaultValue = "/sys",
      description = "sysfs mountpoint (default: ${DEFAULT-VALUE}).")
  Path sysfs;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    boolean ok = true;
    Path diskstats = procfs.resolve("diskstats");
    if (Files.isReadable(diskstats)) {
      try {
        var parsed = io.github.storageagent.disk.DiskStatsParser.parse(Files.readString(diskstats));
        out.printf(
            "disk: ok, %s lists %d devices%s%n",
            diskstats,
            parsed.lines().size(),
            parsed.badLines().isEmpty()
                ? ""
                : " (" + parsed.badLines().size() + " unreadable lines)");
      } catch (java.io.IOException e) {
        out.printf("disk: FAIL, cannot read %s: %s%n", diskstats, e.getMessage());
        ok = false;
      }
    } else {
      out.printf("disk: FAIL, %s is missing or unreadable (is --path.procfs right?)%n", diskstats);
      ok = false;
    }
    Path block = sysfs.resolve("block");
    out.printf(
        "disk: %s%n",
        Files.isDirectory(block)
            ? "ok, " + block + " present (device models and LVM names available)"
            : "WARN, "
                + block
                + " missing: devices are exported without model, serial or LVM names");
    try {
      ok &= new LvmDoctor(LvmConfig.defaults(), Executables.fromEnvironment()).check(out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    return ok ? 0 : 1;
  }
}
