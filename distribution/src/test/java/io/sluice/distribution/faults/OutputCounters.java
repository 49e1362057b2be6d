package io.sluice.distribution.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The websocket output's counters, and the tcp input's record count, as a user reads them from the monitoring API's
 * {@code /api/v1/metrics} JSON.
 */
final class OutputCounters {

    private static final Pattern OUTPUT = Pattern.compile("\"output\":\\{.*?\"websocket\\.0\":\\{([^}]*)}");
    private static final Pattern INPUT = Pattern.compile("\"input\":\\{.*?\"tcp\\.0\":\\{([^}]*)}");
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI metrics;

    OutputCounters(int port) {
        metrics = URI.create("http://127.0.0.1:" + port + "/api/v1/metrics");
    }

    /** e.g. {@code proc_records}, {@code retries}, {@code retries_failed}, {@code dropped_records}. */
    long get(String counter) {
        return counter(OUTPUT, counter);
    }

    /** Records the tcp input accepted and handed to the engine. */
    long inputRecords() {
        return counter(INPUT, "records");
    }

    private long counter(Pattern instance, String counter) {
        String json = fetch();
        Matcher m = instance.matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + instance + " in " + json);
        }
        Matcher c = Pattern.compile("\"" + Pattern.quote(counter) + "\":(\\d+)").matcher(m.group(1));
        if (!c.find()) {
            throw new AssertionError("no " + counter + " in " + m.group(1));
        }
        return Long.parseLong(c.group(1));
    }

    private String fetch() {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("monitoring API answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new AssertionError("monitoring API unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
