package io.github.storageagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** An Alertmanager webhook receiver on loopback that keeps every notification it is sent. */
public final class WebhookReceiver implements AutoCloseable {

  /** One alert as a notification carried it, with the receiver (URL path) it was sent to. */
  public record Received(String receiver, String status, JsonNode labels) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();

  public WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            String receiver = exchange.getRequestURI().getPath().substring(1);
            synchronized (received) {
              for (JsonNode alert : body.path("alerts")) {
                received.add(
                    new Received(receiver, alert.path("status").asText(), alert.path("labels")));
              }
            }
            exchange.sendResponseHeaders(200, -1);
          }
        });
    server.start();
  }

  /** Base URL; a receiver named r should post to {@code url() + r}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  public List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** Forgets what was received so far, so that a test step sees only its own notifications. */
  public void clear() {
    synchronized (received) {
      received.clear();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
