package io.github.storageagent.backup.pbs;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The sockets of one PBS client's connections, for HttpsURLConnection. It asks for an unconnected
 * socket, connects it with the connect timeout, then layers TLS over it:
 *
 * <ul>
 *   <li>the plain socket is a {@link CallSocket}, which tells the request on its thread ({@link
 *       PbsCall}) that it is in use, so that the request's limits can close it;
 *   <li>TLS comes from the client's SSLContext ({@link PbsTls}) with endpoint identification
 *       "HTTPS", as java.net.http set it: the host name is then checked by the trust manager, which
 *       for a CA file is the JDK's PKIX one, while the pinned-fingerprint and insecure managers
 *       ignore it (README: host names are not checked with a fingerprint). With identification set
 *       on the socket, HttpsURLConnection consults no HostnameVerifier.
 * </ul>
 *
 * <p>One instance per client: the JDK keeps idle connections per factory instance, so a client only
 * ever reuses connections made with its own trust.
 */
final class PbsSocketFactory extends LayeringOnlySocketFactory {

  private final SSLSocketFactory tls;

  PbsSocketFactory(SSLContext context) {
    this.tls = context.getSocketFactory();
  }

  @Override
  public Socket createSocket() {
    Socket s = new CallSocket();
    PbsCall.using(s);
    return s;
  }

  @Override
  public Socket createSocket(Socket plain, String host, int port, boolean autoClose)
      throws IOException {
    SSLSocket s = (SSLSocket) tls.createSocket(plain, host, port, autoClose);
    SSLParameters p = s.getSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS");
    s.setSSLParameters(p);
    return s;
  }

  @Override
  String refusal() {
    return "PBS connections are made with a connect timeout";
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return tls.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return tls.getSupportedCipherSuites();
  }

  /** A direct (never proxied) TCP socket that reports each read to the request on its thread. */
  private static final class CallSocket extends Socket {

    CallSocket() {
      super(Proxy.NO_PROXY);
    }

    @Override
    public InputStream getInputStream() throws IOException {
      return new FilterInputStream(super.getInputStream()) {
        @Override
        public int read() throws IOException {
          PbsCall.using(CallSocket.this);
          return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          PbsCall.using(CallSocket.this);
          return super.read(b, off, len);
        }
      };
    }
  }
}
