package io.github.storageagent.smart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake {@code smartctl} executable for the integration tests: a small bash script in its own
 * folder, first on the agent's PATH. Per device (basename of the last argument) a mode file says
 * what to do: print a fixture with its exit status, hang, print garbage or 20 MB, crash, or act as
 * a disk in standby. Every call is appended to {@code calls.log}.
 */
public final class FakeSmartctlScript {

  private static final String SCRIPT =
      """
      #!/bin/bash
      here="$(cd "$(dirname "$0")" && pwd)"
      last=""
      for a in "$@"; do last="$a"; done
      dev="$(basename -- "$last")"
      echo "$dev $*" >> "$here/calls.log"
      case " $* " in
        *" --scan-open "*) cat "$here/scan.json"; exit 0 ;;
        *" --version "*) echo "smartctl 7.3 2022-02-28 r5338 [x86_64-linux-6.8.12-4-pve] (local build)"; exit 0 ;;
      esac
      mode="$(cat "$here/$dev.mode" 2>/dev/null || echo print)"
      case "$mode" in
        hang) echo $$ > "$here/$dev.pid"; exec sleep 600 ;;
        garbage) printf '\\x00\\x01 this is not json {{{ \\n'; exit 0 ;;
        huge) exec head -c 20000000 /dev/zero ;;
        crash) kill -SEGV $$ ;;
        standby)
          case " $* " in
            *" --nocheck=standby "*|*" --nocheck=idle "*) cat "$here/$dev.standby.json"; exit 2 ;;
          esac
          echo "$dev $*" >> "$here/woken.log" ;;
      esac
      cat "$here/$dev.json"
      exit "$(cat "$here/$dev.exit" 2>/dev/null || echo 0)"
      """;

  private final Path dir;
  private final Path sysfs;
  private final Map<String, String> scanTypes = new LinkedHashMap<>();
  private final ObjectMapper json = new ObjectMapper();

  public FakeSmartctlScript(Path dir) throws IOException {
    this.dir = dir;
    this.sysfs = dir.resolveSibling(dir.getFileName() + "-sys");
    Files.createDirectories(dir);
    Files.createDirectories(sysfs.resolve("block"));
    Path script = dir.resolve("smartctl");
    Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  public Path dir() {
    return dir;
  }

  /**
   * A sysfs tree for the agent's {@code --path.sysfs}: empty (so the host's disks never leak into a
   * test) until {@link #sysfsSata} adds a disk.
   */
  public Path sysfs() {
    return sysfs;
  }

  /**
   * Gives SATA disk {@code dev} a sysfs entry as libata lays it out: SCSI vendor "ATA", the model
   * cut to 16 characters, the last 4 characters of the firmware as the revision, the serial in the
   * unit serial number page (VPD 0x80, space padded to 20 characters) and the WWN in wwid.
   */
  FakeSmartctlScript sysfsSata(String dev, String model, String firmware, String serial, String wwn)
      throws IOException {
    Path device = Files.createDirectories(sysfs.resolve("block").resolve(dev).resolve("device"));
    Files.writeString(device.resolve("vendor"), "ATA     \n");
    Files.writeString(
        device.resolve("model"), model.substring(0, Math.min(16, model.length())) + "\n");
    Files.writeString(
        device.resolve("rev"), firmware.substring(Math.max(0, firmware.length() - 4)) + "\n");
    byte[] text = String.format("%20s", serial).getBytes(StandardCharsets.US_ASCII);
    byte[] page = new byte[4 + text.length];
    page[1] = (byte) 0x80;
    page[3] = (byte) text.length;
    System.arraycopy(text, 0, page, 4, text.length);
    Files.write(device.resolve("vpd_pg80"), page);
    Files.writeString(device.resolve("wwid"), "naa." + wwn.substring(2) + "\n");
    return this;
  }

  /** Lists the device in the scan and makes its read print {@code fixture}. */
  FakeSmartctlScript device(String dev, String type, String fixture) throws IOException {
    String text = Fixtures.text(fixture);
    int exit = json.readTree(text).path("smartctl").path("exit_status").asInt(0);
    return device(dev, type, text, exit);
  }

  /** Like {@link #device(String, String, String)} but with smartctl's exit status rewritten. */
  FakeSmartctlScript deviceWithExit(String dev, String type, String fixture, int exit)
      throws IOException {
    ObjectNode root = (ObjectNode) json.readTree(Fixtures.text(fixture));
    ((ObjectNode) root.path("smartctl")).put("exit_status", exit);
    ((ObjectNode) root.path("device")).put("name", "/dev/" + dev);
    return device(dev, type, json.writeValueAsString(root), exit);
  }

  /** Lists the device in the scan and makes its read print {@code text} and exit {@code exit}. */
  public FakeSmartctlScript deviceJson(String dev, String type, String text, int exit)
      throws IOException {
    return device(dev, type, text, exit);
  }

  private FakeSmartctlScript device(String dev, String type, String text, int exit)
      throws IOException {
    scanTypes.put(dev, type);
    write(dev + ".json", text);
    write(dev + ".exit", Integer.toString(exit));
    writeScan();
    return this;
  }

  FakeSmartctlScript mode(String dev, String mode) throws IOException {
    write(dev + ".mode", mode);
    return this;
  }

  FakeSmartctlScript standbyAnswer(String dev, String fixture) throws IOException {
    write(dev + ".standby.json", Fixtures.text(fixture));
    return this;
  }

  /** Every recorded call as "device args...". */
  public List<String> calls() throws IOException {
    Path log = dir.resolve("calls.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  List<String> wakes() throws IOException {
    Path log = dir.resolve("woken.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  long pidOf(String dev) throws IOException {
    return Long.parseLong(Files.readString(dir.resolve(dev + ".pid")).strip());
  }

  boolean hasPid(String dev) {
    return Files.exists(dir.resolve(dev + ".pid"));
  }

  private void writeScan() throws IOException {
    List<Map<String, String>> devices = new ArrayList<>();
    scanTypes.forEach(
        (dev, type) ->
            devices.add(
                Map.of(
                    "name",
                    "/dev/" + dev,
                    "info_name",
                    "/dev/" + dev,
                    "type",
                    type,
                    "protocol",
                    type.equals("nvme") ? "NVMe" : "ATA")));
    Map<String, Object> scan = new LinkedHashMap<>();
    scan.put("json_format_version", List.of(1, 0));
    scan.put(
        "smartctl",
        Map.of(
            "version",
            List.of(7, 3),
            "argv",
            List.of("smartctl", "--scan-open", "--json"),
            "exit_status",
            0));
    scan.put("devices", devices);
    write("scan.json", json.writeValueAsString(scan));
  }

  private void write(String name, String content) throws IOException {
    Path tmp = dir.resolve(name + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(
        tmp,
        dir.resolve(name),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
