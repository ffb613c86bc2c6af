package io.github.storageagent.smart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.storageagent.config.ConfigLoader;
import io.github.storageagent.config.SmartConfig;
import io.github.storageagent.exec.CommandResult;
import io.github.storageagent.exec.CommandRunner;
import io.github.storageagent.exec.ExecException;
import io.github.storageagent.exec.Executables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmartctlClientTest {

  @TempDir Path dir;

  @Test
  void everyReadCarriesThePowerModeCheck() {
    Path smartctl = Path.of("/usr/sbin/smartctl");
    assertThat(
            SmartctlClient.readArgv(
                smartctl,
                SmartDevice.of("/dev/bus/0", "megaraid,1", ""),
                SmartConfig.PowerMode.STANDBY))
        .containsExactly(
            "/usr/sbin/smartctl",
            "--json",
            "--info",
            "--health",
            "--capabilities",
            "--attributes",
            "--log=error",
            "--log=selftest",
            "--log=devstat",
            "--log=scttemp",
            "--nocheck=standby",
            "--device=megaraid,1",
            "/dev/bus/0");
    assertThat(
            SmartctlClient.readArgv(
                smartctl, SmartDevice.of("/dev/sda", "", ""), SmartConfig.PowerMode.IDLE))
        .contains("--nocheck=idle")
        .doesNotContain("--device=")
        .endsWith("/dev/sda");
    assertThat(SmartctlClient.scanArgv(smartctl))
        .containsExactly("/usr/sbin/smartctl", "--scan-open", "--json");
  }

  @Test
  void runsTheProgramFoundOnThePathWithoutAShell() throws Exception {
    Path fake = dir.resolve("smartctl");
    Files.writeString(fake, "#!/bin/sh\nprintf '%s\\n' \"$@\"\necho \"LC_ALL=$LC_ALL\"\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    SmartConfig config = new ConfigLoader().parse("smart:\n  power_mode: sleep\n").smart();
    SmartctlClient client =
        new SmartctlClient(new Executables(dir.toString(), List.of()), config, new CommandRunner());

    CommandResult r = client.read(SmartDevice.of("/dev/sda", "sat", "ATA"));

    assertThat(r.stdoutText().lines())
        .containsExactly(
            "--json",
            "--info",
            "--health",
            "--capabilities",
            "--attributes",
            "--log=error",
            "--log=selftest",
            "--log=devstat",
            "--log=scttemp",
            "--nocheck=sleep",
            "--device=sat",
            "/dev/sda",
            "LC_ALL=C");
  }

  @Test
  void missingSmartctlSaysWhereItLookedAndWhatToInstall() throws Exception {
    SmartConfig config = SmartConfig.defaults();
    SmartctlClient client =
        new SmartctlClient(new Executables(dir.toString(), List.of()), config, new CommandRunner());

    assertThatThrownBy(client::scan)
        .isInstanceOf(ExecException.class)
        .hasMessageContaining("smartctl not found")
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("smartmontools >= 7.0");
  }

  @Test
  void doctorParsesTheVersionLine() {
    assertThat(
            SmartDoctor.version(
                "smartctl 7.3 2022-02-28 r5338 [x86_64-linux-6.8.12-4-pve] (local build)"))
        .hasValueSatisfying(v -> assertThat(v).containsExactly(7, 3));
    assertThat(SmartDoctor.version("smartctl 6.6 2016-05-31 r4324"))
        .hasValueSatisfying(v -> assertThat(v).containsExactly(6, 6));
    assertThat(SmartDoctor.version("command not found")).isEmpty();
  }
}
