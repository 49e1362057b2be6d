package io.sluice.output.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.sluice.api.PluginFactory;
import io.sluice.api.config.InvalidConfigException;
import io.sluice.api.config.PluginConfig;
import io.sluice.api.config.Property;
import io.sluice.support.net.TlsSettings;
import io.sluice.testkit.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the configuration check refuses before anything starts (and in --dry-run), and that it says no secret. */
class ConfigValidationTest {

    private static final WebSocketOutputPlugin PLUGIN = new WebSocketOutputPlugin();

    /** The plugin's declarations without its validate hook: configurations that reach validate() from a test. */
    private static final PluginFactory DECLARATIONS_ONLY = new PluginFactory() {
        @Override
        public String name() {
            return PLUGIN.name();
        }

        @Override
        public String description() {
            return PLUGIN.description();
        }

        @Override
        public List<Property<?>> properties() {
            return PLUGIN.properties();
        }
    };

    @TempDir
    Path dir;

    /** The exception the plugin's validate hook throws for {@code key value} pairs core's types accept. */
    private static InvalidConfigException refusal(String... keyValues) {
        PluginConfig config = TestConfigs.of(DECLARATIONS_ONLY, TestConfigs.settings(keyValues));
        try {
            PLUGIN.validate(config);
        } catch (InvalidConfigException e) {
            return e;
        }
        throw new AssertionError("validate accepted " + String.join(" ", keyValues));
    }

    /** Core's message for {@code key value} pairs it refuses, its types first and then the plugin's hook. */
    private static String coreMessage(String... keyValues) {
        try {
            TestConfigs.of(PLUGIN, TestConfigs.settings(keyValues));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("core accepted " + String.join(" ", keyValues));
    }

    @Test
    void declarationsSayWhatIsAcceptedAndKeepHeadersSecret() {
        Map<String, Property<?>> byName = PLUGIN.properties().stream()
                .collect(Collectors.toMap(Property::name, p -> p));

        assertThat(byName).hasSameSizeAs(PLUGIN.properties());
        assertThat(byName.get("header").isRepeatable()).isTrue();
        assertThat(byName.get("header").isSecret()).isTrue();
        assertThat(byName.get("port").defaultValue()).as("80 or 443 depends on tls").isNull();
        assertThat(byName.get("port").description()).contains("80", "443", "tls");
        assertThat(byName.get("port").min()).isEqualTo(1);
        assertThat(byName.get("port").max()).isEqualTo(65535);
        assertThat(byName.get("confirm_timeout").min()).isEqualTo(1);
        assertThat(byName.get("message_mode").choices()).containsExactly("chunk", "record");
        assertThat(byName.get("max_message_size").defaultValue()).as("no limit until the server refuses").isNull();
        assertThat(byName.get("max_message_size").description()).contains("1009", "record");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "port            | 0     | expected a whole number from 1 to 65535",
            "port            | 65536 | expected a whole number from 1 to 65535",
            "port            | http  | expected a whole number",
            "confirm_timeout | 0     | expected a time from 1",
            "message_mode    | batch | expected one of chunk, record",
            "compress        | maybe | expected on/off",
            "max_message_size | 10   | expected a size from 64 to 1000000000 bytes",
            "max_message_size | 3G   | expected a size from 64 to 1000000000 bytes",
            "max_message_size | big  | invalid size 'big'",
            "net.dns.mode    | UDP   | unknown configuration property 'net.dns.mode'"})
    void valuesOfTheWrongTypeOrRangeAreRefusedByTheirDeclaration(String key, String value, String expected) {
        assertThat(coreMessage(key, value)).contains("key '" + key + "': websocket: ", expected);
    }

