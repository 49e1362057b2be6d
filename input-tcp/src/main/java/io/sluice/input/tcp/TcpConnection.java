package io.sluice.input.tcp;

import java.nio.channels.SocketChannel;

/**
 * One client connection: its channel, its decoder and its address as {@code tcp://IP:PORT}. Used only by the
 * selector thread.
 */
record TcpConnection(SocketChannel channel, RecordDecoder decoder, String peer) {
}
