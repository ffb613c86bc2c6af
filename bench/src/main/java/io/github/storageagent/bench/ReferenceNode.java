package io.github.storageagent.bench;

import io.github.storageagent.demo.pbs.PbsScenario;
import io.github.storageagent.demo.pbs.PbsSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The reference node of SPEC §8 written into a folder, for the agent to read through its real code
 * paths: {@code proc/diskstats}, {@code sys/block/...}, stand-in {@code bin/smartctl}, {@code
 * bin/lvs} and {@code bin/vgs} (POSIX sh scripts that {@code cat} pre-written files from {@code
 * data/}), a PVE backup tree under {@code pve/}, and {@code config.yml} pointing the agent at all
 * of it and at a PBS (the agent's PBS simulator) with a token file and a pinned fingerprint.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.github.storageagent.bench.ReferenceNode \
 *     --shape=reference|scale --dir=DIR [--serve] [--intervals=smart=30s,pbs=15s,...]
 * </pre>
 *
 * <p>Without {@code --serve} it writes the tree and exits; {@code config.yml} then has no PBS
 * target unless {@code --pbs-url=} and {@code --pbs-fingerprint=} name one (with the secret in
 * {@code DIR/pbs-token}). With {@code --serve} it stays up as the node's helper process: it starts
 * the PBS simulator on loopback (40 groups × 50 snapshots, or 500 × 100 for the scale shape),
 * writes the config for it, advances {@code proc/diskstats} every second (write, then rename), and
 * exits when its standard input closes (when the script that started it ends). {@code DIR/ready}
 * appears once everything is in place; {@code DIR/agent.args} holds the agent's flags for the node.
 * A line {@code pbs-fault NAME} on its standard input switches the simulator's {@link
 * PbsSimulator.Fault} ({@code NONE} heals it). {@code --intervals} sets collector intervals in the
 * config ({@code smart}, {@code lvm}, {@code pve}, {@code pbs}, {@code pbs_snapshots}); without it
 * they stay at the agent's defaults.
 */
public final class ReferenceNode {

  /** The token the simulator accepts. */
  public static final String TOKEN_ID = "monitor@pbs!storage-agent";

  private final Shape shape;
  private final Path dir;
  private final DiskStats diskStats;
  private final Map<String, String> intervals = new LinkedHashMap<>();
  private String secret;

  private ReferenceNode(Shape shape, Path dir) {
    this.shape = shape;
    this.dir = dir;
    this.diskStats = new DiskStats(BlockDevice.of(shape));
  }

  /** Writes every file of the node except {@code config.yml}. */
  public static ReferenceNode create(Shape shape, Path dir, Instant now) throws IOException {
    ReferenceNode node = new ReferenceNode(shape, dir.toAbsolutePath());
    node.writeSysfs();
    node.writeDiskstats();
    node.writeSmart();
    node.writeLvm();
    PveTree.write(node.dir.resolve("pve"), LvmJson.of(shape).guests(), now);
    return node;
  }

  public Path dir() {
    return dir;
  }

  public Path procfs() {
    return dir.resolve("proc");
  }

  public Path sysfs() {
    return dir.resolve("sys");
  }

  public Path config() {
    return dir.resolve("config.yml");
  }

  /** The PBS the node's config points at: {@link PbsScenario#generated} in the shape's size. */
  public static PbsScenario pbsScenario(Shape shape, Instant now) {
    return PbsScenario.generated(
        shape.pbsStores(), shape.pbsGroups(), shape.pbsSnapshotsPerGroup(), now);
  }

