package io.github.storageagent.lvm;

import static io.github.storageagent.lvm.Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.storageagent.collect.Snapshot;
import io.github.storageagent.config.LvmConfig;
import io.github.storageagent.exec.Executables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The collector against real processes: small scripts standing in for lvs and vgs. */
class LvmCollectorTest {

  @TempDir Path dir;

  private LvmCollector collector(Duration timeout) {
    LvmConfig config =
        new LvmConfig(true, Duration.ofSeconds(60), timeout, Optional.empty(), true, "lvs", "vgs");
    // Only the temp folder: the real lvm of the machine running the tests is never used.
    return new LvmCollector(config, new Executables(dir.toString(), List.of()));
  }

  private void program(String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/bash\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
  }

  private void printing(String name, String fixture) throws IOException {
    Path data = dir.resolve(name + ".json");
    Files.writeString(data, Fixtures.read(fixture), StandardCharsets.UTF_8);
    program(
        name,
        "echo \"$@\" > '"
            + dir
            + "/"
            + name
            + ".args'\necho \"LC_ALL=$LC_ALL\" >> '"
            + dir
            + "/"
            + name
            + ".args'\ncat '"
            + data
            + "'");
  }

  @Test
  void readsPoolsAndGroupsFromOneCallEach() throws Exception {
    printing("lvs", "lvs-pve8.json");
    printing("vgs", "vgs-pve8.json");
    Snapshot s = collector(Duration.ofSeconds(20)).collect();
    assertThat(s.problems()).isZero();
    assertThat(
            value(
                s.families(), "storage_lvm_thinpool_data_used_ratio", "pool", "data", "vg", "pve"))
        .isEqualTo(OptionalDouble.of(0.4731));
    assertThat(value(s.families(), "storage_lvm_vg_size_bytes", "vg", "ssd")).isPresent();

    assertThat(Files.readAllLines(dir.resolve("lvs.args")))
        .containsExactly(
            "--reportformat json --units b --nosuffix --options "
                + "vg_name,lv_name,lv_attr,lv_size,pool_lv,data_percent,metadata_percent,"
                + "lv_metadata_size,lv_when_full,lv_health_status",
            "LC_ALL=C");
    assertThat(Files.readAllLines(dir.resolve("vgs.args")))
        .containsExactly(
            "--reportformat json --units b --nosuffix --options "
                + "vg_name,vg_size,vg_free,vg_extent_size,vg_extent_count,vg_free_count",
            "LC_ALL=C");
  }

  @Test
  void unreadableRowsAreCountedAsProblemsNotFailures() throws Exception {
    program(
        "lvs",
        "echo '{\"report\":[{\"lv\":[{\"vg_name\":\"pve\",\"lv_name\":\"x\",\"lv_size\":\"?\"}]}]}'");
    printing("vgs", "vgs-pve8.json");
    assertThat(collector(Duration.ofSeconds(20)).collect().problems()).isEqualTo(1);
  }

  @Test
  void failingLvsFailsTheRunWithItsFirstStderrLine() throws Exception {
    printing("vgs", "vgs-pve8.json");
    program(
        "lvs",
        "echo '  Volume group \"pve\" not found' >&2\necho '  Cannot process volume group pve' >&2\n"
            + "exit 5");
    assertThatThrownBy(() -> collector(Duration.ofSeconds(20)).collect())
        .isInstanceOf(LvmCommandException.class)
        .hasMessage("lvs exited with status 5: Volume group \"pve\" not found");
  }

  @Test
  @Timeout(30)
  void hangingVgsIsKilledAtTheTimeout() throws Exception {
    printing("lvs", "lvs-pve8.json");
    program("vgs", "sleep 600");
    assertThatThrownBy(() -> collector(Duration.ofMillis(500)).collect())
        .isInstanceOf(LvmCommandException.class)
        .hasMessage("vgs did not finish within 500ms and was killed");
  }

  @Test
  void invalidJsonFailsWithAClearMessage() throws Exception {
    printing("vgs", "vgs-pve8.json");
    program("lvs", "echo '{\"report\": [ {\"lv\": [ {\"vg_name\": \"pve\",'");
    assertThatThrownBy(() -> collector(Duration.ofSeconds(20)).collect())
        .isInstanceOf(LvmParseException.class)
        .hasMessageStartingWith("lvs output: not valid JSON");
  }

  @Test
  void missingLvmSaysWhatToDo() {
    assertThatThrownBy(() -> collector(Duration.ofSeconds(20)).collect())
        .isInstanceOf(LvmCommandException.class)
        .hasMessageStartingWith("vgs not found in [" + dir + "]")
        .hasMessageContaining("install lvm2, or set lvm.vgs_path");
  }
}
