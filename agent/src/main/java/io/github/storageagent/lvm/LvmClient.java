package io.github.storageagent.lvm;

import io.github.storageagent.config.Durations;
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

/**
 * Runs lvs and vgs with a fixed, explicit field list and JSON output in bytes, never through a
 * shell. The programs are resolved on every call, so installing lvm2 later needs no restart.
 */
public final class LvmClient {

  /** Fields of lvs that the collector reads. Naming them keeps the output small and stable. */
  public static final List<String> LV_FIELDS =
      List.of(
          "vg_name",
          "lv_name",
          "lv_attr",
          "lv_size",
          "pool_lv",
          "data_percent",
          "metadata_percent",
          "lv_metadata_size",
          "lv_when_full",
          "lv_health_status");

  /** Fields of vgs; the extent counts let sizes be checked against extents. */
  public static final List<String> VG_FIELDS =
      List.of(
          "vg_name", "vg_size", "vg_free", "vg_extent_size", "vg_extent_count", "vg_free_count");

  /**
   * C locale: other locales print decimal commas. lvm warns on stderr about inherited file
   * descriptors, which says nothing about the report.
   */
  static final Map<String, String> ENVIRONMENT =
      Map.of("LC_ALL", "C", "LVM_SUPPRESS_FD_WARNINGS", "1");

  private static final int MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

  private final Executables executables;
  private final CommandRunner runner;
  private final String lvsProgram;
  private final String vgsProgram;
  private final Duration timeout;

  public LvmClient(
      Executables executables,
      CommandRunner runner,
      String lvsProgram,
      String vgsProgram,
      Duration timeout) {
    this.executables = executables;
    this.runner = runner;
    this.lvsProgram = lvsProgram;
    this.vgsProgram = vgsProgram;
    this.timeout = timeout;
  }

  /** The raw JSON of lvs. */
  public String lvs() throws LvmCommandException, InterruptedException {
    return report(lvsProgram, LV_FIELDS);
  }

  /** The raw JSON of vgs. */
  public String vgs() throws LvmCommandException, InterruptedException {
    return report(vgsProgram, VG_FIELDS);
  }

  /** First line of {@code lvs --version}, e.g. "LVM version: 2.03.16(2) (2022-05-18)". */
  public String version() throws LvmCommandException, InterruptedException {
    Path lvs = resolve(lvsProgram);
    CommandResult r = run(lvs, List.of(lvs.toString(), "--version"));
    return r.stdoutText().strip().lines().findFirst().orElse("").strip().replaceAll("\\s+", " ");
  }

  /** Where lvs resolves to, for the doctor. */
  public java.util.Optional<Path> lvsPath() {
    return executables.find(lvsProgram);
  }

  /**
   * The first line of stderr that is not a warning: lvm run as non-root starts with "WARNING:
   * Running as a non-root user", and the reason it failed comes after.
   */
  static String firstError(CommandResult r) {
    String first = r.stderrFirstLine();
    return r.stderrText()
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("WARNING:"))
        .findFirst()
        .map(l -> l.length() > 200 ? l.substring(0, 200) + "…" : l)
        .orElse(first);
  }

  static List<String> argv(Path program, List<String> fields) {
    List<String> argv = new ArrayList<>();
    argv.add(program.toString());
    argv.addAll(
        List.of(
            "--reportformat",
            "json",
            "--units",
            "b",
            "--nosuffix",
            "--options",
            String.join(",", fields)));
    return argv;
  }

  private String report(String program, List<String> fields)
      throws LvmCommandException, InterruptedException {
    Path path = resolve(program);
    return run(path, argv(path, fields)).stdoutText();
  }

  private Path resolve(String program) throws LvmCommandException {
    return executables
        .find(program)
        .orElseThrow(
            () ->
                new LvmCommandException(
                    program.contains("/")
                        ? program + " does not exist or is not executable"
                        : program
                            + " not found in "
                            + executables.searchPath()
                            + " (install lvm2, or set lvm."
                            + program
                            + "_path)"));
  }

  private CommandResult run(Path program, List<String> argv)
      throws LvmCommandException, InterruptedException {
    String name = program.getFileName().toString();
    Command command = new Command(argv, ENVIRONMENT, timeout, MAX_OUTPUT_BYTES);
    CommandResult r;
    try {
      r = runner.run(command);
    } catch (ExecException e) {
      throw new LvmCommandException(e.getMessage(), e);
    }
    if (r.timedOut()) {
      throw new LvmCommandException(
          name + " did not finish within " + Durations.format(timeout) + " and was killed");
    }
    if (r.outputCapped()) {
      throw new LvmCommandException(
          name + " printed more than " + MAX_OUTPUT_BYTES + " bytes and was killed");
    }
    if (r.exitCode() != 0) {
      String stderr = firstError(r);
      throw new LvmCommandException(
          name
              + " exited with status "
              + r.exitCode()
              + ": "
              + (stderr.isEmpty() ? "(nothing on stderr)" : stderr));
    }
    return r;
  }
}
