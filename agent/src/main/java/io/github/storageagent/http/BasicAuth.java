package io.github.storageagent.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Checks a user and password against the web config's bcrypt hashes, as exporter-toolkit does: an
 * unknown user costs the same bcrypt run as a known one (no user enumeration by timing), bcrypt
 * runs one at a time (it is meant to be slow), and recent outcomes are remembered so that a scraper
 * pays for bcrypt once, not on every scrape.
 */
final class BasicAuth {

  /** Outcomes remembered, keyed by a digest of user, hash and password: never the password. */
  static Cache<String, Boolean> newOutcomeCache() {
    return Caffeine.newBuilder().maximumSize(100).build();
  }

  private final Map<String, String> users;
  private final String decoyHash;
  private final Cache<String, Boolean> outcomes;
  private final Object bcryptLock;

  /**
   * @param users user name to bcrypt hash
   * @param outcomes remembered outcomes; shared across reloads, since its key includes the hash
   * @param bcryptLock serializes bcrypt runs
   */
  BasicAuth(Map<String, String> users, Cache<String, Boolean> outcomes, Object bcryptLock) {
    this.users = Map.copyOf(users);
    this.outcomes = outcomes;
    this.bcryptLock = bcryptLock;
    this.decoyHash = decoy(users);
  }

  boolean enabled() {
    return !users.isEmpty();
  }

  boolean authenticate(String user, String password) {
    String hash = users.get(user);
    boolean known = hash != null;
    if (!known) {
      hash = decoyHash;
    }
    String key = cacheKey(user, hash, password);
    Boolean outcome = outcomes.getIfPresent(key);
    if (outcome == null) {
      boolean match;
      synchronized (bcryptLock) {
        match = checkPassword(hash, password);
      }
      outcome = known && match;
      outcomes.put(key, outcome);
    }
    return outcome && known;
  }

  private static boolean checkPassword(String hash, String password) {
    try {
      return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
    } catch (RuntimeException e) {
      // A password bcrypt cannot take (longer than 72 bytes) matches nothing.
      return false;
    }
  }

  /** A hash of a random password at the users' highest cost, for unknown users. */
  private static String decoy(Map<String, String> users) {
    if (users.isEmpty()) {
      return "";
    }
    int cost =
        users.values().stream()
            .mapToInt(
                h -> Integer.parseInt(h.substring(h.lastIndexOf('$') - 2, h.lastIndexOf('$'))))
            .max()
            .orElse(10);
    SecureRandom random = new SecureRandom();
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    char[] password = HexFormat.of().formatHex(salt).toCharArray();
    random.nextBytes(salt);
    return OpenBSDBCrypt.generate("2y", password, salt, cost);
  }

  private static String cacheKey(String user, String hash, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {user, hash, password}) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        sha.update((byte) (bytes.length >>> 24));
        sha.update((byte) (bytes.length >>> 16));
        sha.update((byte) (bytes.length >>> 8));
        sha.update((byte) bytes.length);
        sha.update(bytes);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
