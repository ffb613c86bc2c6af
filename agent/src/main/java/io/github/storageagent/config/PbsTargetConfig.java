package io.github.storageagent.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One Proxmox Backup Server the agent reads with its own API token.
 *
 * @param name the {@code target} label value
 * @param url base URL, {@code https://host:8007}
 * @param tokenId {@code user@realm!tokenname}
 * @param secret where the token secret is read from (file, environment or systemd credential)
 * @param fingerprint pinned SHA-256 fingerprint of the server's leaf certificate
 * @param caFile PEM file with the CA (or the self-signed certificate) to trust
 * @param insecureSkipVerify accept any certificate (logged as a warning at every start)
 * @param interval how often the cheap endpoints are read
 * @param maxAge how long the target's last reading is served without a newer one (default 3 ×
 *     interval)
 * @param snapshotInterval how often each group's snapshot list (expensive) is re-read at most
 * @param connectTimeout TCP/TLS connect timeout
 * @param timeout per-request timeout
 * @param taskLookback how far back the backup task list is read
 * @param groupInfo whether {@code storage_pbs_group_info} (one series per backup group, its notes'
 *     first line) is exported for this target
 * @param groupSnapshotSize whether {@code storage_pbs_group_newest_snapshot_size_bytes} (one series
 *     per backup group) is exported for this target
 */
