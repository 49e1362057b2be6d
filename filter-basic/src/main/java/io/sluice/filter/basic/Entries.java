package io.sluice.filter.basic;

import io.sluice.support.accessor.MalformedMsgpackException;
import io.sluice.support.accessor.MsgpackReader;
import io.sluice.support.accessor.RecordAccessor;
import io.sluice.support.event.EventBuffer;
import java.util.Arrays;

/**
 * The top-level entries of one record as byte ranges, for filters that rewrite records: each entry's key and value
 * point into the input batch or into a configured {@link Str}, so removing, renaming, inserting and moving entries
 * copies no bytes until the record is written with {@link #writeMap}. Reused from record to record; not
 * thread-safe.
 */
final class Entries {

    private static final int STRING = 1;
    private static final int OTHER = 0;

    // per entry, six ints: key start (header), key payload start, key end, value start, value end, key type
    private static final int KS = 0;
    private static final int KP = 1;
    private static final int KE = 2;
    private static final int VS = 3;
    private static final int VE = 4;
    private static final int TYPE = 5;
    private static final int STRIDE = 6;

    private byte[][] kArr = new byte[16][];
    private byte[][] vArr = new byte[16][];
    private int[] f = new int[16 * STRIDE];
    private int size;
    private Entries scratch;

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    /** Reads the map at {@code mapPos}; false (and no entries) when the value there is not a map. */
    boolean load(MsgpackReader r, int mapPos) {
        size = 0;
        r.position(mapPos);
        if (r.kind() != MsgpackReader.MAP) {
            return false;
        }
        int n = r.readMapHeader();
        byte[] data = r.data();
        int limit = r.limit();
        for (int i = 0; i < n; i++) {
            int ks = r.position();
            int b = ks < limit ? data[ks] & 0xff : -1;
            int pay;
            int ke;
            int type;
            if (b >= 0xa0 && b <= 0xbf) {
                // fixstr, the usual key
                pay = ks + 1;
                ke = pay + (b & 0x1f);
                if (ke > limit) {
                    throw MalformedMsgpackException.INSTANCE;
                }
                r.position(ke);
                type = STRING;
            } else {
                int kind = r.kind();
                if (kind == MsgpackReader.STR || kind == MsgpackReader.BIN) {
                    int len = r.readBytesHeader();
                    pay = r.position();
                    r.skip(len);
                    ke = pay + len;
                    type = STRING;
                } else {
                    r.skipValue();
                    pay = ke = r.position();
                    type = OTHER;
                }
            }
            r.skipValue();
            append(data, ks, pay, ke, type, data, ke, r.position());
        }
        return true;
    }

    private void grow() {
        int cap = kArr.length * 2;
        kArr = Arrays.copyOf(kArr, cap);
        vArr = Arrays.copyOf(vArr, cap);
        f = Arrays.copyOf(f, cap * STRIDE);
    }

    private void append(byte[] ka, int ks, int kp, int ke, int type, byte[] va, int vs, int ve) {
        if (size == kArr.length) {
            grow();
        }
        set(size++, ka, ks, kp, ke, type, va, vs, ve);
    }

    private void set(int i, byte[] ka, int ks, int kp, int ke, int type, byte[] va, int vs, int ve) {
        kArr[i] = ka;
        vArr[i] = va;
        int o = i * STRIDE;
        int[] a = f;
        a[o + KS] = ks;
        a[o + KP] = kp;
        a[o + KE] = ke;
        a[o + VS] = vs;
        a[o + VE] = ve;
        a[o + TYPE] = type;
    }

    /** Appends {@code key: value} at the end. */
    void add(Str key, Str value) {
        append(key.encoded, 0, key.payload, key.encoded.length, STRING, value.encoded, 0, value.encoded.length);
    }

    /** Inserts {@code key: <the value of entry from>} at {@code at}, shifting later entries. */
    void insertCopy(int at, Str key, int from) {
        byte[] va = vArr[from];
        int vs = f[from * STRIDE + VS];
        int ve = f[from * STRIDE + VE];
        if (size == kArr.length) {
            grow();
        }
        int tail = size - at;
        System.arraycopy(kArr, at, kArr, at + 1, tail);
        System.arraycopy(vArr, at, vArr, at + 1, tail);
        System.arraycopy(f, at * STRIDE, f, (at + 1) * STRIDE, tail * STRIDE);
        size++;
        set(at, key.encoded, 0, key.payload, key.encoded.length, STRING, va, vs, ve);
    }

    /** Removes entry {@code i}. */
    void remove(int i) {
        int tail = size - i - 1;
        if (tail > 0) {
            System.arraycopy(kArr, i + 1, kArr, i, tail);
            System.arraycopy(vArr, i + 1, vArr, i, tail);
            System.arraycopy(f, (i + 1) * STRIDE, f, i * STRIDE, tail * STRIDE);
        }
        size--;
        kArr[size] = null;
        vArr[size] = null;
    }

    /** Gives entry {@code i} the key {@code key}, keeping its value and place. */
    void renameKey(int i, Str key) {
        kArr[i] = key.encoded;
        int o = i * STRIDE;
        f[o + KS] = 0;
        f[o + KP] = key.payload;
        f[o + KE] = key.encoded.length;
        f[o + TYPE] = STRING;
    }

