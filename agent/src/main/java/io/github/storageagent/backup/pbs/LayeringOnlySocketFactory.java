package io.github.storageagent.backup.pbs;

import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLSocketFactory;

/**
 * An SSL socket factory that opens no connection of its own: HttpsURLConnection connects a plain
 * socket (with its connect timeout) and asks only to layer TLS over it. The four ways to connect
 * from a host and port, which it falls back to when layering fails, would connect without that
 * timeout; they refuse, and the first error stands.
 */
abstract class LayeringOnlySocketFactory extends SSLSocketFactory {

  /** Why this factory does not connect, for the exception. */
  abstract String refusal();

  final SocketException refused() {
    return new SocketException(refusal());
  }

  @Override
  public final Socket createSocket(String host, int port) throws SocketException {
    throw refused();
  }

  @Override
  public final Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws SocketException {
    throw refused();
  }

  @Override
  public final Socket createSocket(InetAddress host, int port) throws SocketException {
    throw refused();
  }

  @Override
  public final Socket createSocket(
      InetAddress address, int port, InetAddress localAddress, int localPort)
      throws SocketException {
    throw refused();
  }
}
