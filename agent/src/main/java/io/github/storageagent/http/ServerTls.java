package io.github.storageagent.http;

import io.github.storageagent.config.ClientAuthType;
import io.github.storageagent.config.TlsVersion;
import io.github.storageagent.config.WebTlsConfig;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty's TLS server side, set from a web config's {@code tls_server_config} with Go's meaning of
 * each key, and re-set on a running server when the web config or its files change.
 */
final class ServerTls extends SslContextFactory.Server {

  /** TLS 1.3's suites: Go does not let {@code cipher_suites} remove them, nor do we. */
  private static final List<String> TLS13_SUITES =
      List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

  /** Jetty's exclusions of weak suites, kept when the web config names no suites. */
  private static final String[] DEFAULT_EXCLUDED_CIPHER_SUITES =
      new SslContextFactory.Server().getExcludeCipherSuites();

  /** {@code SSLParameters.setNamedGroups}, Java 20 and later; absent on Java 17. */
  private static final MethodHandle SET_NAMED_GROUPS = namedGroupsSetter();

  private volatile WebTlsConfig config;
  private volatile TlsMaterial material;

  ServerTls(WebTlsConfig config, TlsMaterial material) {
    apply(config, material);
    setRenegotiationAllowed(false);
  }

  /** Whether {@code curve_preferences} can be honoured on this JVM. */
  static boolean canSetCurves() {
    return SET_NAMED_GROUPS != null;
  }

  /** The JSSE cipher suites this JVM supports, to check {@code cipher_suites} against. */
  static Set<String> supportedCipherSuites() {
    try {
      return new TreeSet<>(
          List.of(
              javax.net.ssl.SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites()));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no TLS", e);
    }
  }

  /** Swaps in a new config and material; new handshakes use them, open connections keep theirs. */
  void replace(WebTlsConfig config, TlsMaterial material) throws Exception {
    reload(factory -> apply(config, material));
  }

  private void apply(WebTlsConfig config, TlsMaterial material) {
    this.config = config;
    this.material = material;
    char[] password = TlsMaterial.throwawayPassword();
    try {
      setKeyStore(material.keyStore(password));
    } catch (Exception e) {
      throw new IllegalStateException("cannot hold the key in memory: " + e.getMessage(), e);
    }
    setKeyStorePassword(new String(password));
    setKeyManagerPassword(new String(password));
    ClientAuthType auth = config.clientAuth();
    setNeedClientAuth(auth.requires());
    setWantClientAuth(auth.requests() && !auth.requires());
    List<String> protocols = new ArrayList<>();
    for (TlsVersion v : TlsVersion.values()) {
      if (v.compareTo(config.minVersion()) >= 0 && v.compareTo(config.maxVersion()) <= 0) {
        protocols.add(v.protocol());
      }
    }
    setIncludeProtocols(protocols.toArray(String[]::new));
    if (config.cipherSuites().isEmpty()) {
      setIncludeCipherSuites();
      setExcludeCipherSuites(DEFAULT_EXCLUDED_CIPHER_SUITES);
    } else {
      List<String> suites = new ArrayList<>(config.cipherSuites());
      suites.addAll(TLS13_SUITES);
      setIncludeCipherSuites(suites.toArray(String[]::new));
      // The admin's list is the whole policy, as in Go: Jetty's own exclusions would drop
      // suites it names.
      setExcludeCipherSuites();
    }
    setUseCipherSuitesOrder(config.preferServerCipherSuites());
  }

  @Override
  protected TrustManager[] getTrustManagers(KeyStore ignored, Collection<? extends CRL> crls)
      throws Exception {
    WebTlsConfig tls = this.config;
    X509ExtendedTrustManager trust;
    if (!tls.clientAuth().verifies()) {
      trust = new AcceptAnyClient();
    } else {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(material.trustStore().orElse(null));
      trust = x509(factory.getTrustManagers());
    }
    if (!tls.clientAllowedSans().isEmpty()) {
      trust = new AllowedSans(trust, Set.copyOf(tls.clientAllowedSans()));
    }
    return new TrustManager[] {trust};
  }

  @Override
  public SSLParameters customize(SSLParameters parameters) {
    SSLParameters customized = super.customize(parameters);
    List<String> curves = config.curvePreferences();
    if (!curves.isEmpty() && SET_NAMED_GROUPS != null) {
      try {
        SET_NAMED_GROUPS.invoke(customized, (Object) curves.toArray(String[]::new));
      } catch (Throwable e) {
        throw new IllegalStateException("cannot set curve_preferences: " + e.getMessage(), e);
      }
    }
    return customized;
  }

  private static X509ExtendedTrustManager x509(TrustManager[] managers) {
    for (TrustManager m : managers) {
      if (m instanceof X509ExtendedTrustManager x) {
        return x;
      }
    }
    throw new IllegalStateException("the JVM offers no X.509 trust manager");
  }

  private static MethodHandle namedGroupsSetter() {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(
              SSLParameters.class,
              "setNamedGroups",
              MethodType.methodType(void.class, String[].class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }

  /** RequestClientCert and RequireAnyClientCert: a client certificate is taken unverified. */
  private static final class AcceptAnyClient extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("a server's trust manager checks no servers");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /**
   * {@code client_allowed_sans}: after the usual checks, the client's certificate must carry one of
   * the allowed subject alternative names (DNS, e-mail, IP or URI), as exporter-toolkit asks.
   */
  private static final class AllowedSans extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    private final Set<String> allowed;

    AllowedSans(X509ExtendedTrustManager delegate, Set<String> allowed) {
      this.delegate = delegate;
      this.allowed = allowed;
    }

    private void checkSans(X509Certificate[] chain) throws CertificateException {
      if (chain == null || chain.length == 0) {
        return;
      }
      Collection<List<?>> sans;
      try {
        sans = chain[0].getSubjectAlternativeNames();
      } catch (CertificateParsingException e) {
        throw new CertificateException("client certificate: unreadable SANs", e);
      }
      if (sans != null) {
        for (List<?> san : sans) {
          if (san.size() >= 2 && allowed.contains(String.valueOf(san.get(1)))) {
            return;
          }
        }
      }
      throw new CertificateException("client certificate has none of client_allowed_sans");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
      checkSans(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType, socket);
      checkSans(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType, engine);
      checkSans(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      delegate.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      delegate.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }
}
