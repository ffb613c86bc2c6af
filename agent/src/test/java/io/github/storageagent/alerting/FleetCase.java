package io.github.storageagent.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.demo.pbs.PbsScenario;
import io.github.storageagent.demo.pbs.PbsSimulator;
import io.github.storageagent.fleet.Fault;
import io.github.storageagent.fleet.FleetSimulator;
import io.github.storageagent.fleet.SimulatedNode;
import io.github.storageagent.it.AgentProcess;
import io.github.storageagent.it.WebhookReceiver;
import io.github.storageagent.smart.FakeSmartctlScript;
import io.github.storageagent.testing.Resources;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the fleet tests share, whichever engine evaluates the rules: a template captured from the
 * real agent on a healthy node, the simulator serving it on {@link #NODES} loopback addresses with
 * the default faults, and the alerts those faults must give.
 */
final class FleetCase {

  static final String TOKEN_ID = "monitor@pbs!fleet";
  static final String TOKEN_SECRET = "4c1f9a7e-2b8d-4e61-a3f0-9d5c7b2e8a14";
  static final int NODES = 24;
  static final Pattern COLLECTOR_SUCCESS =
      Pattern.compile("(?m)^storage_collector_success\\{([^}]*)} (\\S+)$");

  /** Alerts as "AlertName severity label=value ... instance=host:port". */
  record Expected(Set<String> firing, Set<String> delivered) {}

  private FleetCase() {}

  /** The alerts the default faults must give: firing (or pending) and delivered. */
  static Expected expected(List<SimulatedNode.Injected> injected) {
    assertThat(injected)
        .extracting(SimulatedNode.Injected::node, SimulatedNode.Injected::fault)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(7, Fault.DISK_FAILED),
            org.assertj.core.groups.Tuple.tuple(13, Fault.POOL_FILLING),
            org.assertj.core.groups.Tuple.tuple(21, Fault.BACKUP_FAILED));
    Set<String> firing = new TreeSet<>();
    Set<String> delivered = new TreeSet<>();
    for (SimulatedNode.Injected f : injected) {
      Map<String, String> l = f.labels();
      String on = " instance=" + f.target();
      switch (f.fault()) {
        case DISK_FAILED -> {
          firing.add("StorageSmartFailed critical serial=" + l.get("serial") + on);
          delivered.add("StorageSmartFailed critical serial=" + l.get("serial") + on);
        }
        case POOL_FILLING -> {
          String pool = " pool=" + l.get("pool") + " vg=" + l.get("vg");
          firing.add("StorageThinPoolDataFillingUp critical" + pool + on);
          delivered.add("StorageThinPoolDataFillingUp critical" + pool + on);
          // The example config's critical-inhibits-warning rule keeps this one from delivery.
          firing.add("StorageThinPoolDataFillingUp warning" + pool + on);
        }
        case BACKUP_FAILED -> {
          // No PVE guests on this node: the fault falls back to the PBS group's last task.
          assertThat(f.metric()).isEqualTo("storage_pbs_backup_last_task_success");
          String group =
              " backup_id=%s backup_type=%s datastore=%s target=%s"
                  .formatted(
                      l.get("backup_id"),
                      l.get("backup_type"),
                      l.get("datastore"),
                      l.get("target"));
          firing.add("StorageBackupTaskFailed warning" + group + on);
          delivered.add("StorageBackupTaskFailed warning" + group + on);
        }
      }
    }

    return new Expected(firing, delivered);
  }

  /** Every alert delivered to the webhook, described as in {@link Expected}. */
  static Set<String> delivered(WebhookReceiver sink) {
    Set<String> out = new TreeSet<>();
    for (WebhookReceiver.Received r : sink.received()) {
      out.add(
          AlertingEndToEndIT.describe(r.labels())
              + " instance="
              + r.labels().path("instance").asText());
    }
    return out;
  }

  /** The real agent on a healthy node, scraped once every collector has succeeded. */
  static Path healthyNodeExposition(Path dir) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    FakeSmartctlScript smartctl = new FakeSmartctlScript(bin);
    smartctl.deviceJson(
        "nvme0", "nvme", FaultyNode.smartResource("nvme-samsung-pm9a3-healthy.json"), 0);
    FaultyNode.fakeLvm(
        dir, bin, Resources.text("/lvm/lvs-pve8.json"), Resources.text("/lvm/vgs-pve8.json"));
    Path procfs = Files.createDirectories(dir.resolve("proc"));
    Files.writeString(procfs.resolve("diskstats"), FaultyNode.resource("diskstats-idle.txt"));
    try (PbsSimulator pbs = PbsSimulator.start(healthyPbs(Instant.now()), TOKEN_ID, TOKEN_SECRET);
        AgentProcess agent =
            AgentProcess.start(
                Map.of("PATH", bin + ":" + System.getenv("PATH")),
                "--config.file=" + FaultyNode.agentConfig(dir, pbs, TOKEN_ID, TOKEN_SECRET),
                "--path.procfs=" + procfs,
                "--path.sysfs=" + dir.resolve("sys"))) {
      String text =
          agent
              .scrapeUntil(
                  "every collector successful, PBS groups listed",
                  e -> allCollectorsGood(e.text(), Set.of("disk", "smart", "lvm", "pbs")),
                  Duration.ofSeconds(60))
              .text();
      return Files.writeString(dir.resolve("template.prom"), text);
    }
  }

  static boolean allCollectorsGood(String text, Set<String> required) {
    Set<String> good = new HashSet<>();
    Matcher m = COLLECTOR_SUCCESS.matcher(text);
    while (m.find()) {
      Matcher c = Pattern.compile("collector=\"([^\"]*)\"").matcher(m.group(1));
      if (!c.find()) {
        continue;
      }
      if (Double.parseDouble(m.group(2)) != 1) {
        return false;
      }
      good.add(c.group(1));
    }
    return good.containsAll(required)
        && text.contains("storage_pbs_backup_last_task_success{")
        && text.contains("storage_lvm_thinpool_data_used_ratio{");
  }

  /** The simulator on {@link #NODES} loopback addresses from 127.0.3.1, all on one free port. */
  static FleetSimulator startFleet(Path template) throws Exception {
    BindException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      try {
        return FleetSimulator.start(
            new FleetSimulator.Config(
                template.toString(),
                NODES,
                "127.0.3.1",
                port,
                Fault.parseSet(Fault.DEFAULT_SET),
                1));
      } catch (BindException e) {
        last = e;
      }
    }
    throw last;
  }

  /** One datastore with three groups backed up two hours ago and a garbage collection that ran. */
  static PbsScenario healthyPbs(Instant now) {
    long t = now.getEpochSecond();
    long day = Duration.ofDays(1).toSeconds();
    long gib = 1024L * 1024 * 1024;
    List<PbsScenario.Group> groups =
        List.of(
            new PbsScenario.Group("", "vm", "100", "web01", 14, t - 7200, day, "ok", "ok", false),
            new PbsScenario.Group("", "vm", "101", "db01", 14, t - 7200, day, "ok", "ok", false),
            new PbsScenario.Group("", "ct", "100", "dns", 14, t - 7200, day, "ok", "ok", false));
    PbsScenario.Gc gc =
        new PbsScenario.Gc(900 * gib, 300 * gib, 2 * gib, "OK", t - 3600, t + day, "daily");
    PbsScenario.Store main =
        new PbsScenario.Store(
            "main", 4000 * gib, 1600 * gib, 0L, null, true, gc, List.of(), groups);
    return new PbsScenario(List.of(main), List.of());
  }
}
