package io.sluice.distribution.fake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.support.event.Event;
import io.sluice.support.event.EventDecoder;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Splits message payloads into records, strictly per format. */
final class RecordSplitter {

    private static final JsonFactory JSON = new JsonFactory();

    private RecordSplitter() {
    }

    static List<Map<String, Object>> split(RecordFormat format, ReceivedMessage message) {
        switch (format) {
            case AUTO:
                return message.type() == MessageType.BINARY ? msgpack(message.payload()) : jsonValues(message, true);
            case MSGPACK:
                requireType(message, MessageType.BINARY);
                return msgpack(message.payload());
            case JSON: {
                requireType(message, MessageType.TEXT);
                String text = message.text();
                if (!text.startsWith("[") || !text.endsWith("]")) {
                    throw new IllegalArgumentException("not a single JSON array");
                }
                List<Object> values = parseAll(message.payload(), 0, message.size());
                if (values.size() != 1 || !(values.get(0) instanceof List<?> array)) {
                    throw new IllegalArgumentException("not a single JSON array");
                }
                List<Map<String, Object>> records = new ArrayList<>(array.size());
                for (Object element : array) {
                    records.add(asRecord(element));
                }
                return records;
            }
            case JSON_LINES:
                requireType(message, MessageType.TEXT);
                return jsonLines(message.payload());
            case JSON_STREAM:
                requireType(message, MessageType.TEXT);
                return jsonValues(message, false);
            default:
                throw new IllegalArgumentException("unknown format " + format);
        }
    }

    private static void requireType(ReceivedMessage message, MessageType expected) {
        if (message.type() != expected) {
            throw new IllegalArgumentException("it came in a " + message.type() + " frame, expected " + expected);
        }
    }

    private static List<Map<String, Object>> msgpack(byte[] payload) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Event event : EventDecoder.decode(payload, 0, payload.length)) {
            records.add(event.body());
        }
        return records;
    }

    private static List<Map<String, Object>> jsonLines(byte[] payload) {
        if (payload.length == 0 || payload[payload.length - 1] != '\n') {
            throw new IllegalArgumentException("does not end with a newline");
        }
        List<Map<String, Object>> records = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == '\n') {
                if (i == start) {
                    throw new IllegalArgumentException("empty line at byte " + i);
                }
                List<Object> values = parseAll(payload, start, i - start);
                if (values.size() != 1 || !(values.get(0) instanceof Map)) {
                    throw new IllegalArgumentException("line at byte " + start + " is not exactly one JSON object");
                }
                records.add(asRecord(values.get(0)));
                start = i + 1;
            }
        }
        return records;
    }

    /** Root values in order: objects are records; with {@code arrays}, arrays of objects are unpacked. */
    private static List<Map<String, Object>> jsonValues(ReceivedMessage message, boolean arrays) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Object value : parseAll(message.payload(), 0, message.size())) {
            if (value instanceof List<?> list && arrays) {
                for (Object element : list) {
                    records.add(asRecord(element));
                }
            } else {
                records.add(asRecord(value));
            }
        }
        return records;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asRecord(Object value) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException("a record is not a JSON object: " + value);
    }

    private static List<Object> parseAll(byte[] data, int offset, int length) {
        List<Object> values = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(data, offset, length)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                values.add(value(parser, token));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
        }
        return values;
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    map.put(name, value(parser, parser.nextToken()));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(value(parser, next));
                }
                return list;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT: {
                Number n = parser.getNumberValue();
                return n instanceof BigInteger big && big.bitLength() > 63 ? big : (Object) n.longValue();
            }
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IllegalArgumentException("unexpected JSON token " + token);
        }
    }
}
