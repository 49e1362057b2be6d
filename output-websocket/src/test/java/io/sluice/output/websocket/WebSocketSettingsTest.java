package io.sluice.output.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.OutputPlugin;
import io.sluice.api.config.PluginConfig;
import io.sluice.api.format.Format;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class WebSocketSettingsTest {

    private static WebSocketSettings settings(Map<String, List<String>> values) {
        return WebSocketSettings.from(PluginConfig.of(new WebSocketOutputPlugin().properties(), values));
    }

    private static WebSocketSettings single(Map<String, String> values) {
        return WebSocketSettings.from(PluginConfig.ofSingle(new WebSocketOutputPlugin().properties(), values));
    }

    @Test
    void defaultsAreFluentBitsPlusConfirmedDelivery() {
        WebSocketSettings s = single(Map.of());

        assertThat(s.endpoint().uri()).hasToString("ws://127.0.0.1:80/");
        assertThat(s.format().format()).isEqualTo(Format.MSGPACK);
        assertThat(s.confirmDelivery()).isTrue();
        assertThat(s.perRecord()).isFalse();
        assertThat(s.compress()).isFalse();
        assertThat(s.net().keepaliveIdleTimeout().toSeconds()).isEqualTo(30);
    }

    @Test
    void tlsMakesTheDefaultPort443AndTheSchemeWss() {
        assertThat(single(Map.of("tls", "on")).endpoint().uri()).hasToString("wss://127.0.0.1:443/");
        assertThat(single(Map.of("tls", "on", "port", "8443")).endpoint().uri())
                .hasToString("wss://127.0.0.1:8443/");
    }

    @Test
    void queryValuesAreMaskedInTheUrlForLogsButSentAsGiven() {
        WebSocketSettings s = single(Map.of("uri", "/ingest?token=s3cret&tenant=a&flag"));

        assertThat(s.endpoint().url()).endsWith("/ingest?token=***&tenant=***&flag").doesNotContain("s3cret");
        assertThat(s.endpoint().uri().getRawQuery()).isEqualTo("token=s3cret&tenant=a&flag");
    }

    @Test
    void missingLeadingSlashOfUriIsAdded() {
        assertThat(single(Map.of("uri", "ingest?x=1")).endpoint().uri().getRawPath()).isEqualTo("/ingest");
    }

    @Test
    void ipv6HostIsBracketed() {
        assertThat(single(Map.of("host", "::1", "port", "9000")).endpoint().uri()).hasToString("ws://[::1]:9000/");
    }

    @Test
    void headersKeepOrderAndASingleTokenIsBothNameAndValue() {
        WebSocketSettings s = settings(Map.of("header", List.of("X-Token  abc def", "X-Solo")));

        assertThat(s.endpoint().headers()).containsExactly(new Endpoint.Header("X-Token", "abc def"),
                new Endpoint.Header("X-Solo", "X-Solo"));
    }

    @Test
    void headerValuesNeverAppearInTextForm() {
        WebSocketSettings s = settings(Map.of("header", List.of("Authorization Bearer s3cr3t")));

        assertThat(s.endpoint().headers().toString()).doesNotContain("s3cr3t");
        assertThat(s.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void invalidOrReservedHeaderNamesAreRejected() {
        assertThatThrownBy(() -> settings(Map.of("header", List.of("Bad:Name x"))))
                .hasMessageContaining("Bad:Name");
        assertThatThrownBy(() -> settings(Map.of("header", List.of("Sec-WebSocket-Key x"))))
                .hasMessageContaining("handshake");
    }

    @Test
    void unknownNetKeyIsRejected() {
        assertThatThrownBy(() -> single(Map.of("net.dns.mode", "UDP"))).hasMessageContaining("net.dns.mode");
    }

    @Test
    void pluginIsRegisteredAsWebsocketWithOneWorker() {
        OutputPlugin plugin = ServiceLoader.load(OutputPlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("websocket")).findFirst().orElseThrow();

        assertThat(plugin.description()).isEqualTo("Websocket");
        assertThat(plugin.defaultWorkers()).isEqualTo(1);
    }
}
