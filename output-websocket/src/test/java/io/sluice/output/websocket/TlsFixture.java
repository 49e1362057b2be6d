package io.sluice.output.websocket;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away CA, a server certificate for the name localhost only and a client certificate, all signed by that CA and
 * made with the JDK's keytool, plus the PEM files a user would configure.
 */
final class TlsFixture {

    private static final String PASS = "changeit";

    final Path dir;
    final Path caPem;
    final Path clientCertPem;
    final Path clientKeyPem;
    private final Path serverStore;
    private final Path caStore;

    TlsFixture(Path dir) throws Exception {
        this.dir = dir;
        this.caStore = dir.resolve("ca.p12");
        this.serverStore = dir.resolve("server.p12");
        Path clientStore = dir.resolve("client.p12");
        this.caPem = dir.resolve("ca.pem");
        this.clientCertPem = dir.resolve("client.pem");
        this.clientKeyPem = dir.resolve("client.key");

        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=sluice test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", caStore.toString());
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", caStore.toString(), "-file", caPem.toString());
        // keytool is a JVM start per call: issue both certificates at once
        java.util.concurrent.CompletableFuture<Void> server = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                issue(serverStore, "server", "CN=localhost", "san=dns:localhost");
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        issue(clientStore, "client", "CN=sluice client", null);
        server.join();
        Path chain = dir.resolve("client-chain.pem");
        keytool("-exportcert", "-rfc", "-alias", "client", "-keystore", clientStore.toString(),
                "-file", chain.toString());
        Files.writeString(clientCertPem, Files.readString(chain));
        KeyStore client = load(clientStore);
        PrivateKey key = (PrivateKey) client.getKey("client", PASS.toCharArray());
        Files.writeString(clientKeyPem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    }

    private void issue(Path store, String alias, String dname, String san) throws Exception {
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-validity", "2", "-keystore", store.toString());
        Path csr = dir.resolve(alias + ".csr");
        Path crt = dir.resolve(alias + ".crt");
        keytool("-certreq", "-alias", alias, "-keystore", store.toString(), "-file", csr.toString());
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-validity", "2",
                "-keystore", caStore.toString(), "-infile", csr.toString(), "-outfile", crt.toString()));
        if (san != null) {
            gencert.add("-ext");
            gencert.add(san);
        }
        keytool(gencert.toArray(String[]::new));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore", store.toString());
        keytool("-importcert", "-alias", alias, "-file", crt.toString(), "-keystore", store.toString());
    }

    /** The server side: its certificate chain, and trust in the CA for client certificates. */
    SSLContext serverContext() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(serverStore), PASS.toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", load(caStore).getCertificate("ca"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASS.toCharArray());
        }
        return ks;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASS, "-keypass", PASS));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
