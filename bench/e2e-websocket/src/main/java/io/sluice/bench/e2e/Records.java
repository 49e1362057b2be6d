package io.sluice.bench.e2e;

import io.sluice.support.event.EventBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's records, generated before any clock starts: about 166 bytes each,
 * {@code {"key 1": 123456789, "key 2": "abcdefg", "seq": N, "msg": "<100 characters>"}} and a newline.
 */
final class Records {

    static final String MSG = "The quick brown fox jumps over the lazy dog while sluice forwards every record "
            + "it reads; none lost!!";

    private Records() {
    }

    /** {@code count} records as one newline-separated byte stream, seqs {@code from} on, built in place. */
    static byte[] tcpPayload(int from, int count) {
        if (MSG.length() != 100) {
            throw new IllegalStateException("msg must be 100 characters, is " + MSG.length());
        }
        byte[] head = "{\"key 1\": 123456789, \"key 2\": \"abcdefg\", \"seq\": ".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = (", \"msg\": \"" + MSG + "\"}\n").getBytes(StandardCharsets.US_ASCII);
        long size = (long) count * (head.length + tail.length);
        for (int seq = from; seq < from + count; seq++) {
            size += digits(seq);
        }
        byte[] out = new byte[Math.toIntExact(size)];
        int p = 0;
        for (int seq = from; seq < from + count; seq++) {
            System.arraycopy(head, 0, out, p, head.length);
            p += head.length;
            int end = p + digits(seq);
            for (int v = seq, i = end - 1; i >= p; i--, v /= 10) {
                out[i] = (byte) ('0' + v % 10);
            }
            p = end;
            System.arraycopy(tail, 0, out, p, tail.length);
            p += tail.length;
        }
        return out;
    }

    /** The length of the first {@code count} records (lines) of {@code payload}. */
    static int tcpLength(byte[] payload, int count) {
        int lines = 0;
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == '\n' && ++lines == count) {
                return i + 1;
            }
        }
        return payload.length;
    }

    private static int digits(int v) {
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    /** json_lines messages as sluice's formatter lays them out, {@code perMessage} records each. */
    static List<String> jsonLinesMessages(int count, int perMessage) {
        List<String> messages = new ArrayList<>();
        StringBuilder text = new StringBuilder(perMessage * 200);
        for (int seq = 0; seq < count; seq++) {
            text.append("{\"date\":1764295508.123456,\"key 1\":123456789,\"key 2\":\"abcdefg\",\"seq\":").append(seq)
                    .append(",\"msg\":\"").append(MSG).append("\"}\n");
            if ((seq + 1) % perMessage == 0 || seq == count - 1) {
                messages.add(text.toString());
                text.setLength(0);
            }
        }
        return messages;
    }

    /** msgpack messages in sluice's event layout ({@code [[time, {}], {body}]}), {@code perMessage} records each. */
    static List<byte[]> msgpackMessages(int count, int perMessage) {
        List<byte[]> messages = new ArrayList<>();
        EventBuffer events = new EventBuffer(perMessage * 180);
        for (int seq = 0; seq < count; seq++) {
            events.beginEvent(1_764_295_508L, 123_456_000);
            events.writeMapHeader(4);
            events.writeString("key 1");
            events.writeLong(123_456_789L);
            events.writeString("key 2");
            events.writeString("abcdefg");
            events.writeString("seq");
            events.writeLong(seq);
            events.writeString("msg");
            events.writeString(MSG);
            events.endEvent();
            if ((seq + 1) % perMessage == 0 || seq == count - 1) {
                messages.add(java.util.Arrays.copyOf(events.array(), events.size()));
                events.clear();
            }
        }
        return messages;
    }
}
