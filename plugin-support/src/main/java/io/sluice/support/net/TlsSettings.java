package io.sluice.support.net;

import io.sluice.api.config.InvalidConfigException;
import io.sluice.api.config.PluginConfig;
import io.sluice.api.config.Property;
import io.sluice.api.config.PropertyGroup;
import java.io.IOException;
import java.nio.file.Files;
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
    public static final Property<Boolean> TLS = tls(Property.bool("tls", "Enable TLS").withDefault("off"));
    /** {@code tls.verify}. */
    public static final Property<Boolean> VERIFY = tls(Property.bool("tls.verify",
            "Verify the server certificate and host name").withDefault("on"));
    /** {@code tls.ca_file}. */
    public static final Property<Path> CA_FILE = tls(Property.file("tls.ca_file",
            "PEM file of trusted CA certificates"));
    /** {@code tls.ca_path}. */
    public static final Property<String> CA_PATH = tls(Property.string("tls.ca_path",
            "Directory of PEM files of trusted CA certificates"));
    /** {@code tls.crt_file}. */
    public static final Property<Path> CRT_FILE = tls(Property.file("tls.crt_file",
            "Client certificate chain (PEM)"));
    /** {@code tls.key_file}. */
    public static final Property<Path> KEY_FILE = tls(Property.file("tls.key_file",
            "Client private key (PEM, unencrypted PKCS#8)"));
    /** {@code tls.vhost}. */
    public static final Property<String> VHOST = tls(Property.string("tls.vhost",
            "Host name for SNI and certificate verification"));

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
    public static List<Property<?>> properties() {
        return List.of(TLS, VERIFY, CA_FILE, CA_PATH, CRT_FILE, KEY_FILE, VHOST);
    }

    private static <T> Property<T> tls(Property<T> property) {
        return property.inGroup(PropertyGroup.NETWORK_TLS);
    }

    /** The cross-key rules, for a plugin's {@code validate}: a directory for {@code tls.ca_path}, cert with key. */
    public static void validate(PluginConfig config) throws InvalidConfigException {
        String caPath = config.get(CA_PATH);
        if (caPath != null && !caPath.isBlank() && !Files.isDirectory(Path.of(caPath.trim()))) {
            throw new InvalidConfigException(CA_PATH, "'" + caPath + "' is not a directory");
        }
        if (config.isSet(CRT_FILE) != config.isSet(KEY_FILE)) {
            throw new InvalidConfigException(config.isSet(CRT_FILE) ? KEY_FILE : CRT_FILE,
                    CRT_FILE + " and " + KEY_FILE + " must be set together");
        }
    }

    /** Reads the settings from a configuration whose plugin declared {@link #properties()}. */
    public static TlsSettings from(PluginConfig config) {
        return new TlsSettings(config.get(TLS), config.get(VERIFY), pathText(config.get(CA_FILE)),
                blankToNull(config.get(CA_PATH)), pathText(config.get(CRT_FILE)), pathText(config.get(KEY_FILE)),
                blankToNull(config.get(VHOST)));
    }

    private static String pathText(Path path) {
        return path == null ? null : path.toString();
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
