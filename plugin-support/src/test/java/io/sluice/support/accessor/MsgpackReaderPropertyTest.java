package io.sluice.support.accessor;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class MsgpackReaderPropertyTest {

    @Property(tries = 2000)
    void randomBytesNeverEscapeAsAnythingButMalformed(@ForAll @Size(max = 64) byte[] bytes) {
        MsgpackReader r = new MsgpackReader().reset(bytes, 0, bytes.length);
        try {
            while (r.hasMore()) {
                int before = r.position();
                r.skipValue();
                assertThat(r.position()).isGreaterThan(before).isLessThanOrEqualTo(bytes.length);
            }
        } catch (MalformedMsgpackException expected) {
            // fine
        }
        try {
            RecordAccessor.parse("$a['b'][1]").find(r.reset(bytes, 0, bytes.length), 0);
        } catch (MalformedMsgpackException expected) {
            // fine
        }
    }

    @Test
    void readsEveryScalarForm() {
        byte[] b = Bodies.of(java.util.List.of(1, -1, 300, -300, 70000, -70000, 5_000_000_000L, -5_000_000_000L,
                1.5, true, false, "s"));
        MsgpackReader r = Bodies.reader(b);
        assertThat(r.readArrayHeader()).isEqualTo(12);
        assertThat(r.readLong()).isEqualTo(1);
        assertThat(r.readLong()).isEqualTo(-1);
        assertThat(r.readLong()).isEqualTo(300);
        assertThat(r.readLong()).isEqualTo(-300);
        assertThat(r.readLong()).isEqualTo(70000);
        assertThat(r.readLong()).isEqualTo(-70000);
        assertThat(r.readLong()).isEqualTo(5_000_000_000L);
        assertThat(r.readLong()).isEqualTo(-5_000_000_000L);
        assertThat(r.readDouble()).isEqualTo(1.5);
        assertThat(r.readBoolean()).isTrue();
        assertThat(r.readBoolean()).isFalse();
        assertThat(r.readBytesHeader()).isEqualTo(1);
        r.skip(1);
        assertThat(r.hasMore()).isFalse();
    }

    @Test
    void readsExtHeadersOfEveryLength() {
        byte[] b = {(byte) 0xd7, 0, 1, 2, 3, 4, 5, 6, 7, 8, (byte) 0xc7, 2, 5, 9, 9, (byte) 0xc8, 0, 1, 6, 1,
            (byte) 0xc9, 0, 0, 0, 1, 7, 2};
        MsgpackReader r = Bodies.reader(b);
        assertThat(r.readExtHeader()).isEqualTo(8);
        assertThat(r.extType()).isZero();
        r.skip(8);
        assertThat(r.readExtHeader()).isEqualTo(2);
        assertThat(r.extType()).isEqualTo(5);
        r.skip(2);
        assertThat(r.readExtHeader()).isEqualTo(1);
        assertThat(r.extType()).isEqualTo(6);
        r.skip(1);
        r.skipValue();
        assertThat(r.hasMore()).isFalse();
    }
}
