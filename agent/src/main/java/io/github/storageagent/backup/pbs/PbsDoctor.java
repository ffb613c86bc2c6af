package io.github.storageagent.backup.pbs;

import com.fasterxml.jackson.core.io.NumberInput;
import com.fasterxml.jackson.jr.stree.JrsBoolean;
import com.fasterxml.jackson.jr.stree.JrsNumber;
import com.fasterxml.jackson.jr.stree.JrsObject;
import com.fasterxml.jackson.jr.stree.JrsString;
import com.fasterxml.jackson.jr.stree.JrsValue;
import io.github.storageagent.config.PbsTargetConfig;
import io.github.storageagent.config.Secret;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code doctor} for one PBS target: reads the secret, reaches the API (which checks the pinned
 * fingerprint), then asks PBS which privileges the token has and names the ones missing.
 */
public final class PbsDoctor {

  private PbsDoctor() {}

  /** Prints findings; returns false when the collector cannot work with this target. */
  public static boolean check(
      PbsTargetConfig target, java.util.concurrent.ScheduledExecutorService timer, PrintWriter out)
      throws InterruptedException {
    String name = "pbs " + target.name() + ": ";
    Secret secret;
    try {
      secret = target.secret().read();
    } catch (IOException e) {
      out.println(
          name
              + "FAIL, cannot read the token secret from "
              + target.secret().describe()
              + ": "
              + e.getMessage());
      return false;
    }
    PbsClient client;
    try {
      client = new PbsClient(target, timer);
    } catch (java.security.GeneralSecurityException | IOException e) {
      out.println(name + "FAIL, cannot set up TLS: " + e.getMessage());
      return false;
    }
    String trust =
        target
            .fingerprint()
            .map(f -> "certificate fingerprint matches the pinned one")
            .orElse(
                target
                    .caFile()
                    .map(f -> "certificate verified by " + f)
                    .orElse("certificate NOT verified (insecure_skip_verify)"));
    PbsRecords.Version version;
    try {
      version =
          client.get(
              "/version", Map.of(), secret, in -> PbsJson.object(in, PbsRecords.Version::from));
    } catch (PbsApiException e) {
      out.println(name + "FAIL, " + e.getMessage());
      if (e.status() == 0 && e.getMessage().contains("fingerprint")) {
        out.println(
            name
                + "  the server's certificate changed or the fingerprint is wrong: compare with PBS Dashboard > Show Fingerprint");
      }
      return false;
    }
    out.println(
        name
            + "ok, "
            + target.url()
            + " answers (PBS "
            + version.version()
            + "."
            + version.release()
            + "), "
            + trust
            + ", token "
            + target.tokenId()
            + " accepted");
    JrsValue perms;
    try {
      perms = client.get("/access/permissions", Map.of(), secret, PbsJson::data);
    } catch (PbsApiException e) {
      out.println(name + "WARN, cannot list the token's permissions: " + e.getMessage());
      return true;
    }
    List<String> missing = new ArrayList<>();
    if (!granted(perms, "/datastore", "Datastore.Audit")) {
      missing.add(
          "Datastore.Audit on /datastore (datastores, groups, snapshots, GC, jobs): proxmox-backup-manager acl update /datastore DatastoreAudit --auth-id '"
              + target.tokenId()
              + "'");
    }
    if (!granted(perms, "/system/tasks", "Sys.Audit")) {
      missing.add(
          "Sys.Audit on /system/tasks (other users' backup tasks): proxmox-backup-manager acl update /system/tasks Audit --auth-id '"
              + target.tokenId()
              + "'");
    }
    if (missing.isEmpty()) {
      out.println(name + "ok, token has Datastore.Audit and Sys.Audit");
    }
    for (String m : missing) {
      out.println(name + "WARN, token lacks " + m);
    }
    return true;
  }

  /** True if the privilege is granted on the path or on a path below it (per-store grants). */
  static boolean granted(JrsValue perms, String path, String privilege) {
    if (!(perms instanceof JrsObject paths)) {
      return false;
    }
    for (Iterator<Map.Entry<String, JrsValue>> it = paths.fields(); it.hasNext(); ) {
      var e = it.next();
      String p = e.getKey();
      boolean covers = p.equals(path) || p.startsWith(path + "/") || p.equals("/");
      if (covers
          && e.getValue() instanceof JrsObject privileges
          && isSet(privileges.get(privilege))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a privilege's flag is set. PBS sends 1 or 0; anything else is read as the doctor always
   * read it: true, a non-zero integer, a fraction of at least 1 in size, or a string that is "true"
   * or a number whose whole part is not 0 ("1", " 2 ", "1.5").
   */
  static boolean isSet(JrsValue flag) {
    if (flag instanceof JrsBoolean b) {
      return b.booleanValue();
    }
    if (flag instanceof JrsNumber n) {
      Number v = n.getValue();
      if (v instanceof BigInteger big) {
        return big.signum() != 0;
      }
      if (v instanceof Integer || v instanceof Long) {
        return v.longValue() != 0;
      }
      return (int) v.doubleValue() != 0;
    }
    if (flag instanceof JrsString s) {
      return s.getValue().trim().equals("true") || NumberInput.parseAsInt(s.getValue(), 0) != 0;
    }
    return false;
  }
}
