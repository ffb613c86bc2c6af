package io.github.storageagent.backup.pbs;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.storageagent.config.PbsTargetConfig;
import io.github.storageagent.config.Secret;
import java.io.IOException;
import java.io.PrintWriter;
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
              "/version", Map.of(), secret, in -> PbsJson.object(in, PbsRecords.Version.class));
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
    JsonNode perms;
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
  static boolean granted(JsonNode perms, String path, String privilege) {
    if (perms == null || !perms.isObject()) {
      return false;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = perms.fields(); it.hasNext(); ) {
      var e = it.next();
      String p = e.getKey();
      boolean covers = p.equals(path) || p.startsWith(path + "/") || p.equals("/");
      JsonNode v = e.getValue().get(privilege);
      if (covers && v != null && (v.asBoolean(false) || v.asInt(0) != 0)) {
        return true;
      }
    }
    return false;
  }
}
