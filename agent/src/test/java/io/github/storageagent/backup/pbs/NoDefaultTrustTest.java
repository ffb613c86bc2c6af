package io.github.storageagent.backup.pbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.URI;
import javax.net.ssl.HttpsURLConnection;
import org.junit.jupiter.api.Test;

class NoDefaultTrustTest {

  @Test
  void onceThePbsClientIsLoadedTheDefaultFactoryConnectsNothing() throws Exception {
    Class.forName(PbsClient.class.getName(), true, PbsClient.class.getClassLoader());

    assertThat(HttpsURLConnection.getDefaultSSLSocketFactory()).isInstanceOf(NoDefaultTrust.class);
    assertThatThrownBy(() -> HttpsURLConnection.getDefaultSSLSocketFactory().createSocket("h", 1))
        .isInstanceOf(SocketException.class)
        .hasMessageContaining("no default TLS trust");
    // A connection left with the default reaches the port but never speaks TLS with it.
    try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      HttpsURLConnection c =
          (HttpsURLConnection)
              URI.create("https://127.0.0.1:" + listening.getLocalPort() + "/")
                  .toURL()
                  .openConnection(Proxy.NO_PROXY);
      c.setConnectTimeout(5_000);
      assertThatThrownBy(c::connect)
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("no default TLS trust");
    }
  }
}
