package dev.vakt.monitoring.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Certificates for the TLS tests, made once per test run with the JDK's {@code keytool}: a test CA,
 * a server certificate it signed that is valid for 400 days, and one that expired 370 days ago. The
 * probes trust the CA, as production probes trust the public CAs, so an expired certificate fails
 * the real PKIX validation, not a shortcut.
 */
final class FixtureCertificates {

  static final String PASSWORD = "changeit";
  static final String ALIAS = "server";

  private static FixtureCertificates made;

  final Path valid;
  final Path expired;
  final X509Certificate ca;

  private FixtureCertificates(Path valid, Path expired, X509Certificate ca) {
    this.valid = valid;
    this.expired = expired;
    this.ca = ca;
  }

  /** The certificates, made on first use (about 3 s of keytool runs). */
  static synchronized FixtureCertificates get() {
    if (made == null) {
      try {
        Path dir = Files.createTempDirectory("vakt-tls-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        made = make(dir);
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalStateException("cannot make test certificates with keytool", e);
      }
    }
    return made;
  }

  private static void delete(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // A leftover temp directory is harmless.
    }
  }

  private static FixtureCertificates make(Path dir) throws IOException, GeneralSecurityException {
    Path ca = dir.resolve("ca.p12");
    keytool(
        "-genkeypair",
        "-keystore",
        ca.toString(),
        "-alias",
        "ca",
        "-dname",
        "CN=Vakt Test CA",
        "-ext",
        "bc:c",
        "-validity",
        "3650");
    Path caPem = dir.resolve("ca.pem");
    keytool(
        "-exportcert",
        "-keystore",
        ca.toString(),
        "-alias",
        "ca",
        "-rfc",
        "-file",
        caPem.toString());
    // The two server certificates are independent: make them in parallel.
    CompletableFuture<Path> valid =
        CompletableFuture.supplyAsync(() -> server(dir, "valid", ca, caPem, "-validity", "400"));
    CompletableFuture<Path> expired =
        CompletableFuture.supplyAsync(
            () -> server(dir, "expired", ca, caPem, "-startdate", "-400d", "-validity", "30"));
    X509Certificate caCert;
    try (InputStream in = Files.newInputStream(caPem)) {
      caCert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    return new FixtureCertificates(valid.join(), expired.join(), caCert);
  }

  private static Path server(Path dir, String name, Path ca, Path caPem, String... validity) {
    try {
      Path store = dir.resolve(name + ".p12");
      Path csr = dir.resolve(name + ".csr");
      Path pem = dir.resolve(name + ".pem");
      keytool(
          "-genkeypair", "-keystore", store.toString(), "-alias", ALIAS, "-dname", "CN=localhost");
      keytool("-certreq", "-keystore", store.toString(), "-alias", ALIAS, "-file", csr.toString());
      List<String> sign =
          new ArrayList<>(
              List.of(
                  "-gencert",
                  "-keystore",
                  ca.toString(),
                  "-alias",
                  "ca",
                  "-infile",
                  csr.toString(),
                  "-outfile",
                  pem.toString(),
                  "-rfc",
                  "-ext",
                  "san=ip:127.0.0.1,dns:localhost"));
      sign.addAll(List.of(validity));
      keytool(sign.toArray(String[]::new));
      Path chain = dir.resolve(name + "-chain.pem");
      Files.writeString(
          chain,
          Files.readString(caPem, StandardCharsets.US_ASCII)
              + Files.readString(pem, StandardCharsets.US_ASCII),
          StandardCharsets.US_ASCII);
      keytool(
          "-importcert",
          "-keystore",
          store.toString(),
          "-alias",
          ALIAS,
          "-file",
          chain.toString(),
          "-noprompt");
      return store;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void keytool(String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    // A quick JVM: these runs are short.
    command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
    command.addAll(List.of(arguments));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
    if (arguments[0].equals("-genkeypair")) {
      command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1"));
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool " + arguments[0] + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      process.destroy();
    }
  }

  /** A server-side SSL context presenting the key and chain in {@code keystore}. */
  static SSLContext serverContext(Path keystore) {
    return serverContext(keystore, name -> {});
  }

  /**
   * As {@link #serverContext(Path)}, telling {@code sni} the host name each client asked for in its
   * handshake (SNI), or "" when it named none: proof that a probe connected to an address still
   * named the host (F19).
   */
  static SSLContext serverContext(Path keystore, java.util.function.Consumer<String> sni) {
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD.toCharArray());
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      var manager = (javax.net.ssl.X509ExtendedKeyManager) keys.getKeyManagers()[0];
      context.init(new javax.net.ssl.KeyManager[] {new SniRecorder(manager, sni)}, null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Trust in the test CA only. */
  X509TrustManager trust() {
    return trusting(ca);
  }

  /** Trust in exactly these certificates. */
  static X509TrustManager trusting(X509Certificate... certificates) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < certificates.length; i++) {
        store.setCertificateEntry("trusted-" + i, certificates[i]);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("no X.509 trust manager");
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The self-signed certificate GreenMail's TLS servers present (greenmail.p12 in its jar). */
  static X509Certificate greenMailCertificate() {
    try (InputStream in =
        FixtureCertificates.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD.toCharArray());
      return (X509Certificate) store.getCertificate(store.aliases().nextElement());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Passes every choice to the JDK's key manager, after noting the SNI the client sent. */
  private static final class SniRecorder extends javax.net.ssl.X509ExtendedKeyManager {
    private final javax.net.ssl.X509ExtendedKeyManager keys;
    private final java.util.function.Consumer<String> sni;

    SniRecorder(
        javax.net.ssl.X509ExtendedKeyManager keys, java.util.function.Consumer<String> sni) {
      this.keys = keys;
      this.sni = sni;
    }

    private void note(javax.net.ssl.SSLSession handshake) {
      String name = "";
      if (handshake instanceof javax.net.ssl.ExtendedSSLSession extended) {
        for (javax.net.ssl.SNIServerName requested : extended.getRequestedServerNames()) {
          if (requested instanceof javax.net.ssl.SNIHostName host) {
            name = host.getAsciiName();
          }
        }
      }
      sni.accept(name);
    }

    @Override
    public String chooseServerAlias(
        String keyType, java.security.Principal[] issuers, java.net.Socket socket) {
      if (socket instanceof javax.net.ssl.SSLSocket ssl) {
        note(ssl.getHandshakeSession());
      }
      return keys.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(
        String keyType, java.security.Principal[] issuers, javax.net.ssl.SSLEngine engine) {
      note(engine.getHandshakeSession());
      return keys.chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
      return keys.getServerAliases(keyType, issuers);
    }

    @Override
    public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
      return keys.getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(
        String[] keyType, java.security.Principal[] issuers, java.net.Socket socket) {
      return keys.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public java.security.cert.X509Certificate[] getCertificateChain(String alias) {
      return keys.getCertificateChain(alias);
    }

    @Override
    public java.security.PrivateKey getPrivateKey(String alias) {
      return keys.getPrivateKey(alias);
    }
  }
}
