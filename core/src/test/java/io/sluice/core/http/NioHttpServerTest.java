package io.sluice.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server's request handling beyond the GET-only monitoring routes: bodies, several methods, failing handlers. */
class NioHttpServerTest {

    private NioHttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = new NioHttpServer(new InetSocketAddress("127.0.0.1", 0), List.of(
                NioHttpServer.Route.of("/echo", List.of("GET", "POST", "PUT"), r -> NioHttpServer.Response.of(200,
                        "text/plain", r.method() + " " + r.query() + " "
                                + new String(r.body(), StandardCharsets.UTF_8))),
                NioHttpServer.Route.of("/fail", List.of("GET"), r -> {
                    throw new IllegalStateException("broken handler");
                })), ServerLimits.DEFAULTS);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aBodyArrivingInPiecesReachesTheHandlerWhole() throws Exception {
        try (Socket s = RawHttp.connect(server.port())) {
            OutputStream out = s.getOutputStream();
            out.write("POST /echo?wait=true HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            out.write(" world".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(RawHttp.readResponse(s.getInputStream())).startsWith("HTTP/1.1 200 OK\r\n")
                    .endsWith("\r\n\r\nPOST wait=true hello world");
            out.write("PUT /echo HTTP/1.1\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.readResponse(s.getInputStream())).endsWith("\r\n\r\nPUT null ");
        }
    }

    @Test
    void otherMethodsGet405WithEveryAllowedMethod() {
        assertThat(RawHttp.exchange(server.port(), "DELETE /echo HTTP/1.1\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 405 ").contains("Allow: GET, POST, PUT\r\n");
    }

    @Test
    void aFailingHandlerAnswers500AndTheConnectionGoesOn() throws Exception {
        try (Socket s = RawHttp.connect(server.port())) {
            s.getOutputStream().write("GET /fail HTTP/1.1\r\n\r\nGET /echo HTTP/1.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.readResponse(s.getInputStream())).startsWith("HTTP/1.1 500 Internal Server Error\r\n");
            assertThat(RawHttp.readResponse(s.getInputStream())).startsWith("HTTP/1.1 200 ").endsWith("GET null ");
        }
    }

    @Test
    void responsesCarryDateAndLength() {
        String response = RawHttp.exchange(server.port(), "GET /echo HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertThat(response)
                .containsPattern("\r\nDate: [A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT\r\n")
                .contains("\r\nContent-Length: 9\r\n").contains("\r\nContent-Type: text/plain\r\n");
    }
}
