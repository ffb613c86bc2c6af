package io.github.storageagent.demo.pbs;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * A self-signed EC P-256 certificate for {@code localhost} and {@code 127.0.0.1}, like the one a
 * fresh PBS makes for itself. Built with public JDK APIs only: the few DER structures of an X.509
 * v3 certificate are encoded here and signed with {@link Signature}, so the demo needs neither
 * BouncyCastle (megabytes in the agent jar for a demo) nor the JDK's internal {@code sun.security}
 * classes.
 *
 * @param keys the key pair
 * @param certificate the certificate
 */
public record SelfSignedCertificate(KeyPair keys, X509Certificate certificate) {

  private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
  private static final String COMMON_NAME = "2.5.4.3";
  private static final String SUBJECT_ALT_NAME = "2.5.29.17";

  public static SelfSignedCertificate generate(String commonName) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair keys = gen.generateKeyPair();
      Instant now = Instant.now();
      byte[] algorithm = seq(oid(ECDSA_WITH_SHA256));
      byte[] name = seq(set(seq(oid(COMMON_NAME), tlv(0x0C, utf8(commonName)))));
      byte[] san =
          seq(
              tlv(0x82, utf8("localhost")), // dNSName
              tlv(0x87, new byte[] {127, 0, 0, 1})); // iPAddress
      byte[] tbs =
          seq(
              tlv(0xA0, integer(BigInteger.TWO)), // v3
              integer(new BigInteger(64, new SecureRandom()).add(BigInteger.ONE)),
              algorithm,
              name,
              seq(time(now.minus(Duration.ofDays(1))), time(now.plus(Duration.ofDays(3650)))),
              name,
              keys.getPublic().getEncoded(),
              tlv(0xA3, seq(seq(oid(SUBJECT_ALT_NAME), tlv(0x04, san)))));
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(keys.getPrivate());
      signer.update(tbs);
      byte[] signature = signer.sign();
      byte[] bits = new byte[signature.length + 1];
      System.arraycopy(signature, 0, bits, 1, signature.length);
      byte[] der = seq(tbs, algorithm, tlv(0x03, bits));
      X509Certificate cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new java.io.ByteArrayInputStream(der));
      cert.verify(keys.getPublic());
      return new SelfSignedCertificate(keys, cert);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create a self-signed certificate", e);
    }
  }

  /** The certificate in PEM, as a {@code ca_file}. */
  public String pem() {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
              .encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] time(Instant t) {
    var utc = t.atZone(ZoneOffset.UTC);
    if (utc.getYear() < 2050) {
      return tlv(0x17, utf8(DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").format(utc)));
    }
    return tlv(0x18, utf8(DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").format(utc)));
  }

  private static byte[] integer(BigInteger v) {
    return tlv(0x02, v.toByteArray());
  }

  private static byte[] oid(String dotted) {
    String[] parts = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
    for (int i = 2; i < parts.length; i++) {
      long v = Long.parseLong(parts[i]);
      byte[] tmp = new byte[10];
      int n = 0;
      do {
        tmp[n++] = (byte) (v & 0x7F);
        v >>= 7;
      } while (v > 0);
      for (int j = n - 1; j >= 0; j--) {
        out.write(tmp[j] | (j > 0 ? 0x80 : 0));
      }
    }
    return tlv(0x06, out.toByteArray());
  }

  private static byte[] seq(byte[]... parts) {
    return tlv(0x30, parts);
  }

  private static byte[] set(byte[]... parts) {
    return tlv(0x31, parts);
  }

  private static byte[] tlv(int tag, byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      content.writeBytes(p);
    }
    int len = content.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    if (len < 0x80) {
      out.write(len);
    } else if (len < 0x100) {
      out.write(0x81);
      out.write(len);
    } else if (len < 0x10000) {
      out.write(0x82);
      out.write(len >> 8);
      out.write(len & 0xFF);
    } else {
      out.write(0x83);
      out.write(len >> 16);
      out.write((len >> 8) & 0xFF);
      out.write(len & 0xFF);
    }
    out.writeBytes(content.toByteArray());
    return out.toByteArray();
  }
}
