package io.github.storageagent.smart;

import io.github.storageagent.config.SmartConfig;
import io.github.storageagent.exec.CommandResult;
import io.github.storageagent.exec.ExecException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code doctor} checks for SMART: is smartctl there, is it new enough for JSON, which devices
 * does it find, and may it open them. Reads carry the configured {@code --nocheck}, so the doctor
 * does not wake a sleeping disk either.
 */
public final class SmartDoctor {

  private static final Pattern VERSION = Pattern.compile("smartctl (\\d+)\\.(\\d+)");

  private SmartDoctor() {}

  /** Prints one line per finding; false when SMART cannot work on this node. */
  public static boolean check(SmartctlClient client, SmartConfig config, PrintWriter out)
      throws InterruptedException {
    if (!config.enabled()) {
      out.println("smart: disabled in the config");
      return true;
    }
    Path program;
    try {
      program = client.resolve();
    } catch (ExecException e) {
      out.println("smart: FAIL, " + e.getMessage());
      return false;
    }
    Optional<int[]> version;
    try {
      CommandResult r = client.version();
      version = version(r.stdoutText());
    } catch (ExecException e) {
      out.println("smart: FAIL, cannot run " + program + ": " + e.getMessage());
      return false;
    }
    if (version.isEmpty()) {
      out.println("smart: FAIL, " + program + " --version printed no smartctl version");
      return false;
    }
    int major = version.get()[0];
    int minor = version.get()[1];
    if (major < 7) {
      out.printf(
          "smart: FAIL, %s is smartctl %d.%d; JSON output needs smartctl >= 7.0%n",
          program, major, minor);
      return false;
    }
    out.printf("smart: ok, %s is smartctl %d.%d (JSON supported)%n", program, major, minor);

    List<SmartDevice> scanned;
    try {
      CommandResult r = client.scan();
      if (!r.completed()) {
        out.println(
            "smart: FAIL, smartctl --scan-open did not finish (timed out or too much output)");
        return false;
      }
      scanned = SmartctlJsonParser.parseScan(r.stdoutText());
    } catch (ExecException | SmartParseException e) {
      out.println("smart: FAIL, smartctl --scan-open: " + e.getMessage());
      return false;
    }
    List<SmartDevice> devices = SmartCollector.merge(config, scanned);
    if (devices.isEmpty()) {
      out.println(
          "smart: WARN, smartctl found no devices"
              + (isRoot()
                  ? ""
                  : " (not running as root: smartctl needs root or CAP_SYS_RAWIO and CAP_SYS_ADMIN to open disks)"));
      return true;
    }
    out.printf("smart: found %d devices (scan plus config)%n", devices.size());
    boolean ok = true;
    for (SmartDevice d : devices) {
      String name =
          d.label() + " (" + d.name() + (d.type().isEmpty() ? "" : " -d " + d.type()) + ")";
      DeviceOutcome outcome;
      try {
        outcome = OutcomePolicy.classify(java.time.Instant.now(), client.read(d));
      } catch (ExecException e) {
        outcome = new DeviceOutcome.Failed(java.time.Instant.now(), e.getMessage());
      }
      if (outcome instanceof DeviceOutcome.Read r) {
        DeviceIdentity id = r.reading().identity();
        out.printf(
            "smart: ok, %s opened: %s %s, serial %s, exit status %d%n",
            name,
            id.protocol(),
            id.model(),
            id.serial().isEmpty() ? "?" : id.serial(),
            r.exit().value());
      } else if (outcome instanceof DeviceOutcome.Asleep a) {
        out.printf("smart: ok, %s is in %s mode, left asleep%n", name, a.powerMode());
      } else if (outcome instanceof DeviceOutcome.NoData n) {
        ok = false;
        out.printf(
            "smart: FAIL, %s: %s%s%n",
            name,
            n.reason(),
            isRoot() ? "" : " (not running as root: is the agent allowed to open it?)");
      } else if (outcome instanceof DeviceOutcome.Failed f) {
        ok = false;
        out.printf("smart: FAIL, %s: %s%n", name, f.reason());
      }
    }
    return ok;
  }

  static Optional<int[]> version(String text) {
    Matcher m = VERSION.matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
