package io.sluice.input.tcp;

import io.sluice.api.PluginException;
import io.sluice.api.config.PluginConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;

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
 */
record TcpSettings(String listen, int port, int bufferSize, int chunkSize, boolean json, byte[] separator,
                   String sourceAddressKey) {

    /** Reads the settings, failing with a message that names the key to fix. */
    static TcpSettings from(PluginConfig config, Logger log) throws PluginException {
        int port = config.getInt("port", 5170);
        if (port < 0 || port > 65535) {
            throw new PluginException("tcp: invalid Port " + port + ", expected 0 to 65535");
        }
        // As Fluent Bit: sizes are atoi() of the value, in KB ("32k" is 32 KB, "1M" is 1 KB).
        long chunkKb = kilobytes(config, "chunk_size", log);
        long bufferKb = config.isSet("buffer_size") ? kilobytes(config, "buffer_size", log) : chunkKb;
        if (chunkKb <= 0 || bufferKb <= 0 || chunkKb > 1_048_576 || bufferKb > 1_048_576) {
            throw new PluginException("tcp: Chunk_Size and Buffer_Size must be between 1 and 1048576 (KB)");
        }
        byte[] separator = unescape(config.getString("separator"));
        if (separator.length == 0) {
            throw new PluginException("tcp: Separator must not be empty");
        }
        String key = config.getString("source_address_key");
        return new TcpSettings(config.getString("listen"), port, (int) (bufferKb * 1024), (int) (chunkKb * 1024),
                !"none".equalsIgnoreCase(config.getString("format")), separator,
                key == null || key.isEmpty() ? null : key);
    }

    /** The leading whole number of a size in KB, as C's {@code atoi}; a suffix is ignored with a warning. */
    private static long kilobytes(PluginConfig config, String key, Logger log) {
        String text = config.getString(key).trim();
        int i = 0;
        while (i < text.length() && i < 10 && Character.isDigit(text.charAt(i))) {
            i++;
        }
        long kb = i == 0 ? 0 : Long.parseLong(text.substring(0, i));
        if (i < text.length()) {
            log.warn("{} '{}' is read as {} KB (the value is in KB; the suffix is ignored)", key, text, kb);
        }
        return kb;
    }

    /** The bytes of {@code text} with the escapes {@code \n \r \t \a \b \v \f \\} replaced; others kept as written. */
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
            default: return -1;
        }
    }
}
