package io.github.storageagent.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.storageagent.it.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The .deb the build makes: its metadata and contents, then a real install, run and removal on this
 * machine (CI runs as root on a throwaway Debian machine).
 */
class DebianPackageIT {

  record Result(int exit, String out) {}

  static Result run(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", argv) + " did not finish within 300 s");
    }
    return new Result(p.exitValue(), out);
  }

  static Result ok(String... argv) throws Exception {
    Result r = run(argv);
    if (r.exit() != 0) {
      fail(String.join(" ", argv) + " exited " + r.exit() + ":\n" + r.out());
    }
    return r;
  }

  static Path deb() throws Exception {
    Path dir = Path.of(System.getProperty("storage.agent.deb.dir", "target"));
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> debs =
          s.filter(p -> p.getFileName().toString().matches("storage-agent_.*_all\\.deb")).toList();
      if (debs.size() != 1) {
        fail(
            "expected one storage-agent_*_all.deb in "
                + dir
                + ", found "
                + debs
                + " (run ./mvnw verify)");
      }
      return debs.get(0);
    }
  }

  @Test
  void packageMetadataAndContents() throws Exception {
    String dpkgDeb = Tools.require("dpkg-deb", "dpkg").toString();
    String info = ok(dpkgDeb, "--info", deb().toString()).out();
    assertThat(info)
        .contains("Package: storage-agent")
        .contains("Architecture: all")
        .contains("Depends: java17-runtime-headless")
        .contains("Recommends: smartmontools (>= 7.0), lvm2");
    String contents = ok(dpkgDeb, "--contents", deb().toString()).out();
    assertThat(contents)
        .contains("./usr/share/storage-agent/storage-agent.jar")
        .contains("-rwxr-xr-x root/root", "./usr/bin/storage-agent")
        .contains("./lib/systemd/system/storage-agent.service")
        .contains("./lib/systemd/system/storage-agent-cds.service")
        .contains("-rwxr-xr-x root/root", "./usr/share/storage-agent/build-cds-archive")
        .contains("./etc/storage-agent/config.yml")
        .contains("-rw------- root/root", "./etc/default/storage-agent");
    String conffiles = ok(dpkgDeb, "--field", deb().toString(), "Package").out();
    assertThat(conffiles.strip()).isEqualTo("storage-agent");
  }

  @Test
  void installsRunsAndRemovesCleanly() throws Exception {
    String dpkg = Tools.require("dpkg", "dpkg").toString();
    if (!"root".equals(System.getProperty("user.name"))) {
      fail("installing the package needs root (dpkg -i); CI runs the tests as root");
    }
    run(dpkg, "--purge", "storage-agent"); // a leftover from an interrupted run
    try {
      ok(dpkg, "-i", deb().toString());
      assertThat(ok(dpkg, "-s", "storage-agent").out()).contains("Status: install ok installed");
      assertThat(ok("/usr/bin/storage-agent", "--version").out()).startsWith("storage-agent ");
      assertThat(
              ok(
                      "/usr/bin/storage-agent",
                      "--check-config",
                      "--config.file=/etc/storage-agent/config.yml")
                  .out())
          .contains("config OK");
      assertThat(Path.of("/var/lib/storage-agent")).isDirectory();
      // Enabled at install even without a running systemd (an image build), as debhelper does.
      Path wants = Path.of("/etc/systemd/system/multi-user.target.wants/storage-agent.service");
      assertThat(wants).isSymbolicLink();
      assertThat(Files.readSymbolicLink(wants).toString()).endsWith("storage-agent.service");

      ok(dpkg, "-r", "storage-agent");
      assertThat(Path.of("/usr/share/storage-agent/storage-agent.jar")).doesNotExist();
      assertThat(Path.of("/usr/bin/storage-agent")).doesNotExist();
      assertThat(Path.of("/lib/systemd/system/storage-agent.service")).doesNotExist();
      // conffiles stay until purge, as Debian policy wants
      assertThat(Path.of("/etc/storage-agent/config.yml")).exists();

      ok(dpkg, "--purge", "storage-agent");
      assertThat(Path.of("/etc/storage-agent")).doesNotExist();
      assertThat(Path.of("/etc/default/storage-agent")).doesNotExist();
      assertThat(Path.of("/var/lib/storage-agent")).doesNotExist();
      assertThat(wants).doesNotExist();
      assertThat(run(dpkg, "-s", "storage-agent").exit()).isNotZero();
    } finally {
      run(dpkg, "--purge", "storage-agent");
    }
  }
}
