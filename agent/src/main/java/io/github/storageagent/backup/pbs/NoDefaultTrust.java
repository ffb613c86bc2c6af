package io.github.storageagent.backup.pbs;

import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.HttpsURLConnection;

/**
 * The JVM-wide default of HttpsURLConnection's socket factory while the agent runs: it connects
 * nothing.
 *
 * <p>Every HttpsURLConnection asks for the default factory when it is made, even one that is then
 * given its own: the first such call builds the JVM's default SSLContext, which parses the JDK's
 * 140-odd CA certificates into heap the agent would keep for good and never use, since each PBS
 * target trusts its own fingerprint or CA file ({@link PbsTls}). The agent makes no other HTTPS
 * connection, so the default refuses rather than trusts.
 */
final class NoDefaultTrust extends LayeringOnlySocketFactory {

  private NoDefaultTrust() {}

  /** Makes a new one the default (asking what the default is would build the JDK's). */
  static void install() {
    HttpsURLConnection.setDefaultSSLSocketFactory(new NoDefaultTrust());
  }

  @Override
  String refusal() {
    return "no default TLS trust: each HTTPS connection brings its own";
  }

  @Override
  public Socket createSocket(Socket s, String host, int port, boolean autoClose)
      throws SocketException {
    throw refused();
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return new String[0];
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return new String[0];
  }
}
