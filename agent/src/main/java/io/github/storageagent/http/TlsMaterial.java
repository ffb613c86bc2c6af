package io.github.storageagent.http;

import io.github.storageagent.collect.Messages;
import io.github.storageagent.config.PemSource;
import io.github.storageagent.config.WebTlsConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The server's certificate chain and private key, and the CAs for client certificates, read from
 * the PEM files a web config names, and checked the way Go's {@code tls.X509KeyPair} checks them:
 * the key must be unencrypted and match the leaf certificate.
 *
 * @param chain the server's certificates, leaf first
 * @param key the leaf's private key
 * @param clientCas the CAs client certificates are verified against; empty means the JVM's
 */
record TlsMaterial(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> clientCas) {

  /** Why the files of a web config cannot serve TLS; the message names the key and the file. */
  static final class TlsMaterialException extends Exception {
    private static final long serialVersionUID = 1L;

    TlsMaterialException(String message) {
      super(message);
    }
  }

  TlsMaterial {
    chain = List.copyOf(chain);
    clientCas = List.copyOf(clientCas);
  }

  static TlsMaterial load(WebTlsConfig tls) throws TlsMaterialException {
    List<X509Certificate> chain = certificates(tls.cert());
    PrivateKey key = privateKey(tls.key());
    if (!matches(key, chain.get(0))) {
      throw new TlsMaterialException(
          tls.key().describe()
              + ": does not match the certificate in "
              + tls.cert().describe()
              + " (its public key is not this key's)");
    }
    List<X509Certificate> clientCas =
        tls.clientCa().isPresent() ? certificates(tls.clientCa().get()) : List.of();
    return new TlsMaterial(chain, key, clientCas);
  }

  /** The leaf certificate's expiry. */
  Instant notAfter() {
    return chain.get(0).getNotAfter().toInstant();
  }

  /** An in-memory key store holding the chain and key under a throwaway password. */
  KeyStore keyStore(char[] password) throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", key, password, chain.toArray(Certificate[]::new));
    return store;
  }

  /** An in-memory trust store of the client CAs, or empty to use the JVM's. */
  Optional<KeyStore> trustStore() throws GeneralSecurityException, IOException {
    if (clientCas.isEmpty()) {
      return Optional.empty();
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    for (int i = 0; i < clientCas.size(); i++) {
      store.setCertificateEntry("client-ca-" + i, clientCas.get(i));
    }
    return Optional.of(store);
  }

  /** A password that only lives as long as one in-memory key store. */
  static char[] throwawayPassword() {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    return Base64.getEncoder().withoutPadding().encodeToString(random).toCharArray();
  }

  private static List<X509Certificate> certificates(PemSource source) throws TlsMaterialException {
    String pem = read(source);
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Certificate c :
          factory.generateCertificates(
              new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        certificates.add((X509Certificate) c);
      }
    } catch (CertificateException | RuntimeException e) {
      throw new TlsMaterialException(
          source.describe()
              + ": not a PEM certificate: "
              + Messages.firstLine(e.getMessage(), 200).strip());
    }
    if (certificates.isEmpty()) {
      throw new TlsMaterialException(source.describe() + ": no PEM certificate in it");
    }
    return certificates;
  }

  private static PrivateKey privateKey(PemSource source) throws TlsMaterialException {
    String pem = read(source);
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof PEMKeyPair pair) {
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (o instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
          throw new TlsMaterialException(
              source.describe()
                  + ": the key is encrypted; like node_exporter, the agent takes an unencrypted"
                  + " key (protect it by file permissions, or use LoadCredentialEncrypted=)");
        }
        // Anything else (EC PARAMETERS before an EC key, a certificate) is skipped, as Go does.
      }
    } catch (IOException | RuntimeException e) {
      throw new TlsMaterialException(
          source.describe()
              + ": not a PEM private key: "
              + Messages.firstLine(e.getMessage(), 200).strip());
    }
    throw new TlsMaterialException(source.describe() + ": no PEM private key in it");
  }

  /**
   * Whether {@code key} signs what the certificate's public key verifies; for the key types Go
   * serves TLS with (RSA, ECDSA, Ed25519).
   */
  private static boolean matches(PrivateKey key, X509Certificate leaf) throws TlsMaterialException {
    String algorithm =
        switch (key.getAlgorithm().toUpperCase(Locale.ROOT)) {
          case "RSA" -> "SHA256withRSA";
          case "EC", "ECDSA" -> "SHA256withECDSA";
          case "ED25519", "EDDSA" -> "Ed25519";
          default ->
              throw new TlsMaterialException(
                  "key_file: unsupported key type " + key.getAlgorithm() + " (RSA, EC or Ed25519)");
        };
    byte[] probe = "storage-agent key check".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(leaf.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static String read(PemSource source) throws TlsMaterialException {
    try {
      return source.read();
    } catch (IOException e) {
      throw new TlsMaterialException(e.getMessage());
    }
  }
}
