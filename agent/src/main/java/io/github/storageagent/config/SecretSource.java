package io.github.storageagent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where an API token secret comes from: a file only its owner (and group) may read, an environment
 * variable, or a systemd credential ({@code LoadCredential=}/{@code LoadCredentialEncrypted=}, read
 * from {@code $CREDENTIALS_DIRECTORY}). The secret is read on every use so a rotated token file or
 * credential takes effect without re-reading the config; no message ever contains it.
 *
 * @param file the secret file (for a credential: its path under {@code $CREDENTIALS_DIRECTORY}), or
 *     null
 * @param env the environment variable's name, or null
 * @param credential the systemd credential's name, or null
 */
public record SecretSource(Path file, String env, String credential) {

  /** The variable systemd sets for a service that has credentials. */
  public static final String CREDENTIALS_DIRECTORY = "CREDENTIALS_DIRECTORY";

  /** A credential name: a file name that LoadCredential=NAME:PATH can carry (no "/", no ":"). */
  private static final Pattern CREDENTIAL_NAME = Pattern.compile("[A-Za-z0-9_.@+-]{1,255}");

  public static SecretSource ofFile(Path file) {
    return new SecretSource(file, null, null);
  }

  public static SecretSource ofEnv(String env) {
    return new SecretSource(null, env, null);
  }

  /**
   * A systemd credential: {@code name} under the {@code $CREDENTIALS_DIRECTORY} of {@code
   * environment} (the agent's own environment, passed in so tests need no real service).
   *
   * @throws IllegalArgumentException with a message for the config's key, never the secret
   */
  public static SecretSource ofCredential(String name, Map<String, String> environment) {
    if (name == null
        || name.isBlank()
        || name.contains("/")
        || name.equals(".")
        || name.contains("..")
        || !CREDENTIAL_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' is not a credential name: use the NAME of LoadCredential=NAME:/path (letters,"
              + " digits, '.', '_', '-', '@', '+'; no '/', ':' or '..')");
    }
    String dir = environment.get(CREDENTIALS_DIRECTORY);
    if (dir == null || dir.isBlank()) {
      throw new IllegalArgumentException(
          "credential "
              + name
              + " asked for, but $"
              + CREDENTIALS_DIRECTORY
              + " is not set: the agent was not started by systemd with LoadCredential="
              + name
              + ":/path/to/secret (or LoadCredentialEncrypted=) in its unit");
    }
    return new SecretSource(Path.of(dir).resolve(name), null, name);
  }

  /** Reads the secret; the exception's message names the file or variable, never the value. */
  public Secret read() throws IOException {
    if (credential != null) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (NoSuchFileException e) {
        throw new IOException(
            "systemd credential "
                + credential
                + " ("
                + file
                + ") does not exist: add LoadCredential="
                + credential
                + ":/path/to/secret to the unit");
      }
      if (text.isEmpty()) {
        throw new IOException("systemd credential " + credential + " (" + file + ") is empty");
      }
      return Secret.of(text);
    }
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
    if (credential != null) {
      return "systemd credential " + credential;
    }
    return file != null ? "file " + file : "environment variable " + env;
  }
}
