package io.github.storageagent.http;

/**
 * A {@code --web.listen-address} value: {@code :9958} (every interface), {@code 127.0.0.1:9958},
 * {@code [::1]:9958}.
 */
public record ListenAddress(String host, int port) {

  public static ListenAddress parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("listen address must be [host]:port, got '" + text + "'");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "listen address port must be a number, got '" + text + "'");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("listen address port out of range: " + port);
    }
    return new ListenAddress(host.isEmpty() ? "0.0.0.0" : host, port);
  }
}
