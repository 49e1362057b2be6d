package io.sluice.api.net;

import io.sluice.api.config.PluginConfig;
import io.sluice.api.config.PropertyGroup;
import io.sluice.api.config.PropertySpec;
import io.sluice.api.config.PropertyType;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The {@code tls*} settings of a TLS client: certificate and host name verification are on unless {@code tls.verify
 * off}; trust comes from {@code tls.ca_file}/{@code tls.ca_path} or else the JDK's default trust store.
 *
 * @param enabled whether TLS is used at all ({@code tls})
 * @param verify  whether the server's certificate chain and host name are verified ({@code tls.verify})
 * @param caFile  a PEM file of trusted CA certificates, or {@code null}
 * @param caPath  a directory of PEM files of trusted CA certificates, or {@code null}
 * @param crtFile the client certificate chain (PEM), or {@code null}
 * @param keyFile the client's private key (PEM, unencrypted PKCS#8), or {@code null}
 * @param vhost   the host name sent as SNI and verified instead of the connected host, or {@code null}
 */
public record TlsSettings(boolean enabled, boolean verify, String caFile, String caPath, String crtFile,
                          String keyFile, String vhost) {

    /** {@code tls}. */
    public static final String TLS = "tls";
    /** {@code tls.verify}. */
    public static final String VERIFY = "tls.verify";
    /** {@code tls.ca_file}. */
    public static final String CA_FILE = "tls.ca_file";
    /** {@code tls.ca_path}. */
    public static final String CA_PATH = "tls.ca_path";
    /** {@code tls.crt_file}. */
    public static final String CRT_FILE = "tls.crt_file";
    /** {@code tls.key_file}. */
    public static final String KEY_FILE = "tls.key_file";
    /** {@code tls.vhost}. */
    public static final String VHOST = "tls.vhost";

    /** Checks that a client certificate comes with its key. */
    public TlsSettings {
        if ((crtFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException(CRT_FILE + " and " + KEY_FILE + " must be set together");
        }
    }

    /** TLS off. */
    public static TlsSettings disabled() {
        return new TlsSettings(false, true, null, null, null, null, null);
    }

    /** The declarations of these keys, in the NETWORK_TLS group, for a plugin's {@code properties()}. */
    public static List<PropertySpec> properties() {
        return List.of(
                spec(TLS, PropertyType.BOOLEAN, "off", "Enable TLS"),
                spec(VERIFY, PropertyType.BOOLEAN, "on", "Verify the server certificate and host name"),
                spec(CA_FILE, PropertyType.STRING, null, "PEM file of trusted CA certificates"),
                spec(CA_PATH, PropertyType.STRING, null, "Directory of PEM files of trusted CA certificates"),
                spec(CRT_FILE, PropertyType.STRING, null, "Client certificate chain (PEM)"),
                spec(KEY_FILE, PropertyType.STRING, null, "Client private key (PEM, unencrypted PKCS#8)"),
                spec(VHOST, PropertyType.STRING, null, "Host name for SNI and certificate verification"));
    }

    private static PropertySpec spec(String name, PropertyType type, String def, String description) {
        return PropertySpec.of(name, type, def, description).inGroup(PropertyGroup.NETWORK_TLS);
    }

    /** Reads the settings from a configuration whose plugin declared {@link #properties()}. */
    public static TlsSettings from(PluginConfig config) {
        return new TlsSettings(config.getBoolean(TLS, false), config.getBoolean(VERIFY, true),
                blankToNull(config.getString(CA_FILE)), blankToNull(config.getString(CA_PATH)),
                blankToNull(config.getString(CRT_FILE)), blankToNull(config.getString(KEY_FILE)),
                blankToNull(config.getString(VHOST)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /**
     * Builds the client SSLContext: the configured trust (or trust-all with {@code tls.verify off}) and the client
     * key, read from their PEM files now, so a missing or broken file fails at start with its name.
     */
    public SSLContext createClientContext() throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(), trustManagers(), null);
        return context;
    }

    /**
     * Sets what an SSLContext cannot: host name verification (with {@code verify}) and SNI ({@code vhost}, else
     * {@code host} when it is a name rather than an address). Call it on a client socket's parameters.
     */
    public void applyTo(SSLParameters parameters, String host) {
        parameters.setEndpointIdentificationAlgorithm(verify ? "HTTPS" : null);
        String sni = vhost != null ? vhost : host;
        if (sni != null && !isAddressLiteral(sni)) {
            parameters.setServerNames(List.of(new SNIHostName(sni)));
        }
    }

    private static boolean isAddressLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    private TrustManager[] trustManagers() throws IOException, GeneralSecurityException {
        if (!verify) {
            return new TrustManager[] {new TrustAllManager()};
        }
        List<X509Certificate> cas = new ArrayList<>();
        if (caFile != null) {
            cas.addAll(PemFiles.readCertificates(Path.of(caFile)));
        }
        if (caPath != null) {
            cas.addAll(PemFiles.readCertificateDirectory(Path.of(caPath)));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (cas.isEmpty() && caFile == null && caPath == null) {
            factory.init((KeyStore) null);
        } else {
            if (cas.isEmpty()) {
                throw new GeneralSecurityException("no CA certificate found in " + (caFile != null ? caFile : caPath));
            }
            KeyStore store = emptyStore();
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca" + i, cas.get(i));
            }
            factory.init(store);
        }
        return factory.getTrustManagers();
    }

    private KeyManager[] keyManagers() throws IOException, GeneralSecurityException {
        if (crtFile == null) {
            return null;
        }
        List<X509Certificate> chain = PemFiles.readCertificates(Path.of(crtFile));
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("no certificate found in " + crtFile);
        }
        PrivateKey key = PemFiles.readPrivateKey(Path.of(keyFile));
        KeyStore store = emptyStore();
        char[] password = new char[0];
        store.setKeyEntry("client", key, password, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    private static KeyStore emptyStore() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }
}