    /** Moves the entries for which {@code selected[i]} holds to the front (or the back), keeping relative order. */
    void partition(boolean[] selected, boolean toFront) {
        if (scratch == null) {
            scratch = new Entries();
        }
        Entries c = scratch;
        c.size = 0;
        for (int i = 0; i < size; i++) {
            int o = i * STRIDE;
            c.append(kArr[i], f[o + KS], f[o + KP], f[o + KE], f[o + TYPE], vArr[i], f[o + VS], f[o + VE]);
        }
        int out = 0;
        for (int pass = 0; pass < 2; pass++) {
            boolean want = (pass == 0) == toFront;
            for (int i = 0; i < c.size; i++) {
                if (selected[i] == want) {
                    int o = i * STRIDE;
                    int[] cf = c.f;
                    set(out++, c.kArr[i], cf[o + KS], cf[o + KP], cf[o + KE], cf[o + TYPE], c.vArr[i], cf[o + VS],
                            cf[o + VE]);
                }
            }
        }
    }

    /** Whether entry {@code i} has a string (or binary) key. */
    boolean hasStringKey(int i) {
        return f[i * STRIDE + TYPE] == STRING;
    }

    /** Whether entry {@code i}'s key is exactly {@code key}. */
    boolean keyIs(int i, byte[] key) {
        int o = i * STRIDE;
        int[] a = f;
        return a[o + KE] - a[o + KP] == key.length && a[o + TYPE] == STRING && RecordAccessor.equal(kArr[i], a[o + KP], key);
    }

    /** Whether entry {@code i}'s key is {@code key} ignoring ASCII case. */
    boolean keyIsIgnoreCase(int i, byte[] key) {
        int o = i * STRIDE;
        return f[o + TYPE] == STRING && f[o + KE] - f[o + KP] == key.length && regionIgnoreCase(i, key);
    }

    /** Whether entry {@code i}'s key starts with {@code prefix}. */
    boolean keyStartsWith(int i, byte[] prefix) {
        int o = i * STRIDE;
        return f[o + TYPE] == STRING && f[o + KE] - f[o + KP] >= prefix.length
                && RecordAccessor.equal(kArr[i], f[o + KP], prefix);
    }

    /** Whether entry {@code i}'s key starts with {@code prefix} ignoring ASCII case. */
    boolean keyStartsWithIgnoreCase(int i, byte[] prefix) {
        int o = i * STRIDE;
        return f[o + TYPE] == STRING && f[o + KE] - f[o + KP] >= prefix.length && regionIgnoreCase(i, prefix);
    }

    private boolean regionIgnoreCase(int i, byte[] other) {
        byte[] k = kArr[i];
        int p = f[i * STRIDE + KP];
        for (int j = 0; j < other.length; j++) {
            int a = k[p + j];
            int b = other[j];
            if (a != b) {
                if (a >= 'A' && a <= 'Z') {
                    a += 32;
                }
                if (b >= 'A' && b <= 'Z') {
                    b += 32;
                }
                if (a != b) {
                    return false;
                }
            }
        }
        return true;
    }

    /** How many entries have the key {@code key}. */
    int count(byte[] key) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (keyIs(i, key)) {
                n++;
            }
        }
        return n;
    }

    /** The index of the first entry with key {@code key}, or -1. */
    int indexOf(byte[] key) {
        for (int i = 0; i < size; i++) {
            if (keyIs(i, key)) {
                return i;
            }
        }
        return -1;
    }

    /** The array holding entry {@code i}'s key payload. */
    byte[] keyArray(int i) {
        return kArr[i];
    }

    int keyPayload(int i) {
        return f[i * STRIDE + KP];
    }

    int keyEnd(int i) {
        return f[i * STRIDE + KE];
    }

    int valueStart(int i) {
        return f[i * STRIDE + VS];
    }

    /** Writes entry {@code i}'s key as it is. */
    void writeKey(EventBuffer out, int i) {
        int o = i * STRIDE;
        out.write(kArr[i], f[o + KS], f[o + KE] - f[o + KS]);
    }

    /** Writes entry {@code i}'s value as it is. */
    void writeValue(EventBuffer out, int i) {
        int o = i * STRIDE;
        out.write(vArr[i], f[o + VS], f[o + VE] - f[o + VS]);
    }

    /** Writes entry {@code i}, key and value. */
    void writeEntry(EventBuffer out, int i) {
        int o = i * STRIDE;
        if (kArr[i] == vArr[i] && f[o + KE] == f[o + VS]) {
            out.write(kArr[i], f[o + KS], f[o + VE] - f[o + KS]);
        } else {
            writeKey(out, i);
            writeValue(out, i);
        }
    }

    /** Writes all entries as a map, copying runs of entries that lie side by side in one array in one piece. */
    void writeMap(EventBuffer out) {
        out.writeMapHeader(size);
        writeEntries(out);
    }

    /** Writes all entries, without a map header, as {@link #writeMap} does. */
    void writeEntries(EventBuffer out) {
        int[] a = f;
        int i = 0;
        while (i < size) {
            byte[] arr = kArr[i];
            int o = i * STRIDE;
            if (arr != vArr[i] || a[o + KE] != a[o + VS]) {
                writeKey(out, i);
                writeValue(out, i);
                i++;
                continue;
            }
            int from = a[o + KS];
            int to = a[o + VE];
            int j = i + 1;
            while (j < size) {
                int q = j * STRIDE;
                if (kArr[j] != arr || vArr[j] != arr || a[q + KS] != to || a[q + KE] != a[q + VS]) {
                    break;
                }
                to = a[q + VE];
                j++;
            }
            out.write(arr, from, to - from);
            i = j;
        }
    }
}
