package io.github.storageagent.config;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-256 fingerprint of a certificate's DER encoding, as PBS shows it ({@code aa:bb:...}) and
 * as Proxmox VE pins it in its {@code pbs} storage config.
 */
public final class Fingerprint {

  private final byte[] sha256;

  private Fingerprint(byte[] sha256) {
    this.sha256 = sha256;
  }

  /** Accepts {@code AB:CD:...} or plain hex, in either case; 32 bytes. */
  public static Fingerprint parse(String text) {
    String hex = text == null ? "" : text.strip().replace(":", "").toLowerCase(Locale.ROOT);
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "must be a SHA-256 fingerprint: 32 hex bytes such as AB:CD:..., as shown by PBS"
              + " (Dashboard > Show Fingerprint)");
    }
    return new Fingerprint(HexFormat.of().parseHex(hex));
  }

  public static Fingerprint of(X509Certificate certificate) {
    try {
      return new Fingerprint(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot fingerprint certificate", e);
    }
  }

  public boolean matches(X509Certificate certificate) {
    return MessageDigest.isEqual(sha256, of(certificate).sha256);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fingerprint f && Arrays.equals(sha256, f.sha256);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sha256);
  }

  /** Colon-separated lower-case hex, the form PBS prints. */
  @Override
  public String toString() {
    return HexFormat.ofDelimiter(":").formatHex(sha256);
  }
}
