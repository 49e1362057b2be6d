package io.sluice.core.http;

import java.util.concurrent.CompletableFuture;

/** What {@code /api/v2/reload} asks of the process: implemented by the reload controller. */
public interface ReloadApi {

    /**
     * Reloads the configuration: 400 {@code {"reload":"not enabled","status":-1}} when hot reload is off
     * ({@code Hot_Reload} or {@code -Y}). With {@code wait}, the answer completes when the reload is done or failed;
     * without, it is complete once the reload is under way (requests that come while one waits to run are folded
     * into it). Nobody's thread waits for it.
     */
    CompletableFuture<Outcome> reload(boolean wait);

    /** Successful reloads since start. */
    long count();

    /** The last reload's result as a JSON object ({@code {"status":"ok","time":…}}), or {@code null} before any. */
    String lastJson();

    /**
     * A reload request's answer.
     *
     * @param status HTTP status
     * @param body   JSON body
     */
    record Outcome(int status, String body) {
    }
}
