package io.github.storageagent.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.storageagent.it.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped systemd units: valid, and as locked down as the collectors allow. */
class SystemdUnitIT {

  static final Path SYSTEMD =
      Path.of(System.getProperty("storage.project.root", ".."))
          .toAbsolutePath()
          .normalize()
          .resolve("systemd");

  @Test
  void unitsVerifyClean() throws Exception {
    String analyze = Tools.require("systemd-analyze", "systemd").toString();
    DebianPackageIT.Result r =
        DebianPackageIT.run(
            analyze,
            "verify",
            SYSTEMD.resolve("storage-agent.service").toString(),
            SYSTEMD.resolve("storage-agent-cds.service").toString());
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).isEmpty();
  }

  /**
   * The commented credential guidance, taken as an admin would (uncommented), still verifies clean:
   * systemd-analyze parses LoadCredential= and says so when a source is not valid.
   */
  @Test
  void theCredentialGuidanceVerifiesCleanWhenUncommented(@TempDir Path tmp) throws Exception {
    String analyze = Tools.require("systemd-analyze", "systemd").toString();
    String unit = Files.readString(SYSTEMD.resolve("storage-agent.service"));
    assertThat(unit)
        .contains("\n# LoadCredential=pbs-main:/etc/storage-agent/pbs-main.token\n")
        .contains("\n# LoadCredentialEncrypted=pbs-main:/etc/storage-agent/pbs-main.cred\n");
    Files.copy(
        SYSTEMD.resolve("storage-agent-cds.service"), tmp.resolve("storage-agent-cds.service"));
    for (String key : List.of("LoadCredential=", "LoadCredentialEncrypted=")) {
      Path copy = tmp.resolve("storage-agent.service");
      Files.writeString(copy, unit.replace("\n# " + key, "\n" + key));
      DebianPackageIT.Result r =
          DebianPackageIT.run(
              analyze,
              "verify",
              copy.toString(),
              tmp.resolve("storage-agent-cds.service").toString());
      assertThat(r.exit()).as(key + r.out()).isZero();
      assertThat(r.out()).as(key).isEmpty();
    }
  }

  @Test
  void exposureStaysLow() throws Exception {
    String analyze = Tools.require("systemd-analyze", "systemd").toString();
    DebianPackageIT.Result r =
        DebianPackageIT.run(
            analyze,
            "security",
            "--offline=true",
            SYSTEMD.resolve("storage-agent.service").toString());
    Matcher m =
        Pattern.compile("Overall exposure level for storage-agent.service: (\\d+\\.\\d+)")
            .matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    // The README records 3.0; root with CAP_SYS_ADMIN/CAP_SYS_RAWIO is what smartctl and lvm need.
    assertThat(Double.parseDouble(m.group(1))).isLessThanOrEqualTo(3.0);
  }

  @Test
  void capabilitiesAreOnlyWhatSmartctlLvmAndTheTaskLogsNeed() throws Exception {
    String unit = Files.readString(SYSTEMD.resolve("storage-agent.service"));
    assertThat(unit)
        .contains("CapabilityBoundingSet=CAP_SYS_RAWIO CAP_SYS_ADMIN CAP_DAC_READ_SEARCH\n")
        .contains("NoNewPrivileges=yes")
        .contains("ProtectSystem=strict")
        .contains("DevicePolicy=closed")
        .contains("SystemCallFilter=@system-service")
        .contains("-XX:SharedArchiveFile=/var/lib/storage-agent/storage-agent.jsa");
  }
}