public record PbsTargetConfig(
    String name,
    URI url,
    String tokenId,
    SecretSource secret,
    Optional<Fingerprint> fingerprint,
    Optional<Path> caFile,
    boolean insecureSkipVerify,
    Duration interval,
    Optional<Duration> maxAge,
    Duration snapshotInterval,
    Duration connectTimeout,
    Duration timeout,
    Duration taskLookback,
    boolean groupInfo,
    boolean groupSnapshotSize) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  // user@realm!tokenname, as PBS spells token ids
  private static final Pattern TOKEN_ID =
      Pattern.compile("[^\\s:@!]+@[A-Za-z0-9_.-]+![A-Za-z0-9][A-Za-z0-9_.-]*");

  /** A target with its secret in a file or the agent's environment (no systemd credential). */
  public static PbsTargetConfig fromYaml(
      String name,
      String url,
      String tokenId,
      String tokenSecretFile,
      String tokenSecretEnv,
      String fingerprint,
      String caFile,
      Boolean insecure,
      String interval,
      String snapshotInterval,
      String connectTimeout,
      String timeout,
      String taskLookback,
      Object groupInfo,
      Object groupSnapshotSize) {
    return fromYaml(
        name,
        url,
        tokenId,
        tokenSecretFile,
        tokenSecretEnv,
        null,
        fingerprint,
        caFile,
        insecure,
        interval,
        null,
        snapshotInterval,
        connectTimeout,
        timeout,
        taskLookback,
        groupInfo,
        groupSnapshotSize,
        System.getenv());
  }

  /** One entry of {@code backup.pbs}; its secret is looked up in {@code environment}. */
  static PbsTargetConfig from(ConfigNode node, Map<String, String> environment) {
    return fromYaml(
        node.string("name"),
        node.string("url"),
        node.string("token_id"),
        node.string("token_secret_file"),
        node.string("token_secret_env"),
        node.string("token_secret_credential"),
        node.string("fingerprint"),
        node.string("ca_file"),
        node.bool("insecure_skip_verify"),
        node.string("interval"),
        node.string("max_age"),
        node.string("snapshot_interval"),
        node.string("connect_timeout"),
        node.string("timeout"),
        node.string("task_lookback"),
        node.value("group_info"),
        node.value("group_snapshot_size"),
        environment);
  }

  /**
   * A target from its keys' values as written (null: not set), checked and defaulted; {@code
   * token_secret_env} and {@code token_secret_credential} are looked up in {@code environment} (the
   * agent's own when null).
   */
  public static PbsTargetConfig fromYaml(
      String name,
      String url,
      String tokenId,
      String tokenSecretFile,
      String tokenSecretEnv,
      String tokenSecretCredential,
      String fingerprint,
      String caFile,
      Boolean insecure,
      String interval,
      String maxAge,
      String snapshotInterval,
      String connectTimeout,
      String timeout,
      String taskLookback,
      Object groupInfo,
      Object groupSnapshotSize,
      Map<String, String> environment) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidValueException(
          "name", "required: letters, digits, '.', '_' or '-' (it becomes the target label)");
    }
    URI uri = url(url);
    if (tokenId == null || !TOKEN_ID.matcher(tokenId).matches()) {
      throw new InvalidValueException(
          "token_id", "required, in the form user@realm!tokenname, e.g. monitor@pbs!storage-agent");
    }
    SecretSource secret =
        secret(
            tokenSecretFile,
            tokenSecretEnv,
            tokenSecretCredential,
            environment == null ? System.getenv() : environment);
    boolean skipVerify = insecure != null && insecure;
    Optional<Fingerprint> fp = Optional.empty();
    if (fingerprint != null) {
      try {
        fp = Optional.of(Fingerprint.parse(fingerprint));
      } catch (IllegalArgumentException e) {
        throw new InvalidValueException("fingerprint", e.getMessage());
      }
    }
    Optional<Path> ca = Optional.ofNullable(caFile).map(v -> ConfigValues.path("ca_file", v, null));
    ca.ifPresent(
        p -> {
          if (!Files.isReadable(p)) {
            throw new InvalidValueException("ca_file", "cannot read " + p);
          }
        });
    int trustChoices = (fp.isPresent() ? 1 : 0) + (ca.isPresent() ? 1 : 0) + (skipVerify ? 1 : 0);
    if (trustChoices == 0) {
      throw new InvalidValueException(
          "fingerprint",
          "set fingerprint (SHA-256 of the PBS certificate) or ca_file: the certificate must be"
              + " verified");
    }
    if (trustChoices > 1) {
      throw new InvalidValueException(
          "fingerprint", "set only one of fingerprint, ca_file and insecure_skip_verify");
    }
    return new PbsTargetConfig(
        name,
        uri,
        tokenId,
        secret,
        fp,
        ca,
        skipVerify,
        ConfigValues.positiveDuration("interval", interval, Duration.ofSeconds(60)),
        ConfigValues.maxAge(maxAge),
        ConfigValues.positiveDuration(
            "snapshot_interval", snapshotInterval, Duration.ofMinutes(15)),
        ConfigValues.positiveDuration("connect_timeout", connectTimeout, Duration.ofSeconds(5)),
        ConfigValues.positiveDuration("timeout", timeout, Duration.ofSeconds(10)),
        ConfigValues.positiveDuration("task_lookback", taskLookback, Duration.ofDays(8)),
        ConfigValues.bool("group_info", groupInfo, false),
        ConfigValues.bool("group_snapshot_size", groupSnapshotSize, false));
  }

  private static URI url(String url) {
    if (url == null) {
      throw new InvalidValueException("url", "required, e.g. https://pbs01.example:8007");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new InvalidValueException("url", "not a valid URL: " + e.getReason());
    }
    if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new InvalidValueException("url", "must be https://host[:port], got '" + url + "'");
    }
    if (uri.getRawQuery() != null || uri.getUserInfo() != null) {
      throw new InvalidValueException("url", "must not carry credentials or a query");
    }
    String base = uri.toString().replaceAll("/+$", "");
    return URI.create(base);
  }

  private static SecretSource secret(
      String file, String env, String credential, Map<String, String> environment) {
    int given = (file != null ? 1 : 0) + (env != null ? 1 : 0) + (credential != null ? 1 : 0);
    if (given != 1) {
      throw new InvalidValueException(
          "token_secret_file",
          "set exactly one of token_secret_file, token_secret_env and token_secret_credential");
    }
    if (credential != null) {
      SecretSource source;
      try {
        source = SecretSource.ofCredential(credential, environment);
      } catch (IllegalArgumentException e) {
        throw new InvalidValueException("token_secret_credential", e.getMessage());
      }
      try {
        source.read();
      } catch (IOException e) {
        throw new InvalidValueException("token_secret_credential", e.getMessage());
      }
      return source;
    }
    if (file != null) {
      Path p = ConfigValues.path("token_secret_file", file, null);
      try {
        SecretSource.checkPermissions(p);
      } catch (IOException e) {
        throw new InvalidValueException("token_secret_file", e.getMessage());
      }
      return SecretSource.ofFile(p);
    }
    if (environment.get(env) == null) {
      throw new InvalidValueException(
          "token_secret_env", "environment variable " + env + " is not set");
    }
    return SecretSource.ofEnv(env);
  }

  /** Its {@code interval} and {@code max_age}. */
  public Schedule schedule() {
    return Schedule.of(interval, maxAge);
  }
}
