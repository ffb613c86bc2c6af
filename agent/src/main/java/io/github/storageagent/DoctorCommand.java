package io.github.storageagent;

import io.github.storageagent.config.AgentConfig;
import io.github.storageagent.config.ConfigException;
import io.github.storageagent.config.ConfigLoader;
import io.github.storageagent.exec.CommandRunner;
import io.github.storageagent.exec.Executables;
import io.github.storageagent.http.LoadedWebConfig;
import io.github.storageagent.lvm.LvmDoctor;
import io.github.storageagent.smart.SmartDoctor;
import io.github.storageagent.smart.SmartctlClient;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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

  @CommandLine.Mixin NodePaths paths = new NodePaths();

  @Option(
      names = "--config.file",
      description =
          "YAML config file whose collector settings and PBS targets to check (default: none).")
  Path configFile;

  @Option(
      names = "--web.config.file",
      description = "Web config file (TLS, basic auth) to check with its certificate files.")
  Path webConfigFile;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    AgentConfig config;
    try {
      config = configFile == null ? AgentConfig.defaults() : new ConfigLoader().load(configFile);
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("config error: " + e.getMessage());
      return 2;
    }
    boolean ok = true;
    Path diskstats = paths.procfs.resolve("diskstats");
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
    Path block = paths.sysfs.resolve("block");
    out.printf(
        "disk: %s%n",
        Files.isDirectory(block)
            ? "ok, " + block + " present (device models and LVM names available)"
            : "WARN, "
                + block
                + " missing: devices are exported without model, serial or LVM names");
    ok &=
        SmartDoctor.check(
            new SmartctlClient(Executables.fromEnvironment(), config.smart(), new CommandRunner()),
            config.smart(),
            out);
    try {
      ok &= new LvmDoctor(config.lvm(), Executables.fromEnvironment()).check(out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    ok &= checkBackups(out, config);
    ok &= checkWebConfig(out);
    return ok ? 0 : 1;
  }

  private boolean checkWebConfig(PrintWriter out) {
    if (webConfigFile == null) {
      out.println("web: no --web.config.file: plain HTTP, no authentication");
      return true;
    }
    try {
      LoadedWebConfig web = LoadedWebConfig.load(webConfigFile);
      out.printf("web: ok, %s: %s%n", webConfigFile, web.summary());
      web.warnings(Instant.now()).forEach(w -> out.printf("web: WARN, %s%n", w));
      return true;
    } catch (ConfigException e) {
      out.printf("web: FAIL, %s%n", e.getMessage());
      return false;
    }
  }

  private static boolean checkBackups(PrintWriter out, AgentConfig config)
      throws InterruptedException {
    boolean ok = true;
    if (config.backup().pbs().isEmpty()) {
      out.println("pbs: not configured (no backup.pbs targets in the config file)");
    }
    for (var target : config.backup().pbs()) {
      ok &= io.github.storageagent.backup.pbs.PbsDoctor.check(target, out);
    }
    var pve = config.backup().pve();
    if (!pve.enabled()) {
      out.println("pve_backup: disabled");
    } else if (!Files.isDirectory(pve.jobsDir()) && !Files.isDirectory(pve.tasksDir())) {
      out.printf(
          "pve_backup: WARN, neither %s nor %s exists: not a Proxmox VE node, no vzdump series%n",
          pve.jobsDir(), pve.tasksDir());
    } else {
      out.printf(
          "pve_backup: %s, job states in %s, task index %s, schedules %s%n",
          Files.isReadable(pve.tasksDir().resolve("index")) ? "ok" : "WARN",
          Files.isDirectory(pve.jobsDir()) ? pve.jobsDir() : pve.jobsDir() + " (missing)",
          Files.isReadable(pve.tasksDir().resolve("index"))
              ? pve.tasksDir().resolve("index")
              : pve.tasksDir().resolve("index") + " (missing or unreadable)",
          Files.isReadable(pve.jobsCfg())
              ? pve.jobsCfg()
              : pve.jobsCfg() + " (unreadable: next-run only from job states)");
    }
    return ok;
  }
}
