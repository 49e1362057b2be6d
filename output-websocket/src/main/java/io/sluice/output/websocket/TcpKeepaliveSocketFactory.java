package io.sluice.output.websocket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/** Turns on SO_KEEPALIVE ({@code net.tcp_keepalive on}) for every socket of the wrapped factory. */
final class TcpKeepaliveSocketFactory extends SocketFactory {

    private final SocketFactory delegate;

    TcpKeepaliveSocketFactory(SocketFactory delegate) {
        this.delegate = delegate;
    }

    private static Socket keepalive(Socket socket) throws IOException {
        socket.setKeepAlive(true);
        return socket;
    }

    @Override
    public Socket createSocket() throws IOException {
        return keepalive(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return keepalive(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return keepalive(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return keepalive(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return keepalive(delegate.createSocket(address, port, localAddress, localPort));
    }
}
