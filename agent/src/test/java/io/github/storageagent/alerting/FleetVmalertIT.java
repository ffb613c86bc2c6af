package io.github.storageagent.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.storageagent.demo.pbs.PbsScenario;
import io.github.storageagent.demo.pbs.PbsSimulator;
import io.github.storageagent.fleet.Fault;
import io.github.storageagent.fleet.FleetSimulator;
import io.github.storageagent.fleet.SimulatedNode;
import io.github.storageagent.it.AgentProcess;
import io.github.storageagent.it.AlertmanagerProcess;
import io.github.storageagent.it.ShippedRules;
import io.github.storageagent.it.VictoriaMetricsProcess;
import io.github.storageagent.it.VmagentProcess;
import io.github.storageagent.it.VmalertProcess;
import io.github.storageagent.it.WebhookReceiver;
import io.github.storageagent.smart.FakeSmartctlScript;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet simulator's faults through the path past one Prometheus: the agent jar reads a healthy
 * node, its exposition becomes the template of 24 simulated nodes, two vmagent members shard them
 * (membersCount 2) and remote-write to Debian's single-node VictoriaMetrics, vmalert evaluates the
 * shipped rules there, and Debian's Alertmanager with the example configuration delivers exactly
 * the faults' alerts, each on its node, and nothing else: the same alerts as one Prometheus.
 *
 * <p>Only the rules' {@code for:} durations are cut to seconds.
 */
class FleetVmalertIT {

  static final Path ROOT =
      Path.of(System.getProperty("storage.project.root", "..")).toAbsolutePath().normalize();
  static final String TOKEN_ID = "monitor@pbs!fleet";
  static final String TOKEN_SECRET = "4c1f9a7e-2b8d-4e61-a3f0-9d5c7b2e8a14";
  static final int NODES = 24;
  static final Pattern COLLECTOR_SUCCESS =
      Pattern.compile("(?m)^storage_collector_success\\{([^}]*)} (\\S+)$");

  @TempDir Path dir;

  @Test
  void eachInjectedFaultGivesExactlyItsAlertsOnItsNodeThroughVmalert() throws Exception {
    Path template = healthyNodeExposition();

    try (FleetSimulator fleet = startFleet(template);
        VictoriaMetricsProcess vm = VictoriaMetricsProcess.start();
        VmagentProcess member0 =
            VmagentProcess.start("storage-agent", fleet.targets(), 2, 0, vm.writeUrl());
        VmagentProcess member1 =
            VmagentProcess.start("storage-agent", fleet.targets(), 2, 1, vm.writeUrl());
        WebhookReceiver sink = new WebhookReceiver();
        AlertmanagerProcess alertmanager =
            AlertmanagerProcess.start(ROOT.resolve("rules/alertmanager.example.yml"), sink);
        VmalertProcess vmalert =
            VmalertProcess.start(
                ShippedRules.shortened(ROOT, dir.resolve("rules"), "2s"),
                vm,
                "http://" + alertmanager.address())) {

      List<SimulatedNode.Injected> injected = fleet.injected();
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

      // The members split the fleet: each scrapes a part, together all of it, none twice.
      List<String> scraped = new java.util.ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (scraped.size() < NODES && System.nanoTime() < deadline) {
        Thread.sleep(500);
        scraped = new java.util.ArrayList<>(member0.activeTargets());
        scraped.addAll(member1.activeTargets());
      }
      assertThat(scraped).containsExactlyInAnyOrderElementsOf(fleet.targets());
      assertThat(member0.activeTargets()).isNotEmpty().hasSizeLessThan(NODES);
      vm.awaitQuery(
          "count(up{job=\"storage-agent\"} == 1)",
          r -> r.path("result").path(0).path("value").path(1).asText().equals("" + NODES),
          Duration.ofSeconds(60));

      deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
      while (!(alerts(vmalert, true).containsAll(firing) && delivered(sink).containsAll(delivered))
          && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }
      // A little longer, so that anything unexpected would have fired and arrived too.
      Thread.sleep(10_000);

      assertThat(alerts(vmalert, true)).as("alerts firing in vmalert").isEqualTo(firing);
      assertThat(alerts(vmalert, false))
          .as("alerts firing or pending in vmalert")
          .isEqualTo(firing);
      assertThat(delivered(sink)).as("alerts delivered to the webhook").isEqualTo(delivered);
    }
  }

  /** The real agent on a healthy node, scraped once every collector has succeeded. */
  private Path healthyNodeExposition() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    FakeSmartctlScript smartctl = new FakeSmartctlScript(bin);
    smartctl.deviceJson("nvme0", "nvme", smartResource("nvme-samsung-pm9a3-healthy.json"), 0);
    Files.writeString(dir.resolve("lvs.json"), read("/lvm/lvs-pve8.json"));
    Files.writeString(dir.resolve("vgs.json"), read("/lvm/vgs-pve8.json"));
    executable(bin.resolve("lvs"), "#!/bin/sh\ncat " + dir.resolve("lvs.json") + "\n");
    executable(bin.resolve("vgs"), "#!/bin/sh\ncat " + dir.resolve("vgs.json") + "\n");
    Path procfs = Files.createDirectories(dir.resolve("proc"));
    Files.writeString(procfs.resolve("diskstats"), read("/alerting/diskstats-idle.txt"));
    try (PbsSimulator pbs = PbsSimulator.start(healthyPbs(Instant.now()), TOKEN_ID, TOKEN_SECRET);
        AgentProcess agent =
            AgentProcess.start(
                Map.of("PATH", bin + ":" + System.getenv("PATH")),
                "--config.file=" + agentConfig(pbs),
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

  /** The simulator on 24 loopback addresses from 127.0.4.1, all on one free port. */
  private static FleetSimulator startFleet(Path template) throws Exception {
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
                "127.0.4.1",
                port,
                Fault.parseSet(Fault.DEFAULT_SET),
                1));
      } catch (BindException e) {
        last = e;
      }
    }
    throw last;
  }

  private Path agentConfig(PbsSimulator pbs) throws IOException {
    Path token = dir.resolve("pbs1.token");
    Files.writeString(token, TOKEN_SECRET + "\n");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    return Files.writeString(
        dir.resolve("agent.yml"),
        """
        disk:
          histograms: false
        smart:
          interval: 2s
          timeout: 5s
        lvm:
          interval: 2s
          timeout: 5s
        backup:
          pve:
            enabled: false
          pbs:
            - name: pbs1
              url: %s
              token_id: "%s"
              token_secret_file: %s
              fingerprint: "%s"
              interval: 5s
              snapshot_interval: 5s
        """
            .formatted(pbs.url(), TOKEN_ID, token, pbs.fingerprint()));
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

  /** "AlertName severity label=value ... instance=host:port" for each of vmalert's alerts. */
  static Set<String> alerts(VmalertProcess vmalert, boolean firingOnly) throws Exception {
    Set<String> out = new TreeSet<>();
    for (JsonNode a : vmalert.alerts()) {
      if (firingOnly && !"firing".equals(a.path("state").asText())) {
        continue;
      }
      JsonNode labels = a.path("labels");
      out.add(
          AlertingEndToEndIT.describe(labels) + " instance=" + labels.path("instance").asText());
    }
    return out;
  }

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

  private static void executable(Path file, String content) throws IOException {
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static String smartResource(String name) throws IOException {
    return read("/smart/" + name);
  }

  private static String read(String path) throws IOException {
    try (InputStream in = FleetVmalertIT.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("missing test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
