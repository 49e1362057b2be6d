package io.sluice.bench.e2e;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Socket;
import java.nio.ByteOrder;

/**
 * One accepted connection of the {@link SeqReceiver}, on its own thread: the upgrade, then RFC 6455 frames read
 * straight into a reused message buffer, unmasked eight bytes at a time, and scanned in place (text: JSON lines,
 * binary: msgpack events). Pings are answered at once, so a Pong follows every frame read before its Ping, which is
 * what sluice's confirm_delivery relies on; a Close is answered and ends the connection.
 */
final class ReceiverConnection implements Runnable {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final long MAX_MESSAGE = 256L * 1024 * 1024;

    private final Socket socket;
    private final SeqReceiver owner;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;
    private byte[] message = new byte[4 * 1024 * 1024];
    private int messageLength;
    private int messageOpcode = -1;
    private final byte[] control = new byte[125];
    private final SeqBatch batch = new SeqBatch();
    private final MsgpackSeqScanner msgpack = new MsgpackSeqScanner();

    ReceiverConnection(Socket socket, SeqReceiver owner) throws IOException {
        this.socket = socket;
        this.owner = owner;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    @Override
    public void run() {
        try (socket) {
            if (!upgrade()) {
                return;
            }
            owner.opened();
            while (frame()) {
                // one frame per step until a Close or the end of the stream
            }
        } catch (EOFException e) {
            // the client went away; lost records show in the ledger
        } catch (IOException | RuntimeException e) {
            if (!owner.stopping()) {
                owner.failed(e);
            }
        }
    }

    private boolean upgrade() throws IOException {
        int end;
        while ((end = headEnd()) < 0) {
            if (limit == buffer.length || !fill()) {
                owner.failed(new IOException("no complete upgrade request"));
                return false;
            }
        }
        byte[] response = ServerHandshake.respond(buffer, end);
        if (response == null) {
            out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes());
            owner.failed(new IOException("not a WebSocket upgrade"));
            return false;
        }
        out.write(response);
        pos = end;
        return true;
    }

    private int headEnd() {
        for (int i = 3; i < limit; i++) {
            if (buffer[i] == '\n' && buffer[i - 1] == '\r' && buffer[i - 2] == '\n' && buffer[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Reads and handles one frame; false after a Close. */
    private boolean frame() throws IOException {
        int b0 = readByte();
        int b1 = readByte();
        int opcode = b0 & 0x0f;
        boolean fin = (b0 & 0x80) != 0;
        if ((b0 & 0x70) != 0 || (b1 & 0x80) == 0) {
            throw new IOException("bad frame: RSV bits set or client frame not masked (0x"
                    + Integer.toHexString(b0) + Integer.toHexString(b1) + ")");
        }
        long length = b1 & 0x7f;
        if (length == 126) {
            length = readByte() << 8 | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = length << 8 | readByte();
            }
        }
        int mask = readByte() << 24 | readByte() << 16 | readByte() << 8 | readByte();
        if (opcode >= 8) {
            if (length > 125 || !fin) {
                throw new IOException("bad control frame");
            }
            readFully(control, 0, (int) length);
            unmask(control, 0, (int) length, mask);
            return control(opcode, (int) length);
        }
        if (opcode == 0 ? messageOpcode < 0 : messageOpcode >= 0 || opcode > 2) {
            throw new IOException("bad data frame sequence, opcode " + opcode);
        }
        if (messageLength + length > MAX_MESSAGE) {
            throw new IOException("message over " + MAX_MESSAGE + " bytes");
        }
        if (opcode != 0) {
            messageOpcode = opcode;
        }
        int n = (int) length;
        ensureMessageCapacity(messageLength + n);
        readFully(message, messageLength, n);
        unmask(message, messageLength, n, mask);
        messageLength += n;
        if (fin) {
            deliver();
        }
        return true;
    }

    private boolean control(int opcode, int length) throws IOException {
        switch (opcode) {
            case 0x9 -> reply(0xA, length);
            case 0x8 -> {
                reply(0x8, length);
                return false;
            }
            case 0xA -> {
                // an unsolicited or late Pong: nothing to do
            }
            default -> throw new IOException("unknown control opcode " + opcode);
        }
        return true;
    }

    /** An unmasked server frame with the control payload just read (Pong for a Ping, Close for a Close). */
    private void reply(int opcode, int length) throws IOException {
        byte[] frame = new byte[2 + length];
        frame[0] = (byte) (0x80 | opcode);
        frame[1] = (byte) length;
        System.arraycopy(control, 0, frame, 2, length);
        out.write(frame);
        out.flush();
    }

    private void deliver() {
        batch.clear();
        // text frames, or binary ones holding JSON (another forwarder may send json_lines as binary): a msgpack
        // event starts with an array header (0x90-0x9f, 0xdc, 0xdd), never with '{', '[' or white space
        int first = messageLength > 0 ? message[0] : 0;
        if (messageOpcode == 1 || first == '{' || first == '[' || first == ' ' || first == '\n') {
            JsonSeqScanner.scan(message, 0, messageLength, batch);
        } else {
            msgpack.scan(message, 0, messageLength, batch);
        }
        owner.ledger().accept(batch.seqs, batch.count);
        messageLength = 0;
        messageOpcode = -1;
    }

    private void ensureMessageCapacity(int needed) {
        if (needed > message.length) {
            message = java.util.Arrays.copyOf(message, Math.max(needed, message.length * 2));
        }
    }

    /** XORs {@code a[from, from+length)} with the 4-byte key {@code mask}, repeated from the first byte. */
    static void unmask(byte[] a, int from, int length, int mask) {
        long mask64 = (mask & 0xFFFFFFFFL) << 32 | (mask & 0xFFFFFFFFL);
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            LONGS.set(a, from + i, (long) LONGS.get(a, from + i) ^ mask64);
        }
        for (; i < length; i++) {
            a[from + i] ^= (byte) (mask >>> (24 - 8 * (i & 3)));
        }
    }

    private int readByte() throws IOException {
        if (pos == limit && !fill()) {
            throw new EOFException();
        }
        return buffer[pos++] & 0xff;
    }

    /** What is buffered first, then straight from the socket into {@code into}: one copy for large payloads. */
    private void readFully(byte[] into, int at, int length) throws IOException {
        int buffered = Math.min(length, limit - pos);
        System.arraycopy(buffer, pos, into, at, buffered);
        pos += buffered;
        int done = buffered;
        while (done < length) {
            int n = in.read(into, at + done, length - done);
            if (n < 0) {
                throw new EOFException();
            }
            done += n;
        }
    }

    /** Reads more into the header buffer (moving what is left to its start); false at the end of the stream. */
    private boolean fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buffer, pos, buffer, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            return false;
        }
        limit += n;
        return true;
    }
}
