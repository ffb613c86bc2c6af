package io.github.storageagent.smart;

import io.github.storageagent.config.SmartConfig;
import io.github.storageagent.exec.Command;
import io.github.storageagent.exec.CommandResult;
import io.github.storageagent.exec.CommandRunner;
import io.github.storageagent.exec.ExecException;
import io.github.storageagent.exec.Executables;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds smartctl's argv and runs it through {@link CommandRunner}: no shell, timeout, cap. */
public final class SmartctlClient implements Smartctl {

  /** A real read is 5-50 KB; anything near this is garbage and is cut off. */
  static final int MAX_READ_BYTES = 4 * 1024 * 1024;

  static final int MAX_SCAN_BYTES = 1024 * 1024;

  private static final Map<String, String> ENV = Map.of("LC_ALL", "C");

  private final Executables executables;
  private final String program;
  private final Duration timeout;
  private final SmartConfig.PowerMode powerMode;
  private final CommandRunner runner;

  public SmartctlClient(Executables executables, SmartConfig config, CommandRunner runner) {
    this.executables = executables;
    this.program = config.smartctl();
    this.timeout = config.timeout();
    this.powerMode = config.powerMode();
    this.runner = runner;
  }

  /** The smartctl program, looked up on every call so a later install is picked up. */
  public Path resolve() throws ExecException {
    return executables
        .find(program)
        .orElseThrow(
            () ->
                new ExecException(
                    program
                        + " not found (searched "
                        + (program.contains("/") ? program : executables.searchPath())
                        + "); install smartmontools >= 7.0",
                    null));
  }

  @Override
  public CommandResult scan() throws ExecException, InterruptedException {
    // Opening every device takes longer than reading one; the scan runs every 10 minutes.
    return run(scanArgv(resolve()), timeout.multipliedBy(3), MAX_SCAN_BYTES);
  }

  @Override
  public CommandResult read(SmartDevice device) throws ExecException, InterruptedException {
    return run(readArgv(resolve(), device, powerMode), timeout, MAX_READ_BYTES);
  }

  /** {@code smartctl --version}, for the doctor. */
  public CommandResult version() throws ExecException, InterruptedException {
    return run(List.of(resolve().toString(), "--version"), timeout, MAX_SCAN_BYTES);
  }

  static List<String> scanArgv(Path smartctl) {
    return List.of(smartctl.toString(), "--scan-open", "--json");
  }

  /**
   * Every read carries {@code --nocheck}: a disk in the configured power mode or lower is skipped,
   * never spun up by monitoring. The optional logs ride on the same call: the drive is awake by
   * then, and each is one more log read. smartctl ignores the ones a protocol does not have; one
   * the drive cannot deliver only sets exit bit 2 (reference/smartctl.md, "Optional logs").
   */
  static List<String> readArgv(Path smartctl, SmartDevice device, SmartConfig.PowerMode mode) {
    List<String> argv = new ArrayList<>();
    argv.add(smartctl.toString());
    argv.add("--json");
    argv.add("--info");
    argv.add("--health");
    // The SMART data behind --attributes also carries the self-test execution status: no extra
    // command.
    argv.add("--capabilities");
    argv.add("--attributes");
    argv.add("--log=error");
    argv.add("--log=selftest");
    argv.add("--log=devstat");
    argv.add("--log=scttemp");
    argv.add("--nocheck=" + mode.argument());
    if (!device.type().isEmpty()) {
      argv.add("--device=" + device.type());
    }
    argv.add(device.name());
    return argv;
  }

  private CommandResult run(List<String> argv, Duration limit, int maxBytes)
      throws ExecException, InterruptedException {
    return runner.run(
        new Command(argv, Map.of(), limit, Command.DEFAULT_MAX_OUTPUT_BYTES)
            .withEnvironment(ENV)
            .withMaxOutputBytes(maxBytes));
  }
}
