package io.github.storageagent.config;

import io.github.storageagent.backup.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Where an API token secret comes from: a file only its owner (and group) may read, or an
 * environment variable. The secret is read on every use so a rotated token file takes effect
 * without a restart; no message ever contains it.
 *
 * @param file the secret file, or null
 * @param env the environment variable's name, or null
 */
public record SecretSource(Path file, String env) {

  public static SecretSource ofFile(Path file) {
    return new SecretSource(file, null);
  }

  public static SecretSource ofEnv(String env) {
    return new SecretSource(null, env);
  }

  /** Reads the secret; the exception's message names the file or variable, never the value. */
  public Secret read() throws IOException {
    if (file != null) {
      checkPermissions(file);
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        throw new IOException("token secret file " + file + " is empty");
      }
      return Secret.of(text);
    }
    String value = System.getenv(env);
    if (value == null || value.isBlank()) {
      throw new IOException("environment variable " + env + " with the token secret is not set");
    }
    return Secret.of(value.strip());
  }

  /** Refuses a secret file that every user of the machine can read. */
  static void checkPermissions(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("token secret file " + file + " does not exist or is not a file");
    }
    Set<PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      return;
    }
    if (perms.contains(PosixFilePermission.OTHERS_READ)
        || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new IOException(
          "token secret file "
              + file
              + " is accessible by other users ("
              + java.nio.file.attribute.PosixFilePermissions.toString(perms)
              + "); chmod 600 it");
    }
  }

  public String describe() {
    return file != null ? "file " + file : "environment variable " + env;
  }
}
