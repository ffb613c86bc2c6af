package io.github.storageagent.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated Proxmox node: a procfs and a sysfs tree in a temporary folder that the agent's normal
 * collectors read as if they were the real ones. Only the paths the agent is given differ.
 */
public final class DemoNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DemoNode.class);

  private final Path root;
  private final DemoDiskStats diskStats;
  private final DemoSmart smart;
  private final ScheduledExecutorService ticker;
  private final DemoLvm lvm;
  private final DemoBackup backup;

  private DemoNode(Path root, List<DemoDisk> disks) throws IOException {
    this.root = root;
    this.backup = DemoBackup.start(root);
    this.diskStats = new DemoDiskStats(disks);
    this.smart = new DemoSmart(root);
    writeSysfs(disks);
    writeDiskstats();
    this.lvm = DemoLvm.create(root, Clock.systemUTC());
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "demo-node");
              t.setDaemon(true);
              return t;
            });
  }

  /** Builds the node's trees and starts advancing its counters every second. */
  public static DemoNode start() throws IOException {
    Path root = Files.createTempDirectory("storage-agent-demo-");
    DemoNode node = new DemoNode(root, disks());
    node.ticker.scheduleAtFixedRate(node::tick, 1, 1, TimeUnit.SECONDS);
    log.info("demo node running under {}", root);
    return node;
  }

  public Path procfs() {
    return root.resolve("proc");
  }

  public Path sysfs() {
    return root.resolve("sys");
  }

  /**
   * The demo's stand-in programs (smartctl, lvs, vgs), to be found before any on the PATH.
   * DemoSmart and DemoLvm write them into this one folder.
   */
  public Path binDir() {
    return root.resolve("bin");
  }

  /**
   * The demo's PBS, as a {@code backup.pbs} target would name it.
   *
   * @param name the target name
   * @param url its {@code https://127.0.0.1:PORT}
   * @param tokenId the API token id it accepts
   * @param tokenSecretFile a file (mode 0600) holding the token's secret
   * @param fingerprint the SHA-256 fingerprint of its certificate
   */
  public record Pbs(
      String name, String url, String tokenId, Path tokenSecretFile, String fingerprint) {}

  public Pbs pbs() {
    return backup.pbs();
  }

  /** The demo's Proxmox VE tree: {@code jobs/}, {@code tasks/} and {@code jobs.cfg} below it. */
  public Path pveRoot() {
    return backup.pveRoot();
  }

  private void tick() {
    try {
      diskStats.tick();
      writeDiskstats();
      smart.tick();
    } catch (IOException | UncheckedIOException e) {
      log.warn("demo node could not update its files: {}", e.getMessage());
    }
    try {
      lvm.refresh();
    } catch (IOException | UncheckedIOException e) {
      log.warn("demo node could not write its lvm reports: {}", e.getMessage());
    }
  }

  private void writeDiskstats() throws IOException {
    Files.createDirectories(procfs());
    Path tmp = procfs().resolve("diskstats.tmp");
    Files.writeString(tmp, diskStats.render(), StandardCharsets.UTF_8);
    Files.move(
        tmp,
        procfs().resolve("diskstats"),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * World wide names as the kernel shows them in wwid: NVMe namespaces by EUI-64, SATA disks by NAA
   * name; the same values the demo's smartctl JSON carries.
   */
  private static final Map<String, String> WWIDS =
      Map.of(
          "nvme0n1", "eui.0025383a2b1c214d",
          "nvme1n1", "eui.00a0753a2b1c2044",
          "nvme2n1", "eui.5cd2e43a2b1c8d86",
          "sda", "naa.5000c500d79a600a",
          "sdb", "naa.5000ccad8e76be5d");

  private static final Pattern NVME_NAMESPACE = Pattern.compile("(nvme\\d+)n\\d+");

  private void writeSysfs(List<DemoDisk> disks) throws IOException {
    for (DemoDisk d : disks) {
      Path block = sysfs().resolve("block").resolve(d.name());
      Files.createDirectories(block);
      Matcher ns = NVME_NAMESPACE.matcher(d.name());
      if (ns.matches() && !d.model().isEmpty()) {
        // The controller in class/nvme, with its namespaces as subfolders: the SMART collector
        // finds an NVMe controller's block device and identity there.
        Path controller = sysfs().resolve("class/nvme").resolve(ns.group(1));
        Files.createDirectories(controller.resolve(d.name()));
        write(controller.resolve("model"), d.model() + "\n");
        write(controller.resolve("serial"), d.serial() + "\n");
        write(block.resolve("wwid"), WWIDS.get(d.name()) + "\n");
      } else if (!d.model().isEmpty() && WWIDS.containsKey(d.name())) {
        write(block.resolve("device/vendor"), "ATA     \n");
        write(block.resolve("device/wwid"), WWIDS.get(d.name()) + "\n");
      }
      if (!d.model().isEmpty()) {
        write(block.resolve("device/model"), d.model() + "\n");
        write(block.resolve("device/serial"), d.serial() + "\n");
      }
      if (!d.dmName().isEmpty()) {
        write(block.resolve("dm/name"), d.dmName() + "\n");
        write(block.resolve("dm/uuid"), "LVM-demo" + d.minor() + "\n");
      }
    }
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  /**
   * Three NVMe drives (two carrying an LVM-thin pool with guest disks), two SATA HDDs (one spun
   * down), and noise to filter. Hardware devices match the demo's SMART devices by block_device.
   */
  static List<DemoDisk> disks() {
    List<DemoDisk> d = new ArrayList<>();
    d.add(
        DemoDisk.hardware(
            "nvme0n1",
            259,
            0,
            1800,
            900,
            0.09,
            0.03,
            "SAMSUNG MZQL23T8HCLS-00A07",
            "S64HNE0T512345",
            0));
    d.add(DemoDisk.hardware("nvme0n1p1", 259, 1, 0.1, 0, 0.1, 0.1, "", "", 0));
    d.add(DemoDisk.hardware("nvme0n1p2", 259, 2, 1, 1, 0.1, 0.05, "", "", 0));
    d.add(DemoDisk.hardware("nvme0n1p3", 259, 3, 1800, 900, 0.09, 0.03, "", "", 0));
    d.add(
        DemoDisk.hardware(
            "nvme1n1",
            259,
            4,
            1200,
            1400,
            0.11,
            0.04,
            "Micron_7450_MTFDKCC3T8TFR",
            "22293B8F1A2C",
            97));
    d.add(
        DemoDisk.hardware(
            "nvme2n1",
            259,
            5,
            400,
            250,
            0.1,
            0.03,
            "INTEL SSDPE2KX040T8",
            "PHLJ9160012Y4P0DGN",
            0));
    d.add(DemoDisk.hardware("sda", 8, 0, 60, 25, 8.5, 4.2, "ST8000NM017B-2TJ103", "WWZ4N2QX", 0));
    d.add(DemoDisk.hardware("sda1", 8, 1, 60, 25, 8.5, 4.2, "", "", 0));
    // A backup disk that spun down: no IO, and SMART must not wake it.
    d.add(DemoDisk.hardware("sdb", 8, 16, 0, 0, 0, 0, "WDC WD80EFZZ-68BTXN0", "WD-CA1B2C3D", 0));
    d.add(DemoDisk.hardware("loop0", 7, 0, 0, 0, 0, 0, "", "", 0));
    d.add(DemoDisk.mapper(0, "pve-swap", 0.2, 0.2, 0.2, 0.1, 0));
    d.add(DemoDisk.mapper(1, "pve-root", 40, 60, 0.12, 0.05, 0));
    d.add(DemoDisk.mapper(2, "pve-data_tmeta", 20, 30, 0.1, 0.04, 0));
    d.add(DemoDisk.mapper(3, "pve-data_tdata", 1700, 800, 0.1, 0.04, 0));
    d.add(DemoDisk.mapper(4, "pve-data-tpool", 1700, 800, 0.11, 0.04, 0));
    d.add(DemoDisk.mapper(5, "pve-data", 0, 0, 0, 0, 0));
    d.add(DemoDisk.mapper(6, "pve-vm--100--disk--0", 900, 300, 0.12, 0.05, 0));
    d.add(DemoDisk.mapper(7, "pve-vm--101--disk--0", 400, 350, 0.13, 0.05, 0));
    d.add(DemoDisk.mapper(8, "pve-vm--102--disk--1", 250, 120, 0.12, 0.06, 61));
    d.add(DemoDisk.mapper(9, "pve-base--9000--disk--0", 5, 0, 0.1, 0.1, 0));
    d.add(DemoDisk.mapper(10, "pve-vm--100--state--before_upgrade", 0.5, 0, 0.1, 0.1, 0));
    d.add(DemoDisk.mapper(11, "fast-vm--201--disk--0", 1100, 1300, 0.13, 0.05, 0));
    return d;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    backup.close();
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      log.debug("demo node could not remove {}: {}", root, e.getMessage());
    }
  }
}
