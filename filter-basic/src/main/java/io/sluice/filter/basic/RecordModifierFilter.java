package io.sluice.filter.basic;

import io.sluice.api.FilterContext;
import io.sluice.support.event.EventBuffer;
import java.util.List;
import java.util.UUID;

/**
 * One record_modifier instance: keeps the surviving keys in their order, then the Record entries (replacing keys of
 * the same name), then the UUID. A record left with nothing becomes {@code {}}; it never vanishes.
 */
final class RecordModifierFilter extends RecordFilter {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Str[][] records;
    private final RecordModifierSettings.KeyPattern[] remove;
    private final RecordModifierSettings.KeyPattern[] allow;
    private final Str uuidKey;
    private final Entries entries = new Entries();
    private final byte[] uuid = new byte[36];

    RecordModifierFilter(FilterContext context, RecordModifierSettings settings) {
        super(context, false);
        List<Str[]> list = settings.records();
        records = list.toArray(new Str[0][]);
        remove = settings.remove().toArray(new RecordModifierSettings.KeyPattern[0]);
        allow = settings.allow().toArray(new RecordModifierSettings.KeyPattern[0]);
        uuidKey = settings.uuidKey();
    }

    @Override
    void process() {
        if (!ev.bodyIsMap()) {
            passNotAMap();
            return;
        }
        Entries e = entries;
        load(e);
        int n = e.size();
        for (int i = n - 1; i >= 0; i--) {
            if (isDropped(i)) {
                e.remove(i);
            }
        }
        int appended = records.length + (uuidKey != null ? 1 : 0);
        if (e.size() == n && appended == 0) {
            out.keep(ev);
            return;
        }
        EventBuffer b = out.rewrite(ev);
        b.writeMapHeader(e.size() + appended);
        // the surviving entries are copied in as few pieces as they form: one for a record that lost none
        e.writeEntries(b);
        for (Str[] r : records) {
            b.write(r[0].encoded);
            b.write(r[1].encoded);
        }
        if (uuidKey != null) {
            b.write(uuidKey.encoded);
            writeUuid(b);
        }
        out.endRewrite();
    }

    private boolean isDropped(int i) {
        Entries e = entries;
        for (Str[] r : records) {
            if (e.keyIs(i, r[0].raw)) {
                return true;
            }
        }
        if (uuidKey != null && e.keyIs(i, uuidKey.raw)) {
            return true;
        }
        for (RecordModifierSettings.KeyPattern p : remove) {
            if (p.matches(e, i)) {
                return true;
            }
        }
        if (allow.length > 0) {
            for (RecordModifierSettings.KeyPattern p : allow) {
                if (p.matches(e, i)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private void writeUuid(EventBuffer b) {
        UUID u = UUID.randomUUID();
        long hi = u.getMostSignificantBits();
        long lo = u.getLeastSignificantBits();
        int p = 0;
        for (int i = 0; i < 32; i++) {
            if (i == 8 || i == 12 || i == 16 || i == 20) {
                uuid[p++] = '-';
            }
            long word = i < 16 ? hi : lo;
            int shift = 60 - 4 * (i & 15);
            uuid[p++] = HEX[(int) (word >>> shift) & 0xf];
        }
        b.writeString(uuid, 0, 36);
    }
}
