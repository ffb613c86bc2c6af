package io.github.storageagent.backup.pbs;

import io.github.storageagent.demo.pbs.SelfSignedCertificate;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A TLS server that answers each request with a script written straight to the socket: for what the
 * PBS simulator cannot do (drip an answer, challenge, redirect, close). Its certificate names
 * localhost and 127.0.0.1.
 */
final class ScriptedPbs implements AutoCloseable {

  /** Writes the answer to {@code request}; returns whether the connection stays open. */
  @FunctionalInterface
  interface Script {
    boolean answer(String request, OutputStream out) throws Exception;

    /** Answers every request with {@code text}, keeping the connection open. */
    static Script always(String text) {
      return (request, out) -> {
        write(out, text);
        return true;
      };
    }
  }

  private final SelfSignedCertificate certificate = SelfSignedCertificate.generate("pbs-scripted");
  private final ServerSocket server;
  private final Script script;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  /** Listens on loopback, or on every address with {@code anyAddress}. */
  ScriptedPbs(boolean anyAddress, Script script) throws Exception {
    this.script = script;
    this.server =
        tls()
            .getServerSocketFactory()
            .createServerSocket(0, 50, anyAddress ? null : InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "scripted-pbs-accept");
    accept.setDaemon(true);
    accept.start();
  }

  ScriptedPbs(Script script) throws Exception {
    this(false, script);
  }

  String url() {
    return "https://127.0.0.1:" + port();
  }

  int port() {
    return server.getLocalPort();
  }

  String fingerprint() throws Exception {
    byte[] d = MessageDigest.getInstance("SHA-256").digest(certificate.certificate().getEncoded());
    return HexFormat.ofDelimiter(":").formatHex(d);
  }

  String certificatePem() {
    return certificate.pem();
  }

  /** Request heads received, in order. */
  List<String> requests() {
    return requests;
  }

  int connections() {
    return connections.get();
  }

  private SSLContext tls() throws Exception {
    char[] password = "test".toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "server",
        certificate.keys().getPrivate(),
        password,
        new Certificate[] {certificate.certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, password);
    SSLContext c = SSLContext.getInstance("TLS");
    c.init(kmf.getKeyManagers(), null, null);
    return c;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        open.add(s);
        connections.incrementAndGet();
        Thread t = new Thread(() -> serve(s), "scripted-pbs-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      String request;
      while ((request = head(in)) != null) {
        requests.add(request);
        boolean keepOpen = script.answer(request, out);
        out.flush();
        if (!keepOpen) {
          return;
        }
      }
    } catch (Exception ignored) {
      // the client went away, or the test closed the server
    }
  }

  /** The request line and headers, or null at the end of the connection. */
  private static String head(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == end.length) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  /** An HTTP/1.1 answer with a body and its length. */
  static String answer(String statusLine, String headers, String body) {
    return "HTTP/1.1 "
        + statusLine
        + "\r\n"
        + headers
        + "Content-Type: application/json\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + body;
  }

  static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends {@code text} one byte every {@code pauseMillis}. */
  static void drip(OutputStream out, String text, long pauseMillis) throws Exception {
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      out.write(b);
      out.flush();
      Thread.sleep(pauseMillis);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
