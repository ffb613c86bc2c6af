package io.github.storageagent.testing;

import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates and keys made the way an admin makes them, with the {@code openssl} command
 * (Debian's openssl package), in a test's folder.
 */
public final class OpenSsl {

  private final Path dir;

  public OpenSsl(Path dir) {
    this.dir = dir;
  }

  /**
   * A self-signed P-256 certificate and its PKCS#8 key, {@code name.crt} and {@code name.key},
   * valid two days.
   *
   * @param subjectAltName e.g. {@code DNS:localhost,IP:127.0.0.1}, or null for none
   */
  public void selfSigned(String name, String subject, String subjectAltName) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-days",
                "2",
                "-subj",
                subject));
    if (subjectAltName != null) {
      args.addAll(List.of("-addext", "subjectAltName=" + subjectAltName));
    }
    args.addAll(List.of("-keyout", name + ".key", "-out", name + ".crt"));
    run(args.toArray(String[]::new));
  }

  /** Runs {@code openssl ARGS} in the folder; fails the test with its output if it fails. */
  public String run(String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("openssl"));
    argv.addAll(List.of(args));
    Process p =
        new ProcessBuilder(argv)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", argv) + " did not finish within 60 s");
    }
    if (p.exitValue() != 0) {
      fail(String.join(" ", argv) + " failed (install Debian's openssl package?):\n" + out);
    }
    return out;
  }
}
