package io.sluice.output.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.OutputPlugin;
import io.sluice.support.format.Format;
import io.sluice.testkit.TestConfigs;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class WebSocketSettingsTest {

    /** The settings of {@code key value} pairs, validated by core as at start. */
    private static WebSocketSettings settings(String... keyValues) throws Exception {
        return WebSocketSettings.from(TestConfigs.of(new WebSocketOutputPlugin(), TestConfigs.settings(keyValues)));
    }

    @Test
    void defaultsAreFluentBitsPlusConfirmedDelivery() throws Exception {
        WebSocketSettings s = settings();

        assertThat(s.endpoint().uri()).hasToString("ws://127.0.0.1:80/");
        assertThat(s.endpoint().headers()).isEmpty();
        assertThat(s.format().format()).isEqualTo(Format.MSGPACK);
        assertThat(s.confirmDelivery()).isTrue();
        assertThat(s.confirmTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.perRecord()).isFalse();
        assertThat(s.compress()).isFalse();
        assertThat(s.tls().enabled()).isFalse();
        assertThat(s.net().keepaliveIdleTimeout().toSeconds()).isEqualTo(30);
        assertThat(s.maxMessageSize()).as("no limit until the server refuses a message").isZero();
    }

    @Test
    void maxMessageSizeIsReadInBytesWithDecimalSuffixes() throws Exception {
        assertThat(settings("max_message_size", "64k").maxMessageSize()).isEqualTo(64_000);
        assertThat(settings("max_message_size", "65536").maxMessageSize()).isEqualTo(65_536);
        assertThat(settings("max_message_size", "1M").maxMessageSize()).isEqualTo(1_000_000);
    }

    @Test
    void everyOptionIsReadAsItsType() throws Exception {
        WebSocketSettings s = settings("port", "8080", "message_mode", "RECORD", "confirm_delivery", "off",
                "confirm_timeout", "2m", "compress", "on", "format", "json_lines", "net.connect_timeout", "3");

        assertThat(s.endpoint().uri()).hasToString("ws://127.0.0.1:8080/");
        assertThat(s.perRecord()).isTrue();
        assertThat(s.confirmDelivery()).isFalse();
        assertThat(s.confirmTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.compress()).isTrue();
        assertThat(s.format().format()).isEqualTo(Format.JSON_LINES);
        assertThat(s.net().connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void tlsMakesTheDefaultPort443AndTheSchemeWss() throws Exception {
        assertThat(settings("tls", "on").endpoint().uri()).hasToString("wss://127.0.0.1:443/");
        assertThat(settings("tls", "on", "port", "8443").endpoint().uri()).hasToString("wss://127.0.0.1:8443/");
        assertThat(settings("tls", "off", "port", "443").endpoint().uri()).hasToString("ws://127.0.0.1:443/");
    }

    @Test
    void queryValuesAreMaskedInTheUrlForLogsButSentAsGiven() throws Exception {
        WebSocketSettings s = settings("uri", "/ingest?token=s3cret&tenant=a&flag");

        assertThat(s.endpoint().url()).endsWith("/ingest?token=***&tenant=***&flag").doesNotContain("s3cret");
        assertThat(s.endpoint().uri().getRawQuery()).isEqualTo("token=s3cret&tenant=a&flag");
    }

    @Test
    void missingLeadingSlashOfUriIsAdded() throws Exception {
        assertThat(settings("uri", "ingest?x=1").endpoint().uri().getRawPath()).isEqualTo("/ingest");
    }

    @Test
    void ipv6HostIsBracketed() throws Exception {
        assertThat(settings("host", "::1", "port", "9000").endpoint().uri()).hasToString("ws://[::1]:9000/");
        assertThat(settings("host", "[::1]", "port", "9000").endpoint().uri()).hasToString("ws://[::1]:9000/");
    }

    @Test
    void headersKeepOrderAndASingleTokenIsBothNameAndValue() throws Exception {
        WebSocketSettings s = settings("header", "X-Token  abc def", "header", "X-Solo");

        assertThat(s.endpoint().headers()).containsExactly(new Endpoint.Header("X-Token", "abc def"),
                new Endpoint.Header("X-Solo", "X-Solo"));
    }

    @Test
    void headerValuesNeverAppearInTextForm() throws Exception {
        WebSocketSettings s = settings("header", "Authorization Bearer s3cr3t");

        assertThat(s.endpoint().headers().toString()).contains("Authorization").doesNotContain("s3cr3t");
        assertThat(s.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void pluginIsRegisteredAsWebsocketWithOneWorker() {
        OutputPlugin plugin = ServiceLoader.load(OutputPlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("websocket")).findFirst().orElseThrow();

        assertThat(plugin.description()).isEqualTo("Websocket");
        assertThat(plugin.defaultWorkers()).isEqualTo(1);
    }
}
