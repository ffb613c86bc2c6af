package io.github.storageagent.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.storageagent.it.ShippedRules;
import io.github.storageagent.it.VictoriaMetricsProcess;
import io.github.storageagent.it.VmalertProcess;
import io.github.storageagent.it.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped rules where MetricsQL differs from PromQL, on Debian's VictoriaMetrics and vmalert.
 */
class VmalertRulesIT {

  static final Path ROOT =
      Path.of(System.getProperty("storage.project.root", "..")).toAbsolutePath().normalize();

  @TempDir Path dir;

  /**
   * MetricsQL's increase() counts a young series' small first sample from 0, and the media error
   * series per serial is recorded by vmalert itself, so it is young whenever vmalert starts: a
   * drive with a few old media errors must still not fire, a drive whose count moves must.
   */
  @Test
  void nvmeMediaErrorsFireOnARisingCountAndNotOnOldErrors() throws Exception {
    List<Path> rules = ShippedRules.shortened(ROOT, dir.resolve("rules"), "1s");
    AtomicBoolean feeding = new AtomicBoolean(true);
    try (VictoriaMetricsProcess vm = VictoriaMetricsProcess.start();
        WebhookReceiver notifier = new WebhookReceiver();
        VmalertProcess vmalert = VmalertProcess.start(rules, vm, notifier.url())) {
      Thread feeder =
          new Thread(
              () -> {
                long start = System.currentTimeMillis();
                while (feeding.get()) {
                  long now = System.currentTimeMillis();
                  long rising = 20 + (now - start) / 3000;
                  try {
                    vm.importText(
                        "storage_nvme_media_errors_total{instance=\"pve1:9958\",job=\"storage-agent\","
                            + "device=\"nvme0n1\",serial=\"OLD3\"} 3 "
                            + now
                            + "\nstorage_nvme_media_errors_total{instance=\"pve1:9958\","
                            + "job=\"storage-agent\",device=\"nvme1n1\",serial=\"RISING\"} "
                            + rising
                            + " "
                            + now
                            + "\n");
                    Thread.sleep(1000);
                  } catch (Exception e) {
                    return;
                  }
                }
              });
      feeder.start();
      try {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Set<String> firing = mediaErrorAlerts(vmalert, "firing");
        while (!firing.contains("RISING")) {
          if (System.nanoTime() > deadline) {
            fail("StorageNvmeMediaErrors never fired for RISING; alerts: " + vmalert.alerts());
          }
          Thread.sleep(500);
          firing = mediaErrorAlerts(vmalert, "firing");
        }
        // A few more evaluations: the drive with old errors stays quiet, pending or firing.
        for (int i = 0; i < 5; i++) {
          assertThat(mediaErrorAlerts(vmalert, null)).as(vmalert.logs()).containsExactly("RISING");
          Thread.sleep(1000);
        }
      } finally {
        feeding.set(false);
        feeder.join();
      }
    }
  }

  private static Set<String> mediaErrorAlerts(VmalertProcess vmalert, String state)
      throws Exception {
    Set<String> serials = new TreeSet<>();
    for (JsonNode a : vmalert.alerts()) {
      if ("StorageNvmeMediaErrors".equals(a.path("name").asText())
          && (state == null || state.equals(a.path("state").asText()))) {
        serials.add(a.path("labels").path("serial").asText());
      }
    }
    return serials;
  }
}
