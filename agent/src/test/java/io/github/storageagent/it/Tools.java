package io.github.storageagent.it;

import static org.assertj.core.api.Assertions.fail;

import io.github.storageagent.exec.Executables;
import java.nio.file.Path;

/** External tools the integration tests need; a missing one fails the test with an install hint. */
public final class Tools {

  private Tools() {}

  public static Path require(String name, String debianPackage) {
    return Executables.fromEnvironment()
        .find(name)
        .orElseGet(
            () ->
                fail(
                    name
                        + " not found on PATH: install Debian's "
                        + debianPackage
                        + " package (apt-get install "
                        + debianPackage
                        + ")"));
  }
}
