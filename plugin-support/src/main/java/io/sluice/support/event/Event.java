package io.sluice.support.event;

import java.util.Map;

/**
 * One log event as objects, for tests, configuration-driven inputs and anything off the hot path.
 *
 * @param time     when it happened
 * @param metadata its metadata map (empty for tcp and cpu)
 * @param body     its record, keys in order
 */
public record Event(EventTime time, Map<String, Object> metadata, Map<String, Object> body) {
}
