package io.sluice.distribution.fake;

/** The frame type a WebSocket message arrived in. */
public enum MessageType {
    TEXT,
    BINARY
}
