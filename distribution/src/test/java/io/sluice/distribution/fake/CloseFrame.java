package io.sluice.distribution.fake;

/**
 * A close frame the client sent.
 *
 * @param connectionId the connection it came on
 * @param code         its status code, or 1005 when it carried none
 * @param reason       its reason text (may be empty)
 */
public record CloseFrame(int connectionId, int code, String reason) {
}
