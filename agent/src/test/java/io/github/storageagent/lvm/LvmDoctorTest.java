package io.github.storageagent.lvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.config.LvmConfig;
import io.github.storageagent.exec.Executables;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LvmDoctorTest {

  @TempDir Path dir;

  private void program(String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/bash\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
  }

  private String doctor(boolean expectOk) throws Exception {
    StringWriter text = new StringWriter();
    boolean ok =
        new LvmDoctor(LvmConfig.defaults(), new Executables(dir.toString(), List.of()))
            .check(new PrintWriter(text, true));
    assertThat(ok).as(text.toString()).isEqualTo(expectOk);
    return text.toString();
  }

  private void lvsWithVersion() throws IOException {
    Path data = dir.resolve("lvs.json");
    Files.writeString(data, Fixtures.read("lvs-pve8.json"));
    program(
        "lvs",
        "if [ \"$1\" = --version ]; then\n"
            + "  echo '  LVM version:     2.03.16(2) (2022-05-18)'\n"
            + "  echo '  Library version: 1.02.185 (2022-05-18)'\n  exit 0\nfi\ncat '"
            + data
            + "'");
  }

  @Test
  void reportsVersionGroupsAndPools() throws Exception {
    lvsWithVersion();
    Path vgs = dir.resolve("vgs.json");
    Files.writeString(vgs, Fixtures.read("vgs-pve8.json"));
    program("vgs", "cat '" + vgs + "'");
    assertThat(doctor(true))
        .isEqualTo(
            "lvm: ok, "
                + dir.resolve("lvs")
                + " (LVM version: 2.03.16(2) (2022-05-18))\n"
                + "lvm: ok, reads 2 volume group(s) and 2 thin pool(s): pve/data ok, ssd/ssdpool"
                + " ok\n");
  }

  @Test
  void saysWhyTheGroupsCannotBeRead() throws Exception {
    lvsWithVersion();
    program(
        "vgs",
        "echo '  WARNING: Running as a non-root user. Functionality may be unavailable.' >&2\n"
            + "echo '  /run/lock/lvm/P_global:aux: open failed: Permission denied' >&2\nexit 5");
    assertThat(doctor(false))
        .contains(
            "lvm: FAIL, cannot read the volume groups: vgs exited with status 5:"
                + " /run/lock/lvm/P_global:aux: open failed: Permission denied");
  }

  @Test
  void saysWhenLvmIsMissing() throws Exception {
    assertThat(doctor(false)).startsWith("lvm: FAIL, lvs not found (install lvm2");
  }
}
