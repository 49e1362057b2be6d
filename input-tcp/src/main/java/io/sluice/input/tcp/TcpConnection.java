package io.sluice.input.tcp;

import java.nio.channels.SocketChannel;

/**
 * One client connection: its channel, its decoder and its address as {@code tcp://IP:PORT}. Created by the
 * acceptor, then used only by the selector thread it was handed to.
 */
record TcpConnection(SocketChannel channel, RecordDecoder decoder, String peer) {
}
