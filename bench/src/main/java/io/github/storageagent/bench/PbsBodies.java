package io.github.storageagent.bench;

import io.github.storageagent.demo.pbs.PbsScenario;
import io.github.storageagent.demo.pbs.PbsSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * PBS API answers as the reference node's PBS simulator serves them, fetched once over HTTPS from
 * an in-process simulator, as inputs for the parser benchmarks. The simulator is on loopback with a
 * certificate made at start, so this client trusts whatever it presents.
 */
public final class PbsBodies {

  private static final String SECRET = "bench-secret";

  /** {@code /status/datastore-usage} of the reference node's PBS. */
  public final byte[] datastoreUsage;

  /** {@code /admin/datastore/{store}/groups} with the reference node's 40 groups in one list. */
  public final byte[] groups;

  /** {@code /admin/datastore/{store}/snapshots} with all 2,000 snapshots of those groups. */
  public final byte[] snapshots;

  private PbsBodies(byte[] usage, byte[] groups, byte[] snapshots) {
    this.datastoreUsage = usage;
    this.groups = groups;
    this.snapshots = snapshots;
  }

  /** Fetches the bodies for {@code shape} from a simulator started and stopped here. */
  public static PbsBodies fetch(Shape shape) throws IOException {
    Instant now = Instant.now();
    PbsScenario scenario = ReferenceNode.pbsScenario(shape, now);
    try (PbsSimulator pbs = ReferenceNode.startSimulator(scenario, SECRET)) {
      byte[] usage = get(pbs.url(), SECRET, "/status/datastore-usage");
      // The same groups, all in one store's root namespace, so one list holds all of them.
      PbsScenario flat =
          PbsScenario.generated(1, shape.pbsGroups(), shape.pbsSnapshotsPerGroup(), now);
      List<PbsScenario.Store> stores = new ArrayList<>();
      for (PbsScenario.Store s : flat.stores()) {
        List<PbsScenario.Group> root = new ArrayList<>();
        for (PbsScenario.Group g : s.groups()) {
          root.add(
              new PbsScenario.Group(
                  "",
                  g.type(),
                  g.id(),
                  g.comment(),
                  g.snapshots(),
                  g.newest(),
                  g.spacing(),
                  g.newestVerify(),
                  g.olderVerify(),
                  g.lastTaskFailed()));
        }
        stores.add(
            new PbsScenario.Store(
                s.name(),
                s.total(),
                s.used(),
                s.estimatedFull(),
                s.error(),
                s.mounted(),
                s.gc(),
                List.of(),
                root));
      }
      pbs.scenario(new PbsScenario(stores, flat.jobs()));
      String store = stores.get(0).name();
      byte[] groups = get(pbs.url(), SECRET, "/admin/datastore/" + store + "/groups?ns=");
      byte[] snapshots = get(pbs.url(), SECRET, "/admin/datastore/" + store + "/snapshots?ns=");
      return new PbsBodies(usage, groups, snapshots);
    }
  }

  /** GET {@code /api2/json<path>} with the reference token, trusting any certificate. */
  static byte[] get(String url, String secret, String path) throws IOException {
    HttpsURLConnection c =
        (HttpsURLConnection) URI.create(url + "/api2/json" + path).toURL().openConnection();
    c.setSSLSocketFactory(trustAll().getSocketFactory());
    c.setHostnameVerifier((host, session) -> true);
    c.setRequestProperty("Authorization", "PBSAPIToken=" + ReferenceNode.TOKEN_ID + ":" + secret);
    if (c.getResponseCode() != 200) {
      throw new IOException(path + ": HTTP " + c.getResponseCode());
    }
    try (InputStream in = c.getInputStream()) {
      return in.readAllBytes();
    } finally {
      c.disconnect();
    }
  }

  private static SSLContext trustAll() throws IOException {
    try {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
      return tls;
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  /** Loopback only, for fetching benchmark inputs from the simulator. */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
