package io.github.storageagent.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.storageagent.it.AlertmanagerProcess;
import io.github.storageagent.it.PrometheusProcess;
import io.github.storageagent.it.ShippedRules;
import io.github.storageagent.it.Tools;
import io.github.storageagent.it.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole kit on a real Debian 13 node: the lab VM (kernel 6.12, systemd 257, lvm2, smartctl 7.4,
 * OpenJDK 21) gets the agent from the project's Ansible role and {@code .deb}; Debian's Prometheus
 * on this host scrapes it with the shipped rules, Debian's Alertmanager routes with the example
 * configuration to a webhook, and faults are made for real: an NVMe critical warning set in QEMU, a
 * reboot that hands the guest its NVMe drives in the other order, a thin pool written until it is
 * out of data space.
 *
 * <p>Only the rules' {@code for:} durations are cut, from minutes to as many seconds, so that
 * alerts keep their order in time (the inhibitions rely on it). The scenarios build on each other
 * and run in order; {@code agent/target/lab-it/} keeps the report, the scrapes and the journal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabNodeIT {

  static final Path ROOT =
      Path.of(System.getProperty("storage.project.root", "..")).toAbsolutePath().normalize();
  static final String INSTANCE = "labnode";
  static final Set<String> SERIALS = Set.of("LABNVME0", "LABNVME1", "LABSATA0");
  static final Duration COLLECTED = Duration.ofMinutes(3);

  /** Alert labels that say what an alert is about, in the order {@link #describe} writes them. */
  static final List<String> IDENTIFYING =
      List.of("serial", "device", "flag", "vg", "pool", "state", "collector");

  LabNode node;
  WebhookReceiver sink;
  AlertmanagerProcess alertmanager;
  PrometheusProcess prometheus;
  Path work;
  long scenariosStart;

  @BeforeAll
  void bootRollOutAndWatch() throws Exception {
    for (String[] tool :
        new String[][] {
          {"qemu-system-x86_64", "qemu-system-x86"},
          {"qemu-img", "qemu-utils"},
          {"debootstrap", "debootstrap"},
          {"ssh", "openssh-client"},
          {"python3", "python3"},
          {"ansible-playbook", "ansible"},
          {"promtool", "prometheus"}
        }) {
      Tools.require(tool[0], tool[1] + " (or run lab/host-packages)");
    }
    work = Files.createDirectories(ROOT.resolve("agent/target/lab-it"));
    Path runDir = Files.createDirectories(work.resolve("run"));
    try (var old = Files.newDirectoryStream(runDir, "*.log")) {
      for (Path log : old) {
        Files.delete(log);
      }
    }
    Files.deleteIfExists(work.resolve("report.txt"));
    node = new LabNode(ROOT, runDir);
    node.stop(); // a node left over from an interrupted run
    long t0 = System.nanoTime();
    if (node.boot().contains("panicked")) {
      report("first boot: the guest kernel panicked under emulation, booted again");
    }
    report("boot (image build if its inputs changed, boot to SSH): %d s", since(t0));

    // The role with the SMART and LVM intervals cut (the defaults are minutes), the admin's way
    // to set them. The disk collector reads every 5 s instead of every second: under TCG the
    // guest runs many times slower than hardware, and while its JVM warms up a 1 s round misses
    // its 1 s deadline.
    t0 = System.nanoTime();
    LabNode.Result rollout =
        node.rollout(
            "-e",
            "{\"storage_agent_smart\":{\"interval\":\"10s\"},"
                + "\"storage_agent_lvm\":{\"interval\":\"5s\"},"
                + "\"storage_agent_disk\":{\"interval\":\"5s\"}}");
    assertThat(rollout.ok())
        .as(
            "lab/rollout (two playbook runs, the second changed=0, and its checks):\n%s",
            rollout.output())
        .isTrue();
    assertThat(rollout.output()).contains("rollout: all").doesNotContain("FAIL ");
    report("rollout (playbook twice, the second changed=0, 25 checks): %d s", since(t0));
    scenariosStart = Long.parseLong(node.sshOk("date +%s").strip());

    sink = new WebhookReceiver();
    alertmanager = AlertmanagerProcess.start(ROOT.resolve("rules/alertmanager.example.yml"), sink);
    // One instance label for the node whatever host port forwards to it: a reboot keeps the
    // target, and the alerts' identity does not depend on the port.
    prometheus =
        PrometheusProcess.start(
            PrometheusProcess.Options.scraping("127.0.0.1:" + node.env("AGENT_PORT"))
                .withRuleFiles(ShippedRules.scaled(ROOT, work.resolve("rules"), 60))
                .withAlertmanager(alertmanager.address())
                .withJobSettings(
                    """
                        scrape_interval: 3s
                        scrape_timeout: 3s
                        relabel_configs:
                          - target_label: instance
                            replacement: labnode
                    """));
  }

  @AfterAll
  void stopEverything() throws Exception {
    try (LabNode n = node;
        PrometheusProcess p = prometheus;
        AlertmanagerProcess a = alertmanager;
        WebhookReceiver s = sink) {
      if (n != null) {
        Files.writeString(
            work.resolve("agent-journal.txt"),
            n.ssh("journalctl -u storage-agent --no-pager -o short-iso", Duration.ofSeconds(30))
                .output());
      }
    }
  }

  @Test
  @Order(1)
  void healthyNodeIsCollectedCompletelyAndNothingFires() throws Exception {
    prometheus.awaitQuery(
        "storage_collector_success{instance=\"labnode\"} == 1",
        r -> labels(r, "collector").containsAll(Set.of("disk", "smart", "lvm", "pve_backup")),
        COLLECTED);

    JsonNode info = prometheus.query("storage_smart_device_info");
    assertThat(labels(info, "serial")).containsAll(SERIALS);
    JsonNode healthy = prometheus.query("storage_smart_healthy == 1");
    assertThat(labels(healthy, "serial")).as("healthy drives").containsAll(SERIALS);

    JsonNode pools = prometheus.query("storage_lvm_thinpool_health{state=\"ok\"} == 1");
    assertThat(labels(pools, "pool")).containsExactlyInAnyOrder("nvmethin01", "nvmethin02");
    JsonNode volumes = prometheus.query("storage_lvm_thin_volume_size_bytes");
    assertThat(pairs(volumes, "lv", "vmid"))
        .containsExactlyInAnyOrder(
            "vm-100-disk-0/100", "vm-101-disk-0/101", "base-9000-disk-0/9000");
    JsonNode dm = prometheus.query("storage_disk_info{lv!=\"\"}");
    assertThat(pairs(dm, "lv", "device"))
        .as("dm devices named by their LVs")
        .anySatisfy(p -> assertThat(p).matches("vm-100-disk-0/dm-\\d+"))
        .anySatisfy(p -> assertThat(p).matches("nvmethin01/dm-\\d+"));

    Path scrape = work.resolve("healthy-metrics.txt");
    Files.writeString(scrape, agentMetrics());
    Process lint =
        new ProcessBuilder("promtool", "check", "metrics")
            .redirectInput(scrape.toFile())
            .redirectErrorStream(true)
            .start();
    String lintOutput = new String(lint.getInputStream().readAllBytes());
    assertThat(lint.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(lint.exitValue()).as("promtool check metrics: %s", lintOutput).isZero();
    assertThat(lintOutput).isBlank();

    // Anything wrong would be pending by now (rules are evaluated every second) and, its for:
    // being seconds, fire within the wait; Alertmanager's shortened group_wait delivers it.
    Thread.sleep(30_000);
    assertThat(withoutEmulationLatency(describeAll(prometheus.query("ALERTS"))))
        .as("alerts pending or firing on a healthy node")
        .isEmpty();
    assertThat(withoutEmulationLatency(delivered("firing")))
        .as("notifications from a healthy node")
        .isEmpty();
  }

  @Test
  @Order(2)
  void nvmeCriticalWarningAlertsForThatDriveBySerial() throws Exception {
    node.nvmeCriticalWarning("nvme0", 4);
    awaitDelivered(expectedWarningAlerts(), "firing");
    Thread.sleep(10_000);
    assertThat(withoutEmulationLatency(delivered("firing")))
        .as("delivered")
        .isEqualTo(expectedWarningAlerts());
  }

  /**
   * The drive with the warning keeps it through a reboot in which the guest kernel names the two
   * NVMe drives the other way round: the alert after the reboot is the same alert (same labels),
   * and nothing ever fires for the other drive.
   */
  @Test
  @Order(3)
  void rebootWithSwappedNvmeNamesFollowsEachDriveBySerial() throws Exception {
    Map<String, String> before = nvmeDevicesBySerial();
    Set<String> firingBefore = firing();
    assertThat(firingBefore).containsAll(expectedWarningAlerts());
    long start = System.currentTimeMillis();

    // The guest's NVMe numbering is not stable from boot to boot even in one order; reboot with
    // the other order until a renaming is seen.
    Map<String, String> after = before;
    boolean swap = true;
    for (int attempt = 0; attempt < 3 && after.equals(before); attempt++, swap = !swap) {
      node.stop();
      String booted = swap ? node.boot("--reuse", "--swap-nvme") : node.boot("--reuse");
      if (booted.contains("panicked")) {
        report("reboot %d: the guest kernel panicked under emulation, booted again", attempt + 1);
      }
      // A new QEMU: the warning is device state, set again as the drive would still report it.
      node.nvmeCriticalWarning("nvme0", 4);
      // SSH answers once the node is up, long after the agent's last scrape failed and its
      // series went stale: what arrives now is the rebooted node's.
      prometheus.awaitQuery(
          "up{instance=\"labnode\"} == 1", r -> r.path("result").size() == 1, COLLECTED);
      after = awaitNvmeDevicesBySerial();
    }
    assertThat(after)
        .as("the kernel names of LABNVME0/1 before %s and after the reboots", before)
        .isNotEqualTo(before);
    report("NVMe kernel names before the reboot %s, after %s", before, after);

    prometheus.awaitQuery(
        "ALERTS{alertstate=\"firing\"}",
        r -> describeAll(r).containsAll(expectedWarningAlerts()),
        Duration.ofMinutes(2));
    Set<String> everFiring = new TreeSet<>();
    JsonNode history =
        prometheus.queryRange(
            "ALERTS",
            Duration.ofMillis(System.currentTimeMillis() - start + 5_000),
            Duration.ofSeconds(1));
    for (JsonNode series : history.path("result")) {
      everFiring.add(describe(series.path("metric")));
    }
    // The agent is down while the node reboots, then starts its collectors again: with every
    // for: cut to seconds, "down" and "not yet run since the start" (the SMART round after a boot
    // takes longer than the 5 s that StorageCollectorFailing's 5 m became) are expected.
    everFiring.removeIf(
        a -> a.startsWith("StorageAgentDown ") || a.startsWith("StorageCollectorFailing "));
    assertThat(withoutEmulationLatency(everFiring))
        .as("alerts pending or firing across the reboot")
        .isEqualTo(expectedWarningAlerts());
  }

  @Test
  @Order(4)
  void clearedWarningResolves() throws Exception {
    node.nvmeCriticalWarning("nvme0", 0);
    awaitDelivered(expectedWarningAlerts(), "resolved");
    prometheus.awaitQuery(
        "ALERTS{alertstate=\"firing\",alertname!=\"StorageAgentDown\"}",
        r -> withoutEmulationLatency(describeAll(r)).isEmpty(),
        Duration.ofMinutes(1));
  }

  @Test
  @Order(5)
  void poolOutOfDataPagesForThatPoolOnlyAndInhibitsItsForecasts() throws Exception {
    sink.clear();
    LabNode.Result dd =
        node.ssh(
            "dd if=/dev/zero of=/dev/nvmevg01/vm-100-disk-0 bs=1M oflag=direct status=none",
            Duration.ofMinutes(5));
    assertThat(dd.ok()).as("dd into a 1 GiB volume of an 800 MiB pool: %s", dd.output()).isFalse();
    assertThat(dd.output()).contains("No space left on device");

    Set<String> paged =
        Set.of("StorageThinPoolUnhealthy critical vg=nvmevg01 pool=nvmethin01 state=out_of_data");
    awaitDelivered(paged, "firing");
    // Prometheus fires the full-pool warnings too; the example config's inhibition holds them
    // back while the pool is out of data space.
    prometheus.awaitQuery(
        "ALERTS{alertstate=\"firing\",alertname=\"StorageThinPoolDataAlmostFull\"}",
        r ->
            r.path("result").size() == 2
                && describeAll(r).stream().allMatch(a -> a.contains("pool=nvmethin01")),
        Duration.ofMinutes(1));
    Thread.sleep(10_000);
    List<String> heldBack = new ArrayList<>();
    for (JsonNode alert : alertmanager.alerts()) {
      String name = alert.path("labels").path("alertname").asText();
      if (name.matches("StorageThinPool(Data|Metadata)(FillingUp|AlmostFull)")) {
        assertThat(alert.path("labels").path("pool").asText()).isEqualTo("nvmethin01");
        assertThat(alert.path("status").path("state").asText())
            .as("%s in Alertmanager", describe(alert.path("labels")))
            .isEqualTo("suppressed");
        assertThat(alert.path("status").path("inhibitedBy")).isNotEmpty();
        heldBack.add(describe(alert.path("labels")));
      }
    }
    assertThat(heldBack).anyMatch(a -> a.startsWith("StorageThinPoolDataAlmostFull critical"));
    report("pool out of data: paged %s; held back %s", paged, heldBack);

    // Once the page is out nothing more about the pool is sent (a forecast that fired while dd
    // was still writing may have gone out before it).
    List<WebhookReceiver.Received> received = sink.received();
    int page = 0;
    while (!describe(received.get(page).labels()).equals(paged.iterator().next())) {
      page++;
    }
    Set<String> afterPage = new TreeSet<>();
    for (WebhookReceiver.Received r : received.subList(page + 1, received.size())) {
      if (r.status().equals("firing")) {
        afterPage.add(describe(r.labels()));
      }
    }
    assertThat(withoutEmulationLatency(afterPage))
        .as("firing notifications after the page")
        .isSubsetOf(paged);
    assertThat(withoutEmulationLatency(delivered("firing")))
        .as("delivered")
        .allMatch(a -> a.contains("pool=nvmethin01"));
    assertThat(describeAll(prometheus.query("ALERTS"))).noneMatch(a -> a.contains("nvmethin02"));
  }

  @Test
  @Order(6)
  void agentSurvivedEverythingWithoutRestartOrUnexpectedWarnings() throws Exception {
    assertThat(node.sshOk("systemctl show storage-agent -p NRestarts --value").strip())
        .isEqualTo("0");
    assertThat(node.sshOk("systemctl is-active storage-agent").strip()).isEqualTo("active");
    // From the end of the rollout on: before it, the package's first start ran the defaults,
    // whose 1 s disk deadline TCG misses while the JVM warms up.
    String journal =
        node.sshOk("journalctl -u storage-agent --no-pager -o cat --since @" + scenariosStart);
    List<String> unexpected = new ArrayList<>();
    for (String line : journal.split("\n")) {
      if (WARNING_OR_WORSE.matcher(line).find()
          && EXPECTED_FAULT_LINES.stream().noneMatch(p -> p.matcher(line).find())) {
        unexpected.add(line);
      }
    }
    assertThat(unexpected)
        .as("warning lines in the agent's journal since the rollout, both boots")
        .isEmpty();
    assertThat(
            prometheus.query("storage_collector_success{instance=\"labnode\"} == 0").path("result"))
        .as("collectors failing at the end")
        .isEmpty();
  }

  static final Pattern WARNING_OR_WORSE = Pattern.compile("\\blevel=(warn|warning|error)\\b");
  static final List<Pattern> EXPECTED_FAULT_LINES = List.of();

  // --- helpers ---

  private void report(String format, Object... args) throws Exception {
    String line = String.format(format, args);
    System.out.println("lab: " + line);
    Files.writeString(
        work.resolve("report.txt"),
        line + "\n",
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }

  private static long since(long nanoTime) {
    return Duration.ofNanos(System.nanoTime() - nanoTime).toSeconds();
  }

  /** The alerts the NVMe warning gives: QEMU then also reports the overall status as failed. */
  static Set<String> expectedWarningAlerts() {
    return Set.of(
        "StorageNvmeCriticalWarning critical serial=LABNVME0 flag=reliability",
        "StorageSmartFailed critical serial=LABNVME0");
  }

  private Map<String, String> nvmeDevicesBySerial() throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode s :
        prometheus.query("storage_smart_device_info{protocol=\"NVMe\"}").path("result")) {
      out.put(s.path("metric").path("serial").asText(), s.path("metric").path("device").asText());
    }
    return out;
  }

  private Map<String, String> awaitNvmeDevicesBySerial() throws Exception {
    prometheus.awaitQuery(
        "storage_smart_device_info{protocol=\"NVMe\"}",
        r ->
            labels(r, "serial").containsAll(Set.of("LABNVME0", "LABNVME1"))
                && r.path("result").size() == 2,
        COLLECTED);
    return nvmeDevicesBySerial();
  }

  private String agentMetrics() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + node.env("AGENT_PORT") + "/metrics"))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  private void awaitDelivered(Set<String> expected, String status) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (!delivered(status).containsAll(expected)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "not delivered as "
                + status
                + " within 2 min: "
                + expected
                + "; delivered "
                + delivered(status)
                + "; Prometheus fires "
                + firing());
      }
      Thread.sleep(1000);
    }
  }

  private Set<String> delivered(String status) {
    Set<String> out = new TreeSet<>();
    for (WebhookReceiver.Received r : sink.received()) {
      if (r.status().equals(status)) {
        out.add(describe(r.labels()));
      }
    }
    return out;
  }

  private Set<String> firing() throws Exception {
    return describeAll(prometheus.query("ALERTS{alertstate=\"firing\"}"));
  }

  /**
   * Alerts as the scenarios count them: without StorageDiskLatencyHigh, which QEMU's emulated disks
   * under TCG earn for real (tens of milliseconds per I/O, above the NVMe threshold of 50 ms) once
   * its {@code for:} of 15 minutes is cut to seconds. It is reported, not asserted.
   */
  static Set<String> withoutEmulationLatency(Set<String> alerts) {
    Set<String> out = new TreeSet<>(alerts);
    out.removeIf(a -> a.startsWith("StorageDiskLatencyHigh "));
    return out;
  }

  static Set<String> describeAll(JsonNode result) {
    Set<String> out = new TreeSet<>();
    for (JsonNode series : result.path("result")) {
      out.add(describe(series.path("metric")));
    }
    return out;
  }

  /** "AlertName severity label=value ..." with the identifying labels an alert has. */
  static String describe(JsonNode labels) {
    StringBuilder sb =
        new StringBuilder(labels.path("alertname").asText())
            .append(' ')
            .append(labels.path("severity").asText());
    for (String l : IDENTIFYING) {
      if (labels.has(l)) {
        sb.append(' ').append(l).append('=').append(labels.path(l).asText());
      }
    }
    return sb.toString();
  }

  static Set<String> labels(JsonNode result, String label) {
    Set<String> out = new TreeSet<>();
    for (JsonNode s : result.path("result")) {
      out.add(s.path("metric").path(label).asText());
    }
    return out;
  }

  static List<String> pairs(JsonNode result, String a, String b) {
    List<String> out = new ArrayList<>();
    for (JsonNode s : result.path("result")) {
      out.add(s.path("metric").path(a).asText() + "/" + s.path("metric").path(b).asText());
    }
    return out;
  }
}
