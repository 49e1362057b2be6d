package io.sluice.core.builtin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.support.event.EventBuffer;
import java.io.IOException;

/** Encodes one JSON object from configuration text as msgpack, with jackson-core's streaming parser. */
final class JsonObjectEncoder {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_DEPTH = 256;

    private JsonObjectEncoder() {
    }

    /** The msgpack bytes of the object in {@code text}; throws {@link IllegalArgumentException} saying what is wrong. */
    static byte[] encode(String text) {
        EventBuffer out = new EventBuffer(Math.max(64, text.length()));
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("expected a JSON object, got " + describe(first));
            }
            writeValue(parser, first, out, 0);
            JsonToken rest = parser.nextToken();
            if (rest != null) {
                throw new IllegalArgumentException("unexpected " + describe(rest) + " after the object");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage() + " at column "
                    + e.getLocation().getColumnNr(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void writeValue(JsonParser p, JsonToken token, EventBuffer out, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("nesting deeper than " + MAX_DEPTH + " levels");
        }
        switch (token) {
            case START_OBJECT -> {
                int mark = out.beginMap();
                int n = 0;
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    out.writeString(p.currentName());
                    writeValue(p, p.nextToken(), out, depth + 1);
                    n++;
                }
                out.endMap(mark, n);
            }
            case START_ARRAY -> {
                int mark = out.beginArray();
                int n = 0;
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    writeValue(p, t, out, depth + 1);
                    n++;
                }
                out.endArray(mark, n);
            }
            case VALUE_STRING -> out.writeString(p.getText());
            case VALUE_NUMBER_INT -> out.writeValue(p.getNumberValue());
            case VALUE_NUMBER_FLOAT -> out.writeDouble(p.getDoubleValue());
            case VALUE_TRUE -> out.writeBoolean(true);
            case VALUE_FALSE -> out.writeBoolean(false);
            case VALUE_NULL -> out.writeNil();
            default -> throw new IllegalArgumentException("unexpected " + describe(token));
        }
    }

    private static String describe(JsonToken token) {
        return token == null ? "end of input" : token.asString() == null ? token.name() : "'" + token.asString() + "'";
    }
}
