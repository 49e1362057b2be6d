package io.sluice.distribution.operations;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What an operator calls on sluice's monitoring port: {@code /api/v2/reload} and the health endpoints. */
final class ControlApi {

    private static final Pattern COUNT = Pattern.compile("\"hot_reload_count\":(\\d+)");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    ControlApi(int port) {
        base = "http://127.0.0.1:" + port;
    }

    /** A status code and body. */
    record Answer(int status, String body) {
        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** {@code POST /api/v2/reload?wait=true}: blocks until the reload is done or has failed. */
    Answer reloadAndWait() {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/v2/reload?wait=true"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(120)).build());
    }

    /** {@code PUT /api/v2/reload} without waiting (Fluent Bit's form). */
    Answer reloadNoWait() {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/v2/reload"))
                .PUT(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build());
    }

    /** {@code GET /api/v2/reload}. */
    Answer reloadState() {
        return get("/api/v2/reload");
    }

    /** {@code hot_reload_count} of {@code GET /api/v2/reload}. */
    long reloadCount() {
        Answer a = reloadState();
        Matcher m = COUNT.matcher(a.body());
        if (a.status() != 200 || !m.find()) {
            throw new AssertionError("GET /api/v2/reload answered " + a);
        }
        return Long.parseLong(m.group(1));
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
