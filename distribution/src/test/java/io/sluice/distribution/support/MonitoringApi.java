package io.sluice.distribution.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a user and an operator call on sluice's monitoring port: the counters of
 * {@code /api/v1/metrics/prometheus} and of the JSON {@code /api/v1/metrics}, any other endpoint, and
 * {@code /api/v2/reload}.
 */
public final class MonitoringApi {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern RELOAD_COUNT = Pattern.compile("\"hot_reload_count\":(\\d+)");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public MonitoringApi(int port) {
        base = "http://127.0.0.1:" + port;
    }

    /** A status code and body. */
    public record Answer(int status, String body) {
        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** An input's engine counter, e.g. {@code input("tcp.0", "records")}: {@code fluentbit_input_records_total}. */
    public long input(String instance, String counter) {
        return series("fluentbit_input_" + counter + "_total{name=\"" + instance + "\"}");
    }

    /** An output's engine counter, e.g. {@code proc_records}, {@code retries_failed}, {@code dropped_records}. */
    public long output(String instance, String counter) {
        return series("fluentbit_output_" + counter + "_total{name=\"" + instance + "\"}");
    }

    /** A filter's engine counter, e.g. {@code filter("grep.0", "drop_records")}. */
    public long filter(String instance, String counter) {
        return series("fluentbit_filter_" + counter + "_total{name=\"" + instance + "\"}");
    }

    /** A counter the output plugin defines itself, e.g. {@code sluice_output_confirmed_records_total}. */
    public long outputPlugin(String instance, String counter) {
        return series("sluice_output_" + counter + "_total{name=\"" + instance + "\"}");
    }

    /** A counter the input plugin defines itself, e.g. {@code sluice_input_invalid_json_total}. */
    public long inputPlugin(String instance, String counter) {
        return series("sluice_input_" + counter + "_total{name=\"" + instance + "\"}");
    }

    /**
     * The value of a series of the Prometheus text, e.g. {@code sluice_storage_corrupt_chunks_total} or
     * {@code sluice_storage_evicted_records_total{name="websocket.0"}}; fails when it is absent.
     */
    public long series(String series) {
        String text = body("/api/v1/metrics/prometheus");
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Long.parseLong(line.substring(series.length() + 1).split(" ")[0]);
            }
        }
        throw new AssertionError("no " + series + " in the monitoring API's answer:\n" + text);
    }

    /**
     * A counter of the JSON {@code /api/v1/metrics}, e.g. {@code metricsJson("filter", "grep.0", "drop_records")}
     * for {@code {"filter":{"grep.0":{"drop_records":N}}}}; fails when it is absent or not a whole number.
     */
    public long metricsJson(String section, String instance, String counter) {
        String text = body("/api/v1/metrics");
        Object value = parseJson(text);
        for (String key : List.of(section, instance, counter)) {
            if (!(value instanceof Map<?, ?> object) || !object.containsKey(key)) {
                throw new AssertionError("no " + section + "." + instance + "." + counter
                        + " in /api/v1/metrics:\n" + text);
            }
            value = object.get(key);
        }
        if (!(value instanceof Long number)) {
            throw new AssertionError(section + "." + instance + "." + counter + " is not a whole number in "
                    + "/api/v1/metrics:\n" + text);
        }
        return number;
    }

    private static Object parseJson(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            parser.nextToken();
            return readJson(parser);
        } catch (IOException e) {
            throw new AssertionError("/api/v1/metrics is not JSON: " + e + "\n" + text, e);
        }
    }

    /** The value at the parser's current token: a map, a list, a whole number (long) or else its text. */
    private static Object readJson(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Object> object = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                object.put(name, readJson(parser));
            }
            return object;
        }
        if (token == JsonToken.START_ARRAY) {
            List<Object> array = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                array.add(readJson(parser));
            }
            return array;
        }
        return token == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : parser.getText();
    }

    /** The body of {@code GET path}; fails unless it answers 200. */
    public String body(String path) {
        Answer a = get(path);
        if (a.status() != 200) {
            throw new AssertionError("GET " + path + " answered " + a);
        }
        return a.body();
    }

    /** {@code GET path}, whatever its status. */
    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build());
    }

    /** {@code POST /api/v2/reload?wait=true}: blocks until the reload is done or has failed. */
    public Answer reloadAndWait() {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/v2/reload?wait=true"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(120)).build());
    }

    /** {@code PUT /api/v2/reload} without waiting (Fluent Bit's form). */
    public Answer reloadNoWait() {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/v2/reload"))
                .PUT(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build());
    }

    /** {@code GET /api/v2/reload}. */
    public Answer reloadState() {
        return get("/api/v2/reload");
    }

    /** {@code hot_reload_count} of {@code GET /api/v2/reload}. */
    public long reloadCount() {
        Answer a = reloadState();
        Matcher m = RELOAD_COUNT.matcher(a.body());
        if (a.status() != 200 || !m.find()) {
            throw new AssertionError("GET /api/v2/reload answered " + a);
        }
        return Long.parseLong(m.group(1));
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new AssertionError("monitoring API unreachable: " + request.method() + " " + request.uri()
                    + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
