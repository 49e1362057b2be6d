package io.sluice.input.tcp;

import io.sluice.api.config.PluginConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The validated settings of one tcp input.
 *
 * @param listen           address to bind
 * @param port             port to bind, 0 for any free one
 * @param bufferSize       largest record in bytes (Buffer_Size KB × 1024)
 * @param chunkSize        bytes read per socket read (Chunk_Size KB × 1024)
 * @param json             {@code true} for format json, {@code false} for none
 * @param separator        the unescaped separator bytes of format none
 * @param sourceAddressKey the key of the peer address, or {@code null}
 * @param workers          selector threads reading connections (at least 1)
 */
record TcpSettings(String listen, int port, int bufferSize, int chunkSize, boolean json, byte[] separator,
                   String sourceAddressKey, int workers) {

    /** The most one socket read takes: a kernel receive buffer holds less, so a larger read buffer only costs heap. */
    static final int MAX_READ_SIZE = 1024 * 1024;
    /** The most selector threads {@code Workers} defaults to. */
    static final int DEFAULT_MAX_WORKERS = 4;

    /** Reads a configuration that core and {@link TcpInputPlugin#validate} have already checked. */
    static TcpSettings from(PluginConfig config) {
        int chunkKb = config.get(TcpInputPlugin.CHUNK_SIZE);
        // as Fluent Bit: without a Buffer_Size, a record may be as large as one read
        int bufferKb = config.isSet(TcpInputPlugin.BUFFER_SIZE) ? config.get(TcpInputPlugin.BUFFER_SIZE) : chunkKb;
        String key = config.get(TcpInputPlugin.SOURCE_ADDRESS_KEY);
        Integer workers = config.get(TcpInputPlugin.WORKERS);
        return new TcpSettings(config.get(TcpInputPlugin.LISTEN), config.get(TcpInputPlugin.PORT), bufferKb * 1024,
                chunkKb * 1024, TcpInputPlugin.JSON.equals(config.get(TcpInputPlugin.FORMAT)),
                unescape(config.get(TcpInputPlugin.SEPARATOR)), key == null || key.isEmpty() ? null : key,
                workers != null ? workers : defaultWorkers(Runtime.getRuntime().availableProcessors()));
    }

    /** One selector thread per processor the JVM may use, at most {@value #DEFAULT_MAX_WORKERS}. */
    static int defaultWorkers(int processors) {
        return Math.max(1, Math.min(processors, DEFAULT_MAX_WORKERS));
    }

    /** The bytes one socket read takes: Chunk_Size, at most {@value #MAX_READ_SIZE}. */
    int readSize() {
        return Math.min(chunkSize, MAX_READ_SIZE);
    }

    /**
     * The bytes of {@code text} with the escapes {@code \n \r \t \a \b \v \f \\} and {@code \0} (a NUL byte)
     * replaced; others kept as written.
     */
    static byte[] unescape(String text) {
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\\' && i + 1 < in.length) {
                int c = escaped(in[i + 1]);
                if (c >= 0) {
                    out.write(c);
                    i++;
                    continue;
                }
            }
            out.write(in[i]);
        }
        return out.toByteArray();
    }

    private static int escaped(byte b) {
        switch (b) {
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'a': return 0x07;
            case 'b': return '\b';
            case 'v': return 0x0b;
            case 'f': return '\f';
            case '\\': return '\\';
            case '0': return 0;
            default: return -1;
        }
    }
}
