package io.sluice.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RequestParserTest {

    private static RequestParser.Head parse(String head) throws RequestParser.BadRequest {
        byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
        return RequestParser.parse(b, b.length, 8192, 64);
    }

    private static int status(String head) {
        try {
            parse(head);
        } catch (RequestParser.BadRequest e) {
            return e.status();
        }
        throw new AssertionError("accepted: " + head);
    }

    @Test
    void aSimpleGet() throws Exception {
        RequestParser.Head h = parse("GET /api/v1/metrics?x=1 HTTP/1.1\r\nHost: a\r\nX-Two: 1\r\nx-two: 2\r\n\r\nrest");
        assertThat(h.method()).isEqualTo("GET");
        assertThat(h.path()).isEqualTo("/api/v1/metrics");
        assertThat(h.query()).isEqualTo("x=1");
        assertThat(h.keepAlive()).isTrue();
        assertThat(h.http10()).isFalse();
        assertThat(h.contentLength()).isZero();
        assertThat(h.headLength())
                .isEqualTo("GET /api/v1/metrics?x=1 HTTP/1.1\r\nHost: a\r\nX-Two: 1\r\nx-two: 2\r\n\r\n".length());
        assertThat(h.headers()).containsEntry("host", "a").containsEntry("x-two", "1, 2");
    }

    @Test
    void bareLineFeedsLeadingEmptyLinesAndAbsoluteForm() throws Exception {
        RequestParser.Head h = parse("\r\n\nGET http://host:2020/api/v1/uptime HTTP/1.0\nConnection: keep-alive\n\n");
        assertThat(h.path()).isEqualTo("/api/v1/uptime");
        assertThat(h.http10()).isTrue();
        assertThat(h.keepAlive()).isTrue();
        assertThat(parse("GET http://host HTTP/1.1\r\n\r\n").path()).isEqualTo("/");
        assertThat(parse("GET / HTTP/1.0\r\n\r\n").keepAlive()).isFalse();
        assertThat(parse("GET / HTTP/1.1\r\nConnection: foo, Close\r\n\r\n").keepAlive()).isFalse();
    }

    @Test
    void incompleteHeadsAskForMore() throws Exception {
        assertThat(parse("")).isNull();
        assertThat(parse("GET / HTTP/1.1\r\n")).isNull();
        assertThat(parse("GET / HTTP/1.1\r\nHost: a\r\n\r")).isNull();
    }

    @Test
    void refusals() {
        assertThat(status("GET / HTTP/1.1\r\nX: " + "a".repeat(9000))).isEqualTo(431);
        assertThat(status("GET / HTTP/1.1\r\n" + "X: 1\r\n".repeat(65) + "\r\n")).isEqualTo(431);
        assertThat(status("\r\n".repeat(5000))).isEqualTo(431);
        assertThat(status("GET / HTTP/2.0\r\n\r\n")).isEqualTo(505);
        assertThat(status("GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")).isEqualTo(501);
        for (String bad : new String[] {
            "GET /\r\n\r\n", "GET  / HTTP/1.1\r\n\r\n", "GET / HTTP/1.1 x\r\n\r\n", "G(T / HTTP/1.1\r\n\r\n",
            "GET /a\u00e9 HTTP/1.1\r\n\r\n", "GET / http/1.1\r\n\r\n", "GET / HTTP/1.1\r\n fold: x\r\n\r\n",
            "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n", "GET / HTTP/1.1\r\nX : x\r\n\r\n",
            "GET / HTTP/1.1\r\n: x\r\n\r\n", "GET / HTTP/1.1\r\nNoColon\r\n\r\n",
            "GET / HTTP/1.1\r\nX: a\u0001b\r\n\r\n", "GET / HTTP/1.1\r\nX: a\rb\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", "GET / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
        }) {
            assertThat(status(bad)).as(bad).isEqualTo(400);
        }
    }

    @Test
    void aRepeatedEqualContentLengthIsAccepted() throws Exception {
        assertThat(parse("POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n").contentLength())
                .isEqualTo(2);
    }

    @Test
    void mayEndHeadFindsEveryWayAHeadEnds() {
        byte[] b = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(RequestParser.mayEndHead(b, 0, b.length)).isTrue();
        assertThat(RequestParser.mayEndHead(b, 0, b.length - 1)).isFalse();
        assertThat(RequestParser.mayEndHead(b, b.length - 3, b.length)).isTrue();
        byte[] lf = "GET / HTTP/1.1\n\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(RequestParser.mayEndHead(lf, -2, lf.length)).isTrue();
    }

    @Provide
    Arbitrary<String> requests() {
        Arbitrary<String> piece = Arbitraries.of("GET", "POST", " ", "/", "/api/v1/metrics", "?q", "HTTP/1.1",
                "HTTP/1.0", "HTTP/9.9", "\r\n", "\n", "\r", "Host: a", "Connection: close", "Content-Length: 3",
                "Content-Length: x", "Transfer-Encoding: chunked", ":", " x", "\t", "\u0000", "\u00ff", "abc");
        return piece.list().ofMaxSize(30).map(p -> String.join("", p));
    }

    /** Whatever arrives, the parser answers "more", a head or a refusal: nothing else escapes. */
    @Property(tries = 2000)
    void anyBytesGiveNullAHeadOrARefusal(@ForAll("requests") String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        try {
            RequestParser.Head h = RequestParser.parse(b, b.length, 256, 8);
            if (h != null) {
                assertThat(h.headLength()).isBetween(1, b.length);
                assertThat(h.path()).isNotNull();
                assertThat(h.contentLength()).isNotNegative();
            }
        } catch (RequestParser.BadRequest e) {
            assertThat(e.status()).isIn(400, 431, 501, 505);
        }
    }

    @Property(tries = 500)
    void randomBytesNeverEscapeEither(@ForAll byte[] bytes) {
        try {
            RequestParser.parse(bytes, bytes.length, 256, 8);
        } catch (RequestParser.BadRequest e) {
            assertThat(e.status()).isIn(400, 431, 501, 505);
        }
    }

    /** A head cut anywhere is incomplete (or already refused), and mayEndHead never misses the end. */
    @Property(tries = 300)
    void everyPrefixOfAValidHeadIsIncomplete(@ForAll @IntRange(min = 0, max = 200) int cut) throws Exception {
        byte[] full = ("GET /api/v2/metrics HTTP/1.1\r\nHost: localhost:2020\r\nUser-Agent: curl/8\r\n"
                + "Accept: */*\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        int at = Math.min(cut, full.length - 1);
        byte[] prefix = Arrays.copyOf(full, at);
        assertThat(RequestParser.parse(prefix, prefix.length, 8192, 64)).isNull();
        assertThat(RequestParser.mayEndHead(full, at - 2, full.length)).isTrue();
        assertThat(RequestParser.parse(full, full.length, 8192, 64).headLength()).isEqualTo(full.length);
    }
}
