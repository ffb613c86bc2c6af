package io.github.storageagent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The web config file given by {@code --web.config.file}, in exporter-toolkit's format, so that the
 * file an admin already has for node_exporter works here too: TLS, extra response headers, basic
 * auth users with bcrypt hashes, and a rate limit.
 *
 * @param tls TLS settings; empty serves plain HTTP
 * @param headers extra response headers, from the few exporter-toolkit allows
 * @param http2 accepted for compatibility; the agent speaks HTTP/1.1 only
 * @param users user name to bcrypt hash; empty means no authentication
 * @param rateLimit requests per interval beyond which 429 is answered; empty means none
 */
public record WebConfig(
    Optional<WebTlsConfig> tls,
    Map<String, String> headers,
    boolean http2,
    Map<String, String> users,
    Optional<RateLimit> rateLimit) {

  /**
   * The headers exporter-toolkit lets a web config set, and the values allowed where it checks them
   * (an empty list: any value).
   */
  static final Map<String, List<String>> ALLOWED_HEADERS =
      Map.of(
          "Strict-Transport-Security", List.of(),
          "X-Content-Type-Options", List.of("nosniff"),
          "X-Frame-Options", List.of("deny", "sameorigin"),
          "X-XSS-Protection", List.of(),
          "Content-Security-Policy", List.of());

  /** What bcrypt's own parsers accept: version, a two-digit cost 04-31, 22+31 characters. */
  private static final Pattern BCRYPT =
      Pattern.compile("\\$2[abxy]?\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");

  /**
   * A token bucket: {@code burst} requests at once, refilled by one every {@code interval}.
   *
   * @param burst bucket size
   * @param interval time to earn one request back
   */
  public record RateLimit(int burst, Duration interval) {}

  public WebConfig {
    headers = Map.copyOf(headers);
    users = Map.copyOf(users);
  }

  /** No TLS, no users, no headers: what the agent does without {@code --web.config.file}. */
  public static WebConfig none() {
    return new WebConfig(Optional.empty(), Map.of(), true, Map.of(), Optional.empty());
  }

  /** The file's top level; relative file names in it are taken from {@code directory}. */
  static WebConfig from(ConfigNode node, Path directory) {
    return fromYaml(
        node.mapping("tls_server_config", n -> WebTlsConfig.Yaml.from(n, directory)),
        node.mapping("http_server_config", HttpServer::from),
        node.stringMap("basic_auth_users"),
        node.mapping("rate_limit", RateLimitYaml::from));
  }

  /** The file's sections as written (null: not set), checked together. */
  static WebConfig fromYaml(
      WebTlsConfig.Yaml tls, HttpServer http, Map<String, String> users, RateLimitYaml rateLimit) {
    Optional<WebTlsConfig> resolved;
    try {
      resolved = tls == null ? Optional.empty() : tls.resolve();
    } catch (InvalidValueException e) {
      throw new InvalidValueException("tls_server_config." + e.key(), e.getMessage());
    }
    HttpServer server = http == null ? new HttpServer(null, null) : http;
    return new WebConfig(
        resolved,
        server.checkedHeaders(),
        ConfigValues.bool("http_server_config.http2", server.http2(), true),
        checkedUsers(users),
        rateLimit == null ? Optional.empty() : Optional.of(rateLimit.resolve()));
  }

  /** A bcrypt hash as exporter-toolkit takes it; the hash itself is never echoed back. */
  static boolean isBcryptHash(String hash) {
    return hash != null && BCRYPT.matcher(hash).matches();
  }

  private static Map<String, String> checkedUsers(Map<String, String> users) {
    if (users == null) {
      return Map.of();
    }
    Map<String, String> checked = new TreeMap<>();
    for (Map.Entry<String, String> user : users.entrySet()) {
      String name = user.getKey();
      if (name == null || name.isEmpty() || name.indexOf(':') >= 0) {
        throw new InvalidValueException(
            "basic_auth_users", "user names must be non-empty and have no ':', got '" + name + "'");
      }
      if (!isBcryptHash(user.getValue())) {
        throw new InvalidValueException(
            "basic_auth_users." + name,
            "not a bcrypt hash: expected $2y$ (or $2a$, $2b$), a cost of 04-31 and 53 more"
                + " characters, as `htpasswd -nBC 10 \"\" | tr -d ':\\n'` prints");
      }
      checked.put(name, user.getValue());
    }
    return checked;
  }

  /** {@code http_server_config}. */
  record HttpServer(Object http2, Map<String, String> headers) {

    static HttpServer from(ConfigNode node) {
      return new HttpServer(node.value("http2"), node.stringMap("headers"));
    }

    Map<String, String> checkedHeaders() {
      if (headers == null) {
        return Map.of();
      }
      Map<String, String> checked = new LinkedHashMap<>();
      for (Map.Entry<String, String> h : headers.entrySet()) {
        List<String> allowed = ALLOWED_HEADERS.get(h.getKey());
        String key = "http_server_config.headers." + h.getKey();
        if (allowed == null) {
          throw new InvalidValueException(
              key,
              "this header can not be configured (allowed: "
                  + String.join(", ", new TreeMap<>(ALLOWED_HEADERS).keySet())
                  + ")");
        }
        if (h.getValue() == null || h.getValue().isEmpty()) {
          throw new InvalidValueException(key, "needs a value");
        }
        if (!allowed.isEmpty() && !allowed.contains(h.getValue())) {
          throw new InvalidValueException(
              key, "must be one of " + allowed + ", got '" + h.getValue() + "'");
        }
        checked.put(h.getKey(), h.getValue());
      }
      return checked;
    }
  }

  /** {@code rate_limit}. */
  record RateLimitYaml(Integer burst, String interval) {

    static RateLimitYaml from(ConfigNode node) {
      return new RateLimitYaml(node.integer("burst"), node.string("interval"));
    }

    RateLimit resolve() {
      if (burst == null || burst < 1) {
        throw new InvalidValueException("rate_limit.burst", "must be 1 or more");
      }
      Duration every;
      try {
        every = Durations.parse(interval);
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw new InvalidValueException("rate_limit.interval", e.getMessage());
      }
      if (every.isZero()) {
        throw new InvalidValueException("rate_limit.interval", "must be greater than zero");
      }
      return new RateLimit(burst, every);
    }
  }
}
