package io.sluice.support.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.config.PluginConfig;
import io.sluice.testkit.TestConfigs;
import io.sluice.api.config.PropertyGroup;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetSettingsTest {

    private static PluginConfig config(Map<String, String> values) {
        return TestConfigs.ofProperties(NetSettings.properties(), values);
    }

    @Test
    void defaultsMatchFluentBit() {
        NetSettings net = NetSettings.from(config(Map.of()));

        assertThat(net.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(net.connectTimeoutLogError()).isTrue();
        assertThat(net.keepalive()).isTrue();
        assertThat(net.keepaliveIdleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(net.tcpKeepalive()).isFalse();
    }

    @Test
    void valuesAreReadWithFluentBitSyntax() {
        NetSettings net = NetSettings.from(config(Map.of("net.connect_timeout", "2m", "net.keepalive", "off",
                "net.keepalive_idle_timeout", "5", "NET.TCP_KEEPALIVE", "yes")));

        assertThat(net.connectTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(net.keepalive()).isFalse();
        assertThat(net.keepaliveIdleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(net.tcpKeepalive()).isTrue();
    }

    @Test
    void undeclaredNetKeyIsRejected() {
        assertThatThrownBy(() -> config(Map.of("net.keepalive_max_recycle", "10")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("net.keepalive_max_recycle");
    }

    @Test
    void zeroConnectTimeoutIsRejected() {
        assertThatThrownBy(() -> NetSettings.from(config(Map.of("net.connect_timeout", "0"))))
                .hasMessageContaining("net.connect_timeout");
    }

    @Test
    void everyKeyIsListedUnderNetworking() {
        assertThat(NetSettings.properties()).allSatisfy(p -> {
            assertThat(p.name()).startsWith("net.");
            assertThat(p.group()).isEqualTo(PropertyGroup.NETWORKING);
        });
    }
}
