package io.github.storageagent.backup.pbs;

import io.github.storageagent.config.Fingerprint;
import io.github.storageagent.config.PbsTargetConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How the agent trusts a PBS certificate. PBS certificates are self-signed, so the usual choice is
 * the pinned SHA-256 fingerprint of the leaf certificate (what Proxmox VE itself does); with a CA
 * file the standard PKIX checks including the host name apply.
 */
public final class PbsTls {

  private PbsTls() {}

  public static SSLContext context(PbsTargetConfig target)
      throws GeneralSecurityException, IOException {
    TrustManager[] trust;
    if (target.fingerprint().isPresent()) {
      trust = new TrustManager[] {new PinnedTrustManager(target.fingerprint().get())};
    } else if (target.caFile().isPresent()) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      Collection<? extends Certificate> certs;
      try (InputStream in = Files.newInputStream(target.caFile().get())) {
        certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (certs.isEmpty()) {
        throw new CertificateException("no certificate in " + target.caFile().get());
      }
      int i = 0;
      for (Certificate c : certs) {
        store.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      trust = tmf.getTrustManagers();
    } else {
      trust = new TrustManager[] {new AnyCertificate()};
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust, null);
    return context;
  }

  /**
   * Trusts exactly the certificate with the pinned fingerprint. Host names do not matter: the pin
   * identifies the server, and PBS's self-signed certificate often names a host the agent reaches
   * by another name or address.
   */
  static final class PinnedTrustManager extends ServerTrustManager {
    private final Fingerprint pinned;

    PinnedTrustManager(Fingerprint pinned) {
      this.pinned = pinned;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      if (chain == null || chain.length == 0) {
        throw new CertificateException("server presented no certificate");
      }
      Fingerprint presented = Fingerprint.of(chain[0]);
      if (!pinned.equals(presented)) {
        throw new CertificateException(
            "certificate fingerprint mismatch: server presents "
                + presented
                + ", configured fingerprint is "
                + pinned);
      }
    }
  }

  /** insecure_skip_verify: accepts anything. Only ever used when the admin asked for it. */
  static final class AnyCertificate extends ServerTrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}
  }

  /**
   * A trust manager for a client: every server check goes through {@link
   * #checkServerTrusted(X509Certificate[], String)}, and client certificates are never trusted.
   */
  abstract static class ServerTrustManager extends X509ExtendedTrustManager {
    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      checkServerTrusted(chain, authType);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      checkServerTrusted(chain, authType);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("not a server");
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("not a server");
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("not a server");
    }

    @Override
    public final X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