  /**
   * Starts the shape's PBS simulator on loopback with a fresh secret, which goes into {@code
   * DIR/pbs-token} (mode 0600), and writes {@code config.yml} for it.
   */
  public PbsSimulator startPbs(Instant now) throws IOException {
    secret = UUID.randomUUID().toString();
    Path token = dir.resolve("pbs-token");
    Files.deleteIfExists(token);
    Files.createFile(
        token, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(token, secret + "\n", StandardCharsets.UTF_8);
    PbsSimulator pbs = startSimulator(pbsScenario(shape, now), secret);
    writeConfig(pbs.url(), pbs.fingerprint());
    atomically(
        dir.resolve("pbs.env"),
        "PBS_URL="
            + pbs.url()
            + "\nPBS_PORT="
            + pbs.port()
            + "\nPBS_FINGERPRINT="
            + pbs.fingerprint()
            + "\nPBS_TOKEN_ID='"
            + TOKEN_ID
            + "'\n");
    return pbs;
  }

  /**
   * Starts the agent's PBS simulator. Its JDK HTTP server sends small chunks without TCP_NODELAY
   * unless told otherwise, and then every answer waits ~40 ms for the client's delayed ACK, which
   * no real PBS does; {@code sun.net.httpserver.nodelay} is read once, when the server classes
   * load, so it is set before the first server starts.
   */
  static PbsSimulator startSimulator(PbsScenario scenario, String secret) throws IOException {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    return PbsSimulator.start(scenario, TOKEN_ID, secret);
  }

  /**
   * Reads every endpoint the agent reads a few times, so the simulator's JVM has loaded and
   * compiled its code and the agent meets a server that behaves like a PBS that has been up for a
   * while, not a cold one.
   */
  public void warmUp(PbsSimulator pbs, int rounds) throws IOException {
    var scenario = pbsScenario(shape, Instant.now());
    for (int r = 0; r < rounds; r++) {
      for (String path :
          List.of(
              "/version",
              "/admin/datastore",
              "/status/datastore-usage",
              "/admin/verify",
              "/admin/sync",
              "/admin/prune",
              "/nodes/localhost/tasks?typefilter=backup&limit=0")) {
        PbsBodies.get(pbs.url(), secret, path);
      }
      for (var store : scenario.stores()) {
        String base = "/admin/datastore/" + store.name();
        PbsBodies.get(pbs.url(), secret, base + "/namespace");
        PbsBodies.get(pbs.url(), secret, base + "/gc");
        PbsBodies.get(pbs.url(), secret, base + "/groups?ns=");
        var g = store.groups().get(0);
        PbsBodies.get(
            pbs.url(),
            secret,
            base
                + "/snapshots?ns="
                + g.namespace()
                + "&backup-type="
                + g.type()
                + "&backup-id="
                + g.id());
      }
    }
  }

  /**
   * Writes {@code config.yml} (and {@code agent.args}): smartctl, lvs and vgs from {@code bin/},
   * the PVE tree, and the PBS at {@code pbsUrl} if not null. Intervals stay at their defaults
   * unless {@link #intervals} names them.
   */
  public void writeConfig(String pbsUrl, String fingerprint) throws IOException {
    StringBuilder y = new StringBuilder();
    y.append("# storage-agent config for the bench reference node (shape ")
        .append(shape.name())
        .append("), written by io.github.storageagent.bench.ReferenceNode.\n")
        .append("# Start the agent with: ")
        .append(String.join(" ", agentArgs()))
        .append("\nsmart:\n  smartctl: ")
        .append(quote(dir.resolve("bin/smartctl")))
        .append(interval("smart", "interval", "  "))
        .append("\nlvm:\n  lvs_path: ")
        .append(quote(dir.resolve("bin/lvs")))
        .append("\n  vgs_path: ")
        .append(quote(dir.resolve("bin/vgs")))
        .append(interval("lvm", "interval", "  "))
        .append("\nbackup:\n");
    if (pbsUrl != null) {
      y.append("  pbs:\n    - name: pbs-ref\n      url: ")
          .append(quote(pbsUrl))
          .append("\n      token_id: ")
          .append(quote(TOKEN_ID))
          .append("\n      token_secret_file: ")
          .append(quote(dir.resolve("pbs-token")))
          .append("\n      fingerprint: ")
          .append(quote(fingerprint))
          .append(interval("pbs", "interval", "      "))
          .append(interval("pbs_snapshots", "snapshot_interval", "      "))
          .append('\n');
    }
    y.append("  pve:\n    jobs_dir: ")
        .append(quote(dir.resolve("pve/jobs")))
        .append("\n    tasks_dir: ")
        .append(quote(dir.resolve("pve/tasks")))
        .append("\n    jobs_cfg: ")
        .append(quote(dir.resolve("pve/jobs.cfg")))
        .append(interval("pve", "interval", "    "))
        .append('\n');
    atomically(config(), y.toString());
    atomically(dir.resolve("agent.args"), String.join("\n", agentArgs()) + "\n");
  }

  /** {@code --intervals=smart=30s,pbs=15s}: collector name to interval, for the config. */
  void intervals(String list) {
    for (String item : list.split(",")) {
      String[] kv = item.split("=", 2);
      String key = kv[0].trim();
      if (kv.length != 2
          || !List.of("smart", "lvm", "pve", "pbs", "pbs_snapshots").contains(key)
          || !kv[1].trim().matches("[0-9]+(ms|s|m|h)")) {
        throw new IllegalArgumentException(
            "--intervals: want smart|lvm|pve|pbs|pbs_snapshots=DURATION[,...], got " + item);
      }
      intervals.put(key, kv[1].trim());
    }
  }

  /** A config line {@code \n<indent><key>: <interval>} if {@link #intervals} names it. */
  private String interval(String name, String key, String indent) {
    String value = intervals.get(name);
    return value == null ? "" : "\n" + indent + key + ": " + value;
  }

  /** The agent's flags for this node. */
  public List<String> agentArgs() {
    return List.of(
        "--config.file=" + config(), "--path.procfs=" + procfs(), "--path.sysfs=" + sysfs());
  }

  /** One second of IO on every device, and {@code proc/diskstats} rewritten (then renamed). */
  public void tick() throws IOException {
    diskStats.tick();
    writeDiskstats();
  }

  private void writeDiskstats() throws IOException {
    atomically(procfs().resolve("diskstats"), diskStats.render());
  }

  private void writeSysfs() throws IOException {
    for (BlockDevice d : BlockDevice.of(shape)) {
      Path block = sysfs().resolve("block").resolve(d.name());
      Files.createDirectories(block);
      if (!d.model().isEmpty()) {
        write(block.resolve("device/model"), d.model() + "\n");
        write(block.resolve("device/serial"), d.serial() + "\n");
      }
      if (!d.dmName().isEmpty()) {
        write(block.resolve("dm/name"), d.dmName() + "\n");
        write(
            block.resolve("dm/uuid"),
            String.format("LVM-bench%06dlv%022d%n", d.minor(), d.minor() * 7919L));
      }
    }
  }

  private void writeSmart() throws IOException {
    Path data = dir.resolve("data/smartctl");
    for (int i = 0; i < shape.nvme(); i++) {
      write(data.resolve("nvme" + i + ".json"), SmartJson.nvme(i));
    }
    for (int j = 0; j < shape.sata(); j++) {
      write(data.resolve("sd" + BlockDevice.sdLetters(j) + ".json"), SmartJson.ata(j));
    }
    write(data.resolve("scan.json"), SmartJson.scan(shape));
    write(data.resolve("version.txt"), SmartJson.version());
    // POSIX sh: two builtins and one cat, so a read costs the node one small fork+exec.
    script(
        "smartctl",
        "d="
            + quote(data)
            + "\n"
            + "case \" $* \" in\n"
            + "  *\" --version \"*) exec cat \"$d/version.txt\" ;;\n"
            + "  *\" --scan-open \"*) exec cat \"$d/scan.json\" ;;\n"
            + "esac\n"
            + "for a in \"$@\"; do last=$a; done\n"
            + "f=\"$d/${last##*/}.json\"\n"
            + "[ -f \"$f\" ] || { echo \"Smartctl open device: $last failed: No such device\""
            + " >&2; exit 2; }\n"
            + "exec cat \"$f\"\n");
  }

  private void writeLvm() throws IOException {
    LvmJson lvm = LvmJson.of(shape);
    Path data = dir.resolve("data");
    write(data.resolve("lvs.json"), lvm.lvs());
    write(data.resolve("vgs.json"), lvm.vgs());
    script("lvs", "exec cat " + quote(data.resolve("lvs.json")) + "\n");
    script("vgs", "exec cat " + quote(data.resolve("vgs.json")) + "\n");
  }

  private void script(String name, String body) throws IOException {
    Path file = dir.resolve("bin").resolve(name);
    write(
        file,
        "#!/bin/sh\n# storage-agent bench reference node: stand-in for "
            + name
            + ", prints pre-written output.\n"
            + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Single-quoted for sh and YAML alike (the paths never hold a quote). */
  private static String quote(Object value) {
    String s = value.toString();
    if (s.contains("'")) {
      throw new IllegalArgumentException("path with a quote: " + s);
    }
    return "'" + s + "'";
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  /** Write, then rename: readers never see a half-written file. */
  static void atomically(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public static void main(String[] args) throws Exception {
    String shapeName = "reference";
    Path dir = null;
    boolean serve = false;
    String pbsUrl = null;
    String fingerprint = null;
    String intervals = null;
    for (String a : args) {
      if (a.startsWith("--shape=")) {
        shapeName = a.substring("--shape=".length());
      } else if (a.startsWith("--dir=")) {
        dir = Path.of(a.substring("--dir=".length()));
      } else if (a.equals("--serve")) {
        serve = true;
      } else if (a.startsWith("--pbs-url=")) {
        pbsUrl = a.substring("--pbs-url=".length());
      } else if (a.startsWith("--pbs-fingerprint=")) {
        fingerprint = a.substring("--pbs-fingerprint=".length());
      } else if (a.startsWith("--intervals=")) {
        intervals = a.substring("--intervals=".length());
      } else {
        usage(System.err, "unknown argument: " + a);
        System.exit(2);
      }
    }
    if (dir == null) {
      usage(System.err, "--dir is required");
      System.exit(2);
    }
    Shape shape;
    try {
      shape = Shape.of(shapeName);
    } catch (IllegalArgumentException e) {
      usage(System.err, e.getMessage());
      System.exit(2);
      return;
    }
    Instant now = Instant.now();
    Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve("ready"));
    ReferenceNode node = create(shape, dir, now);
    if (intervals != null) {
      try {
        node.intervals(intervals);
      } catch (IllegalArgumentException e) {
        usage(System.err, e.getMessage());
        System.exit(2);
      }
    }
    if (!serve) {
      if ((pbsUrl == null) != (fingerprint == null)) {
        usage(System.err, "--pbs-url and --pbs-fingerprint go together");
        System.exit(2);
      }
      node.writeConfig(pbsUrl, fingerprint);
      atomically(node.dir().resolve("ready"), "");
      System.out.println("reference node (" + shape.name() + ") written to " + node.dir());
      return;
    }
    PbsSimulator pbs = node.startPbs(now);
    node.warmUp(pbs, 20);
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "diskstats-ticker");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleAtFixedRate(
        () -> {
          try {
            node.tick();
          } catch (IOException | RuntimeException e) {
            System.err.println("reference node: cannot update diskstats: " + e);
          }
        },
        1,
        1,
        TimeUnit.SECONDS);
    atomically(node.dir().resolve("ready"), "");
    System.out.println(
        "reference node ("
            + shape.name()
            + ") serving under "
            + node.dir()
            + ", PBS simulator at "
            + pbs.url());
    System.out.flush();
    // Runs until whoever started us goes away: its end of our stdin closes. Meanwhile it may
    // switch the simulator's fault.
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      command(pbs, line.trim());
    }
    ticker.shutdownNow();
    pbs.close();
    System.exit(0);
  }

  /** One line from standard input: {@code pbs-fault NAME}. */
  private static void command(PbsSimulator pbs, String line) {
    String[] words = line.split("\\s+");
    if (words.length == 2 && words[0].equals("pbs-fault")) {
      try {
        PbsSimulator.Fault fault =
            PbsSimulator.Fault.valueOf(words[1].toUpperCase(Locale.ROOT).replace('-', '_'));
        pbs.fault(fault);
        System.out.println(Instant.now() + " PBS fault: " + fault);
        System.out.flush();
        return;
      } catch (IllegalArgumentException e) {
        // falls through to the complaint
      }
    }
    if (!line.isEmpty()) {
      System.err.println(
          "reference node: ignored '"
              + line
              + "' (want: pbs-fault NONE|UNAUTHORIZED|SERVER_ERROR|GARBAGE|SLOW|WRONG_CERTIFICATE)");
    }
  }

  private static void usage(PrintStream out, String problem) {
    out.println("reference node: " + problem);
    out.println(
        "usage: java -cp benchmarks.jar io.github.storageagent.bench.ReferenceNode"
            + " --shape=reference|scale --dir=DIR [--serve | --pbs-url=URL --pbs-fingerprint=FP]"
            + " [--intervals=smart=30s,lvm=15s,pve=15s,pbs=15s,pbs_snapshots=2m]");
  }
}
