package io.github.storageagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.testing.Exposition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar's command line and its behaviour on real and broken inputs. */
class AgentCommandLineIT {

  @TempDir Path dir;

  @Test
  void versionAndHelp() throws Exception {
    AgentProcess.Finished version = AgentProcess.run(Map.of(), "--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.stdout()).startsWith("storage-agent ").contains("java ");

    AgentProcess.Finished help = AgentProcess.run(Map.of(), "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.stdout())
        .contains("--web.listen-address", "--config.file", "--log.level", "--log.format")
        .contains("--path.procfs", "--path.sysfs", "--demo", "--check-config", "doctor");
  }

  @Test
  void checkConfigAcceptsAGoodFileAndNamesTheKeyOfABadOne() throws Exception {
    Path good = Files.writeString(dir.resolve("good.yml"), "disk:\n  interval: 2s\n");
    Path bad = Files.writeString(dir.resolve("bad.yml"), "disk:\n  intervall: 2s\n");
    Path badValue = Files.writeString(dir.resolve("bad-value.yml"), "disk:\n  max_age: never\n");

    AgentProcess.Finished ok =
        AgentProcess.run(Map.of(), "--check-config", "--config.file=" + good);
    assertThat(ok.exitCode()).isZero();
    assertThat(ok.stdout()).contains("config OK");

    AgentProcess.Finished unknown =
        AgentProcess.run(Map.of(), "--check-config", "--config.file=" + bad);
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.stderr()).contains("disk.intervall: unknown key");

    // Not only --check-config: a normal start refuses the file too, before listening.
    AgentProcess.Finished start =
        AgentProcess.run(Map.of(), "--config.file=" + badValue, "--web.listen-address=127.0.0.1:0");
    assertThat(start.exitCode()).isEqualTo(2);
    assertThat(start.stderr()).contains("disk.max_age: must be a duration");
  }

  @Test
  void rejectsABadLogFormat() throws Exception {
    AgentProcess.Finished r = AgentProcess.run(Map.of(), "--log.format=xml", "--check-config");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("--log.format: must be logfmt or json");
  }

  @Test
  void exportsTheRealDevicesOfThisMachine() throws Exception {
    String real = Files.readString(Path.of("/proc/diskstats"));
    try (AgentProcess agent = AgentProcess.start(Map.of())) {
      Exposition e =
          agent.scrapeUntil(
              x -> !x.named("storage_disk_reads_completed_total").isEmpty(),
              Duration.ofSeconds(20));
      assertThat(e.named("storage_disk_reads_completed_total").keySet())
          .allSatisfy(
              k -> {
                String device = k.replaceAll(".*device=\"([^\"]+)\".*", "$1");
                assertThat(real)
                    .containsPattern("\\s" + java.util.regex.Pattern.quote(device) + "\\s");
              });
      assertThat(e.value("storage_collector_success{collector=\"disk\"}")).isEqualTo(1);
    }
  }

  @Test
  void survivesGarbageAndAWrappedCounterAndCountsTheBadLine() throws Exception {
    Path procfs = Files.createDirectories(dir.resolve("proc"));
    Path diskstats = procfs.resolve("diskstats");
    Files.writeString(diskstats, resource("diskstats-garbage-and-wrap-1.txt"));
    try (AgentProcess agent =
        AgentProcess.start(
            Map.of(),
            "--path.procfs=" + procfs,
            "--path.sysfs=" + dir.resolve("nosys"),
            "--log.format=json")) {
      agent.scrapeUntil(
          e -> e.value("storage_disk_read_time_seconds_total{device=\"nvme0n1\"}") != null,
          Duration.ofSeconds(20));
      Path tmp = procfs.resolve("diskstats.tmp");
      Files.writeString(tmp, resource("diskstats-garbage-and-wrap-2.txt"));
      Files.move(tmp, diskstats, java.nio.file.StandardCopyOption.ATOMIC_MOVE);

      Exposition e =
          agent.scrapeUntil(
              x -> {
                Double sda = x.value("storage_disk_reads_completed_total{device=\"sda\"}");
                return sda != null && sda == 30;
              },
              Duration.ofSeconds(20));

      assertThat(agent.isAlive()).isTrue();
      assertThat(e.value("storage_collector_success{collector=\"disk\"}")).isEqualTo(1);
      assertThat(e.value("storage_collector_errors_total{collector=\"disk\"}"))
          .isGreaterThanOrEqualTo(2);
      // the wrapped 32-bit read time continues instead of dropping to 0.2 s
      assertThat(e.value("storage_disk_read_time_seconds_total{device=\"nvme0n1\"}"))
          .isEqualTo((4294967000.0 + 496) / 1000);
      assertThat(e.text()).doesNotContain("device=\"dm-3\"");
      String logs = agent.logs();
      assertThat(logs).contains("\"level\":\"warn\"").contains("this line is garbage");
      // logged once, however many times it is read
      assertThat(logs.split("this line is garbage", -1)).hasSize(2);
    }
  }

  private static String resource(String name) throws Exception {
    try (var in = AgentCommandLineIT.class.getResourceAsStream("/disk/" + name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
