package io.sluice.output.websocket;

import static io.sluice.output.websocket.OutputHarness.deliver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.sluice.api.EventChunk;
import io.sluice.api.FlushResult;
import io.sluice.api.Output;
import io.sluice.api.PluginException;
import io.sluice.testkit.TestOutputContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.java_websocket.drafts.Draft_6455;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {

    @TempDir
    static Path dir;
    private static TlsFixture tls;

    private final OutputHarness harness = new OutputHarness();
    private RecordingServer server;

    @BeforeAll
    static void makeCertificates() throws Exception {
        tls = new TlsFixture(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
        if (server != null) {
            server.close();
        }
    }

    private TestOutputContext context(String host, Map<String, String> extra) throws Exception {
        if (server == null) {
            server = RecordingServer.start(0, new Draft_6455(), tls.serverContext(), true);
        }
        Map<String, String> settings = new LinkedHashMap<>(extra);
        settings.put("tls", "on");
        return OutputHarness.context(host, server.boundPort(), settings);
    }

    @Test
    void wssWithTheConfiguredCaVerifiesTheServerAndDelivers() throws Exception {
        Output out = harness.start(context("localhost", Map.of("tls.ca_file", tls.caPem.toString())));
        EventChunk chunk = Chunks.numbered(0, 10);

        deliver(out, chunk);

        assertThat(server.messages.get(0).bytes()).isEqualTo(chunk.data());
        assertThat(server.handshakes.get(0).get(":sni")).isEqualTo("localhost");
    }

    @Test
    void serverSignedByAnUnknownCaIsRefusedByDefault() throws Exception {
        TestOutputContext context = context("localhost", Map.of());
        Output out = harness.start(context);

        assertThat(out.flush(Chunks.numbered(0, 1), 0)).isEqualTo(FlushResult.RETRY);
        assertThat(out.flush(Chunks.numbered(0, 1), 0)).isEqualTo(FlushResult.RETRY);

        assertThat(server.messages).isEmpty();
        assertThat(context.log().atOrAbove(Level.WARN)).singleElement().asString().contains("cannot connect", "PKIX");
    }

    @Test
    void verifyOffWarnsAtStartAndConnects() throws Exception {
        TestOutputContext context = context("localhost", Map.of("tls.verify", "off"));
        Output out = harness.start(context);

        assertThat(context.log().atOrAbove(Level.WARN)).singleElement().asString().contains("tls.verify is off");
        deliver(out, Chunks.numbered(0, 1));
        assertThat(server.messages).hasSize(1);
    }

    @Test
    void vhostIsSentAsSniAndIsTheNameVerified() throws Exception {
        Output out = harness.start(context("127.0.0.1",
                Map.of("tls.ca_file", tls.caPem.toString(), "tls.vhost", "localhost")));

        deliver(out, Chunks.numbered(0, 1));

        assertThat(server.handshakes.get(0).get(":sni")).isEqualTo("localhost");
    }

    @Test
    void certificateNotNamingTheConnectedAddressIsRefused() throws Exception {
        TestOutputContext context = context("127.0.0.1", Map.of("tls.ca_file", tls.caPem.toString()));
        Output out = harness.start(context);

        assertThat(out.flush(Chunks.numbered(0, 1), 0)).isEqualTo(FlushResult.RETRY);

        assertThat(server.messages).isEmpty();
        assertThat(context.log().atOrAbove(Level.WARN)).singleElement().asString()
                .contains("SSLHandshakeException", "127.0.0.1");
    }

    @Test
    void certificateForAnotherHostNameIsRefused() throws Exception {
        TestOutputContext context = context("127.0.0.1",
                Map.of("tls.ca_file", tls.caPem.toString(), "tls.vhost", "logs.example.org"));
        Output out = harness.start(context);

        assertThat(out.flush(Chunks.numbered(0, 1), 0)).isEqualTo(FlushResult.RETRY);

        assertThat(server.messages).isEmpty();
        assertThat(context.log().atOrAbove(Level.WARN)).singleElement().asString().contains("SSLHandshakeException");
    }

    @Test
    void clientCertificateAndKeyFromPemArePresented() throws Exception {
        Output out = harness.start(context("localhost", Map.of("tls.ca_file", tls.caPem.toString(),
                "tls.crt_file", tls.clientCertPem.toString(), "tls.key_file", tls.clientKeyPem.toString())));

        deliver(out, Chunks.numbered(0, 1));

        assertThat(server.handshakes.get(0).get(":client-cert")).isEqualTo("true");
    }

    @Test
    void missingCaFileIsAConfigurationErrorNamingTheFile() {
        // tls.ca_file is declared a file: core refuses it with the configuration, before the plugin is created
        assertThatThrownBy(() -> context("localhost", Map.of("tls.ca_file", dir.resolve("nope.pem").toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope.pem", "does not exist");
    }

    @Test
    void caFileWithoutACertificateFailsAtStartNamingTheFile() throws Exception {
        Path notPem = Files.writeString(dir.resolve("not-a-ca.pem"), "this is not a certificate\n");
        Output out = new WebSocketOutputPlugin().create(context("localhost", Map.of("tls.ca_file", notPem.toString())));

        assertThatThrownBy(out::start).isInstanceOf(PluginException.class).hasMessageContaining("not-a-ca.pem");
    }
}