    @Test
    void invalidOrReservedHeaderNamesAreRejected() {
        assertThat(coreMessage("header", "Bad:Name x")).contains("Bad:Name", "not a valid HTTP header name");
        assertThat(coreMessage("header", "Sec-WebSocket-Key x")).contains("Sec-WebSocket-Key", "handshake");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bad:Name x", "Bad(Name) x", "Bad:Name", "Host x", "upgrade websocket",
            "Connection close", "Sec-WebSocket-Version 8", "Sec-WebSocket-Extensions x", "X-Token a\nb",
            "X-Token a\r\nX-Injected: b", "X-Token a\u0000b"})
    void everyHeaderProblemIsBlamedOnHeader(String entry) {
        InvalidConfigException e = refusal("header", "X-Fine ok", "header", entry);

        assertThat(e.property()).isSameAs(WebSocketProperties.HEADER);
    }

    @Test
    void lineBreakInAHeaderValueIsRefusedNamingTheHeaderOnly() {
        InvalidConfigException e = refusal("header", "X-Token abc\r\nX-Evil: 1");

        assertThat(e.getMessage()).contains("X-Token", "line break").doesNotContain("abc", "X-Evil");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bad:Name s3cr3t-token", "Bad\"Name s3cr3t-token", "Bearer:s3cr3t-token",
            "s3cr3t/token", "Sec-WebSocket-Key s3cr3t-token", "X-Token s3cr3t\r\ntoken", "X-Token s3cr3t\u0000token"})
    void aHeaderValueNeverAppearsInAValidationError(String entry) {
        InvalidConfigException direct = refusal("header", entry);
        String fromCore = coreMessage("header", entry);

        assertThat(direct.getMessage()).doesNotContain("s3cr3t");
        assertThat(fromCore).contains("Header").doesNotContain("s3cr3t");
    }

    @Test
    void aSingleWordHeaderThatIsNotANameIsReferredToByItsPosition() {
        InvalidConfigException e = refusal("header", "X-Fine ok", "header", "Bearer:abc");

        assertThat(e.getMessage()).contains("Header #2", "Name value").doesNotContain("abc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "user@example.com", "example.com:8080", "example.com?x", "exa mple.com",
            "example.com#x"})
    void hostThatIsNotJustAHostIsRefused(String host) {
        InvalidConfigException e = refusal("host", host);

        assertThat(e.property()).isSameAs(WebSocketProperties.HOST);
        assertThat(e.getMessage()).contains("not a valid host");
    }

    @Test
    void blankHostIsRefused() {
        InvalidConfigException e = refusal("host", " ");

        assertThat(e.property()).isSameAs(WebSocketProperties.HOST);
        assertThat(e.getMessage()).contains("must not be empty");
    }

    @ParameterizedTest
    @CsvSource({"/has space, not a valid path", "/ingest?a=|b, not a valid path", "/ingest#part, fragment",
            "/100%, not a valid path"})
    void uriThatIsNotAPathAndQueryIsRefused(String uri, String expected) {
        InvalidConfigException e = refusal("uri", uri);

        assertThat(e.property()).isSameAs(WebSocketProperties.URI);
        assertThat(e.getMessage()).contains(uri, expected);
        assertThat(coreMessage("uri", uri)).contains(expected);
    }

    @Test
    void tlsCaPathMustBeADirectory() throws Exception {
        Path file = Files.writeString(dir.resolve("ca.pem"), "x");

        InvalidConfigException e = refusal("tls", "on", "tls.ca_path", file.toString());

        assertThat(e.property()).isSameAs(TlsSettings.CA_PATH);
        assertThat(coreMessage("tls", "on", "tls.ca_path", file.toString())).contains("is not a directory");
    }

    @Test
    void tlsClientCertificateNeedsItsKey() throws Exception {
        Path crt = Files.writeString(dir.resolve("client.pem"), "x");

        InvalidConfigException e = refusal("tls", "on", "tls.crt_file", crt.toString());

        assertThat(e.property()).isSameAs(TlsSettings.KEY_FILE);
        assertThat(coreMessage("tls", "on", "tls.crt_file", crt.toString())).contains("must be set together");
    }

    @Test
    void validConfigurationsPassTheCheck() throws Exception {
        Path caDir = Files.createDirectory(dir.resolve("cas"));

        for (List<String> keyValues : List.<List<String>>of(List.of(),
                List.of("host", "::1", "port", "1", "uri", "ingest/logs?tenant=a&x=%20"),
                List.of("host", "logs.example.org", "tls", "on", "tls.ca_path", caDir.toString()),
                List.of("header", "X-Token  a b c", "header", "X-Solo", "header", "x-custom_!#$%&'*+.^`|~ v"))) {
            PluginConfig config = TestConfigs.of(DECLARATIONS_ONLY,
                    TestConfigs.settings(keyValues.toArray(String[]::new)));
            assertThatCode(() -> PLUGIN.validate(config)).as("%s", keyValues).doesNotThrowAnyException();
        }
    }
}
