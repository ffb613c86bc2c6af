package io.github.storageagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.github.storageagent.alerting.FaultyNode;
import io.github.storageagent.demo.pbs.PbsSimulator;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * The status page in a real browser (Debian's headless Chromium) against the real agent jar: the
 * demo node, a node with a failing NVMe, a pool out of data and a failed backup, and the page
 * behind basic auth. Each case leaves a screenshot under {@code target/status-page-screenshots}.
 */
class StatusPageIT {

  static final Path ROOT =
      Path.of(System.getProperty("storage.project.root", "..")).toAbsolutePath().normalize();
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void demoNodeShowsItsDrivesPoolsAndBackups() throws Exception {
    try (AgentProcess agent = AgentProcess.start(Map.of(), "--demo");
        Browser browser = Browser.start(1280, 900)) {
      browser.open("http://127.0.0.1:" + agent.port() + "/");

      assertThat(attributes(browser.findAll("tr[data-drive]"), "data-drive"))
          .containsExactly("nvme0", "nvme1", "nvme2", "sda", "sdb");
      // nvme1 is worn to 85 %: the wear rule's warning, in words and not by colour alone.
      WebElement nvme1 = browser.find("tr[data-drive=nvme1]");
      assertThat(nvme1.getAttribute("data-verdict")).isEqualTo("watch");
      assertThat(nvme1.getText()).contains("watch").contains("wear at 85 % of rated endurance");
      assertThat(browser.find("tr[data-drive=sda]").getText()).contains("pending sectors: 8");
      assertThat(browser.find("tr[data-drive=sdb]").getText()).contains("in standby, not woken");

      assertThat(attributes(browser.findAll("[data-pool]"), "data-pool"))
          .containsExactly("fast/fastpool", "pve/data");
      assertThat(browser.find("[data-pool='pve/data']").getText())
          .contains("data")
          .contains("metadata")
          .contains("forecast")
          .contains("biggest volumes");

      // vm/107's newest snapshot failed verification; vm/104's last backup task failed.
      assertThat(browser.find("tr[data-guest='vm/107']").getText())
          .contains("failing")
          .contains("newest snapshot failed verification");
      assertThat(browser.find("tr[data-guest='vm/104']").getText())
          .contains("last backup task failed");
      assertThat(browser.find("#datastores").getText()).contains("demo-pbs/main");
      assertThat(browser.find("#jobs").getText()).contains("last run failed");
      assertThat(attributes(browser.findAll("tr[data-collector]"), "data-collector"))
          .contains("disk", "smart", "lvm", "pbs/demo-pbs", "pve_backup");
      browser.screenshot("demo-node");

      // The page refreshes itself from the JSON API, relative to where it was loaded.
      Object refreshed =
          browser.asyncScript(
              "const done = arguments[arguments.length - 1];"
                  + "refresh().then(() => done(document.getElementById('refresh').textContent));");
      assertThat(refreshed).isEqualTo("");

      HttpResponse<byte[]> api = agent.get("/api/v1/status", Map.of());
      assertThat(api.statusCode()).isEqualTo(200);
      assertSchemaValid(JSON.readTree(api.body()));
    }
  }

  @Test
  void demoNodeOnAPhoneInDarkMode() throws Exception {
    try (AgentProcess agent = AgentProcess.start(Map.of(), "--demo");
        Browser browser = Browser.start(390, 844)) {
      browser.preferDark();
      browser.open("http://127.0.0.1:" + agent.port() + "/");
      assertThat(browser.script("return getComputedStyle(document.body).backgroundColor"))
          .isEqualTo("rgb(13, 17, 23)");
      // States are words and symbols, not only colours.
      assertThat(browser.find("tr[data-drive=nvme1]").getText()).contains("watch");
      // Nothing wider than the phone's screen but the tables, which scroll in their own box.
      Object overflow =
          browser.script(
              "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
      assertThat(overflow).isEqualTo(false);
      browser.screenshot("demo-node-phone-dark");
    }
  }

  @Test
  void failingNvmePoolOutOfDataAndFailedBackupShowAsFailingWithReasons() throws Exception {
    FaultyNode node = FaultyNode.create(dir);
    try (PbsSimulator pbs = FaultyNode.startPbs(Instant.now());
        AgentProcess agent = AgentProcess.start(node.env(), node.args(pbs).toArray(String[]::new));
        Browser browser = Browser.start(1280, 900)) {
      // The PBS collector's first snapshot reads can take a run or two.
      agent.scrapeUntil(
          "the PBS group's failed task",
          e -> e.text().contains("storage_pbs_backup_last_task_success{"),
          Duration.ofSeconds(60));
      browser.open("http://127.0.0.1:" + agent.port() + "/");

      WebElement nvme = browser.find("tr[data-drive=" + FaultyNode.NVME_DEVICE + "]");
      assertThat(nvme.getAttribute("data-verdict")).isEqualTo("failing");
      assertThat(nvme.getText())
          .contains("failing")
          .contains("NVMe critical warning: reliability degraded by media or internal errors");

      WebElement pool = browser.find("[data-pool='pve/data']");
      assertThat(pool.getAttribute("data-verdict")).isEqualTo("failing");
      assertThat(pool.getText()).contains("failing").contains("pool state: out of data");

      WebElement guest = browser.find("tr[data-guest='vm/100']");
      assertThat(guest.getAttribute("data-verdict")).isEqualTo("failing");
      assertThat(guest.getText()).contains("failing").contains("last backup task failed");
      assertThat(browser.find("#overall").getText()).isEqualTo("failing");
      browser.screenshot("failing-node");
    }
  }

  @Test
  void pageAndApiAskForTheSameCredentialsAsMetrics() throws Exception {
    String user = "admin";
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random(12));
    String hash = OpenBSDBCrypt.generate("2y", password.toCharArray(), random(16), 4);
    Path web =
        Files.writeString(
            dir.resolve("web.yml"),
            """
            basic_auth_users:
              %s: %s
            """
                .formatted(user, hash));
    try (AgentProcess agent =
            AgentProcess.launch().noReadyCheck().start("--demo", "--web.config.file=" + web);
        Browser browser = Browser.start(1280, 900)) {
      String auth =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      awaitReady(agent, auth);
      for (String path : List.of("/", "/api/v1/status", "/metrics")) {
        assertThat(agent.get(path, Map.of()).statusCode()).as(path).isEqualTo(401);
        assertThat(agent.get(path, Map.of("Authorization", auth)).statusCode())
            .as(path)
            .isEqualTo(200);
      }

      browser.open("http://" + user + ":" + password + "@127.0.0.1:" + agent.port() + "/");
      assertThat(browser.findAll("tr[data-drive]")).hasSize(5);
      // The refresh fetches api/v1/status with the credentials the page was opened with.
      Object refreshed =
          browser.asyncScript(
              "const done = arguments[arguments.length - 1];"
                  + "refresh().then(() => done(document.getElementById('refresh').textContent));");
      assertThat(refreshed).isEqualTo("");
      browser.screenshot("basic-auth");
    }
  }

  private static void awaitReady(AgentProcess agent, String auth) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (agent.get("/-/ready", Map.of("Authorization", auth)).statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException notYetListening) {
        // starting
      }
      Thread.sleep(200);
    }
    throw new AssertionError("agent not ready within 60 s:\n" + agent.logs());
  }

  static void assertSchemaValid(JsonNode status) throws Exception {
    Schema schema =
        SchemaRegistry.withDialect(Dialects.getDraft202012())
            .getSchema(Files.readString(ROOT.resolve("docs/status-api.schema.json")));
    List<Error> errors = schema.validate(status);
    assertThat(errors).as("schema errors of %s", status).isEmpty();
  }

  private static List<String> attributes(List<WebElement> elements, String name) {
    return elements.stream().map(e -> e.getAttribute(name)).toList();
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }
}
