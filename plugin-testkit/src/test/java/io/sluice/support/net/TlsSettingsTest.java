package io.sluice.support.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.config.PluginConfig;
import io.sluice.testkit.TestConfigs;
import io.sluice.api.config.PropertyGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsSettingsTest {

    @TempDir
    Path dir;

    private static TlsSettings from(Map<String, String> values) {
        return TlsSettings.from(TestConfigs.ofProperties(TlsSettings.properties(), values));
    }

    private Path pem(String name, String type, byte[] der) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n");
        return file;
    }

    @Test
    void tlsIsOffAndVerificationOnByDefault() {
        TlsSettings tls = from(Map.of());

        assertThat(tls.enabled()).isFalse();
        assertThat(tls.verify()).isTrue();
        assertThat(TlsSettings.properties()).allSatisfy(p -> assertThat(p.group()).isEqualTo(PropertyGroup.NETWORK_TLS));
    }

    @Test
    void verificationChecksTheHostNameAndSendsSni() {
        SSLParameters parameters = new SSLParameters();

        from(Map.of("tls", "on")).applyTo(parameters, "logs.example.org");

        assertThat(parameters.getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
        assertThat(parameters.getServerNames()).containsExactly(new SNIHostName("logs.example.org"));
    }

    @Test
    void vhostReplacesTheConnectedHostInSni() {
        SSLParameters parameters = new SSLParameters();

        from(Map.of("tls", "on", "tls.vhost", "front.example.org")).applyTo(parameters, "10.0.0.7");

        assertThat(parameters.getServerNames()).containsExactly(new SNIHostName("front.example.org"));
    }

    @Test
    void addressesAreNotSentAsSni() {
        SSLParameters parameters = new SSLParameters();

        from(Map.of("tls", "on")).applyTo(parameters, "127.0.0.1");

        assertThat(parameters.getServerNames()).isNullOrEmpty();
    }

    @Test
    void verifyOffTurnsHostNameCheckingOffAndStillBuildsAContext() throws Exception {
        TlsSettings tls = from(Map.of("tls", "on", "tls.verify", "off"));
        SSLParameters parameters = new SSLParameters();
        tls.applyTo(parameters, "localhost");

        SSLContext context = tls.createClientContext();

        assertThat(parameters.getEndpointIdentificationAlgorithm()).isNull();
        assertThat(context.getSocketFactory()).isNotNull();
    }

    @Test
    void pkcs8KeysOfRsaAndEcAreRead() throws Exception {
        for (String algorithm : List.of("RSA", "EC")) {
            KeyPair pair = KeyPairGenerator.getInstance(algorithm).generateKeyPair();
            Path file = pem(algorithm + ".key", "PRIVATE KEY", pair.getPrivate().getEncoded());

            PrivateKey key = PemFiles.readPrivateKey(file);

            assertThat(key.getAlgorithm()).isEqualTo(algorithm);
            assertThat(key.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
        }
    }

    @Test
    void pkcs1KeyIsRejectedWithTheConversionCommand() throws Exception {
        Path file = pem("old.key", "RSA PRIVATE KEY", new byte[] {1, 2, 3});

        assertThatThrownBy(() -> PemFiles.readPrivateKey(file)).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void caFileWithoutCertificatesIsAnErrorNamingIt() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
        TlsSettings tls = from(Map.of("tls", "on", "tls.ca_file", empty.toString()));

        assertThatThrownBy(tls::createClientContext).hasMessageContaining("empty.pem");
    }

    @Test
    void certificateWithoutKeyIsRejected(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path crt = java.nio.file.Files.writeString(dir.resolve("x.pem"), "not read here");
        var config = TestConfigs.ofProperties(TlsSettings.properties(), Map.of("tls.crt_file", crt.toString()));

        assertThatThrownBy(() -> TlsSettings.validate(config)).hasMessageContaining("tls.key_file");
    }
}
